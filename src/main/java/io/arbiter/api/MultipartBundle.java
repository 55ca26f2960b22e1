package io.arbiter.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.multipart.MultipartFormDataInput;

import io.arbiter.input.FieldError;
import io.arbiter.validation.BundleLimits;

/**
 * A publication sent as multipart/form-data: one part per file, named by its file name, and an optional
 * "comment". The server has put each file part on disk, so the bundle limits are checked on the parts' sizes
 * before any of them is read into memory: a bundle over the limits never reaches the heap, let alone the store.
 */
record MultipartBundle(Map<String, String> files, String comment) {

    private record Part(String file, FormValue value) {

        long bytes() throws IOException {
            return value.isFileItem() ? value.getFileItem().getFileSize()
                    : value.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
    }

    static MultipartBundle read(MultipartFormDataInput form) throws IOException {
        String comment = "";
        List<Part> parts = new ArrayList<>();
        for (Map.Entry<String, Collection<FormValue>> named : form.getValues().entrySet()) {
            for (FormValue value : named.getValue()) {
                if (named.getKey().equals("comment") && !value.isFileItem()) {
                    comment = value.getValue();
                } else {
                    parts.add(new Part(value.getFileName() != null ? value.getFileName() : named.getKey(), value));
                }
            }
        }
        if (parts.isEmpty()) {
            throw ProblemException.invalid("no files", List.of(new FieldError("", "send one part per file")));
        }
        checkLimits(parts);
        Map<String, String> files = new LinkedHashMap<>();
        for (Part part : parts) {
            files.put(part.file(), text(part.value()));
        }
        return new MultipartBundle(files, comment);
    }

    private static void checkLimits(List<Part> parts) throws IOException {
        if (parts.size() > BundleLimits.MAX_FILES) {
            throw ProblemException.bundleTooLarge("Bundle too large", "the bundle has " + parts.size()
                    + " file parts; at most " + BundleLimits.MAX_FILES + " are accepted");
        }
        long total = 0;
        for (Part part : parts) {
            long bytes = part.bytes();
            if (bytes > BundleLimits.MAX_FILE_BYTES) {
                throw ProblemException.bundleTooLarge("File too large", part.file() + " has " + bytes
                        + " bytes; at most " + BundleLimits.MAX_FILE_BYTES + " are accepted");
            }
            total += bytes;
        }
        if (total > BundleLimits.MAX_TOTAL_BYTES) {
            throw ProblemException.bundleTooLarge("Bundle too large", "the bundle's files have " + total
                    + " bytes in all; at most " + BundleLimits.MAX_TOTAL_BYTES + " are accepted");
        }
    }

    private static String text(FormValue value) throws IOException {
        if (!value.isFileItem()) {
            return value.getValue();
        }
        try (InputStream in = value.getFileItem().getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
