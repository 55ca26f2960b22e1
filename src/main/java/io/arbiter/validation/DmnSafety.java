package io.arbiter.validation;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.kie.dmn.api.marshalling.DMNMarshaller;
import org.kie.dmn.backend.marshalling.v1x.DMNMarshallerFactory;
import org.kie.dmn.model.api.Definitions;
import org.kie.dmn.model.api.FunctionDefinition;
import org.kie.dmn.model.api.FunctionKind;
import org.kie.dmn.model.api.LiteralExpression;
import org.kie.dmn.model.api.UnaryTests;

import io.arbiter.engine.CompilationMessage;

/**
 * A published DMN model is code. Rejected before compilation: DTDs and entity declarations (no XML entity
 * expansion, no external entities), function definitions bound to Java or PMML, and FEEL {@code external}
 * functions, which call arbitrary Java methods.
 */
final class DmnSafety {

    private static final Pattern FEEL_STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern FEEL_EXTERNAL = Pattern.compile("\\bexternal\\s*\\{");

    private static final DMNMarshaller MARSHALLER = DMNMarshallerFactory.newDefaultMarshaller();

    private DmnSafety() {
    }

    static List<CompilationMessage> check(String file, String xml) {
        List<CompilationMessage> errors = new ArrayList<>();
        String upper = xml.toUpperCase(Locale.ROOT);
        if (upper.contains("<!DOCTYPE") || upper.contains("<!ENTITY")) {
            errors.add(CompilationMessage.error(file, "DTDs and entity declarations are not allowed in a DMN model"));
            return errors;
        }
        Definitions definitions;
        try {
            definitions = MARSHALLER.unmarshal(new StringReader(xml));
        } catch (RuntimeException e) {
            errors.add(CompilationMessage.error(file, "not a well-formed DMN document: " + rootMessage(e)));
            return errors;
        }
        if (definitions == null) {
            errors.add(CompilationMessage.error(file, "not a well-formed DMN document: no definitions element could be read"));
            return errors;
        }
        for (FunctionDefinition function : definitions.findAllChildren(FunctionDefinition.class)) {
            if (function.getKind() == FunctionKind.JAVA || function.getKind() == FunctionKind.PMML) {
                errors.add(new CompilationMessage(file, function.getId(), null, CompilationMessage.Severity.ERROR,
                        "function definitions of kind " + function.getKind().value()
                                + " call code outside the model and are not allowed"));
            }
        }
        List<String[]> texts = new ArrayList<>();
        definitions.findAllChildren(LiteralExpression.class).forEach(e -> texts.add(new String[]{e.getId(), e.getText()}));
        definitions.findAllChildren(UnaryTests.class).forEach(e -> texts.add(new String[]{e.getId(), e.getText()}));
        for (String[] idAndText : texts) {
            String text = idAndText[1];
            if (text != null && FEEL_EXTERNAL.matcher(FEEL_STRING.matcher(text).replaceAll("\"\"")).find()) {
                errors.add(new CompilationMessage(file, idAndText[0], null, CompilationMessage.Severity.ERROR,
                        "FEEL external functions call Java methods and are not allowed"));
            }
        }
        return errors;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
