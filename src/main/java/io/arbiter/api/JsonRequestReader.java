package io.arbiter.api;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.arbiter.config.ArbiterConfig;
import io.arbiter.input.FieldError;
import io.arbiter.input.PlausibleDates;

/**
 * Reads every JSON request body, into the endpoint's request record (or, for the facts and event documents that
 * their domain parsers check, into an {@code ObjectNode}). The body is read under a size limit and parsed as a tree
 * first, so malformed JSON and the parser's limits ({@link JsonNumbers}) are reported with line and column before
 * any field is looked at; the tree is then bound strictly: an unknown field, a value of the wrong type or out of range
 * is a 400 naming the field by its JSON Pointer. Nothing is coerced: {@code "5"} is not a number, {@code 5} is not a
 * string, {@code 1.0} is not a whole number. Numbers keep every digit, as the tree holds them. Rules that are not
 * about types (a version of at least 1, a country code, the values a mode may take) are checked after the read by
 * whoever owns them, all at once.
 */
@ApplicationScoped
public class JsonRequestReader {

    private final ObjectMapper strict;
    private final long maxBytes;
    private final BodyPace pace;

    @Inject
    JsonRequestReader(ObjectMapper mapper, ArbiterConfig config) {
        this(mapper, config.maxJsonBytes(), BodyPace.of(config));
    }

    JsonRequestReader(ObjectMapper mapper, long maxBytes, BodyPace pace) {
        this.strict = strict(mapper);
        this.maxBytes = maxBytes;
        this.pace = pace;
    }

    public <T> T read(InputStream body, Class<T> type) {
        return read(body, type, maxBytes);
    }

    /** As {@link #read(InputStream, Class)}, with a limit of its own (a decision-set bundle is larger than a request). */
    public <T> T read(InputStream body, Class<T> type, long maxBytes) {
        JsonNode tree = tree(body, maxBytes);
        try {
            return strict.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            String field = e instanceof JsonMappingException mapping ? mapping.getPath().stream()
                    .map(step -> step.getFieldName() != null ? step.getFieldName() : Integer.toString(step.getIndex()))
                    .collect(Collectors.joining("/")) : "";
            String message = message(e);
            throw ProblemException.invalid(e instanceof UnrecognizedPropertyException ? "unknown field " + field
                    : field + " " + message, List.of(new FieldError("/" + field, message)));
        }
    }

    private JsonNode tree(InputStream body, long maxBytes) {
        byte[] bytes;
        try {
            bytes = pace.applyTo(body).readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        } catch (IOException e) {
            throw new ProblemException(BodyPace.problem(e));
        }
        if (bytes.length > maxBytes) {
            throw ProblemException.tooLarge(maxBytes);
        }
        if (bytes.length == 0) {
            throw ProblemException.invalid("the body is empty; a JSON object is expected", List.of());
        }
        JsonNode node;
        try {
            node = strict.readTree(bytes);
        } catch (StreamConstraintsException e) {
            throw ProblemException.invalid("the JSON exceeds a limit: " + e.getOriginalMessage(), List.of());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw ProblemException.invalid("malformed JSON" + where + ": " + e.getOriginalMessage(), List.of());
        } catch (IOException e) {
            throw new ProblemException(Problem.of(400, "unreadable-body", "Unreadable body", e.getMessage()));
        }
        if (node == null || !node.isObject()) {
            throw ProblemException.invalid("the body must be a JSON object", List.of(new FieldError("", "must be a JSON object")));
        }
        return node;
    }

    /**
     * The application's mapper (numbers as {@link JsonNumbers} sets them) with every leniency of binding turned off:
     * unknown fields fail, and no scalar is coerced into another type, the way the hand-written checks never did.
     */
    private static ObjectMapper strict(ObjectMapper mapper) {
        ObjectMapper strict = mapper.copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // a second document after the first ({facts} {"fraudFlag": true}) is refused, not dropped
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .registerModule(new SimpleModule("iso-dates").addDeserializer(LocalDate.class, new IsoDate()));
        strict.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        strict.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        strict.coercionConfigDefaults().setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        return strict;
    }

    /**
     * An ISO 8601 date given as a string, and nothing else: Jackson's own reader would also take {@code [2026, 3, 1]}
     * and {@code " 2026-03-01"}, which the API has never accepted.
     */
    private static final class IsoDate extends StdScalarDeserializer<LocalDate> {

        IsoDate() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (LocalDate) context.handleUnexpectedToken(LocalDate.class, parser);
            }
            try {
                LocalDate date = LocalDate.parse(parser.getText());
                if (PlausibleDates.contains(date)) {
                    return date;
                }
                return (LocalDate) context.handleWeirdStringValue(LocalDate.class, parser.getText(),
                        "out of the range " + PlausibleDates.RANGE);
            } catch (DateTimeParseException e) {
                return (LocalDate) context.handleWeirdStringValue(LocalDate.class, parser.getText(), e.getMessage());
            }
        }
    }

    /** What the field should have been, in the words the domain parsers use ({@code input.FieldReader}). */
    private static String message(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "unknown field";
        }
        if (e.getCause() instanceof InputCoercionException) {
            return "is out of range";
        }
        Class<?> expected = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        if (expected == String.class) {
            return "must be a string";
        }
        if (expected == Long.class) {
            return "must be a whole number";
        }
        if (expected == LocalDate.class) {
            return "must be an ISO 8601 date (YYYY-MM-DD) " + PlausibleDates.RANGE;
        }
        return "must be a JSON object";
    }
}
