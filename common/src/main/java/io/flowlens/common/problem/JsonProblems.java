package io.flowlens.common.problem;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import io.flowlens.common.json.StrictJson;

/**
 * A body Jackson could not read, said in the caller's terms: the field by JSON Pointer and what
 * JSON it expects there. Jackson's own messages name Java classes and tokens
 * ({@code java.lang.String}, {@code JsonToken.START_OBJECT}, our DTOs); none of that leaves.
 */
final class JsonProblems {

    private static final Pattern JAVA_NAMES = Pattern.compile(
            "java\\.|javax?\\.|jakarta\\.|com\\.fasterxml|io\\.flowlens|org\\.|JsonToken|`|\\$|\\[Source:");
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate (?:field|Object property) ['\"](.*)['\"]");

    private JsonProblems() {
    }

    static Problem of(JsonProcessingException e, String instance) {
        if (e instanceof StreamReadException read) {
            return unreadable(read, instance);
        }
        if (!(e instanceof JsonMappingException mapping)) {
            return malformed("the body is not valid JSON", instance);
        }
        String pointer = ProblemMappers.pointer(mapping.getPath());
        String message = mapping.getOriginalMessage() == null ? "" : mapping.getOriginalMessage();
        if (mapping instanceof MismatchedInputException && message.startsWith("Trailing token")) {
            return malformed("there is more after the JSON value; send exactly one JSON document", instance);
        }
        if (pointer.isEmpty() && message.startsWith("No content to map")) {
            return malformed("the body is empty; send a JSON document", instance);
        }
        var duplicate = DUPLICATE.matcher(message);
        if (duplicate.find()) {
            // Read while binding a nested value: Jackson wrapped it with the path of the object.
            pointer = pointer + "/" + escape(duplicate.group(1));
        }
        String detail = duplicate.find(0) ? "duplicate key" : detail(mapping, message);
        String where = pointer.isEmpty() ? "/" : pointer;
        return new Problem(Problem.TYPE_BASE + "validation", "Request is not valid", 400,
                (pointer.isEmpty() ? "body" : pointer) + ": " + detail, instance,
                List.of(new Problem.FieldError(where, detail)));
    }

    private static String detail(JsonMappingException mapping, String message) {
        if (mapping instanceof UnrecognizedPropertyException) {
            return "unknown field";
        }
        if (mapping instanceof StrictJson.NulCharacterException) {
            return "must not contain a NUL character (\\u0000)";
        }
        if (mapping instanceof InvalidFormatException f) {
            return "value " + quote(f.getValue()) + " is not " + expected(f.getTargetType());
        }
        if (mapping instanceof MismatchedInputException m && m.getTargetType() != null) {
            return "must be " + expected(m.getTargetType());
        }
        if (mapping instanceof ValueInstantiationException v && v.getCause() instanceof IllegalArgumentException arg
                && arg.getMessage() != null) {
            return callerSafe(arg.getMessage(), "is not valid");
        }
        if (message.startsWith("Numeric value") && message.contains("out of range")) {
            return "the number is out of range";
        }
        return callerSafe(firstLine(message), "is not valid");
    }

    /** What JSON a Java type reads, in the words of the API's documentation. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "a valid value";
        }
        if (type == String.class || type == char.class || type == Character.class || CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class || type == byte.class || type == Byte.class
                || type == BigInteger.class) {
            return "an integer";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class
                || type == BigDecimal.class || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", "));
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class) {
            return "an ISO-8601 instant such as 2026-01-05T10:00:00Z";
        }
        if (type == LocalDate.class) {
            return "an ISO-8601 date such as 2026-01-05";
        }
        if (type == Duration.class) {
            return "an ISO-8601 duration such as PT5M";
        }
        if (ZoneId.class.isAssignableFrom(type)) {
            return "a time-zone id such as Europe/Paris";
        }
        if (type == URI.class || type == URL.class) {
            return "a URI";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || !type.isPrimitive()) {
            return "an object";
        }
        return "a valid value";
    }

    private static Problem unreadable(StreamReadException e, String instance) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        var duplicate = DUPLICATE.matcher(message);
        if (duplicate.find()) {
            String pointer = containerPointer(e.getProcessor() == null ? null : e.getProcessor().getParsingContext())
                    + "/" + escape(duplicate.group(1));
            return new Problem(Problem.TYPE_BASE + "validation", "Request is not valid", 400,
                    pointer + ": duplicate key", instance, List.of(new Problem.FieldError(pointer, "duplicate key")));
        }
        String where = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        return malformed("the body is not valid JSON: " + callerSafe(stripMarker(firstLine(message)), "unexpected content")
                + where, instance);
    }

    private static Problem malformed(String detail, String instance) {
        return new Problem(Problem.TYPE_BASE + "malformed-json", "Malformed JSON", 400, detail, instance, null);
    }

    /** The JSON Pointer of the object or array being read when the parser stopped. */
    private static String containerPointer(JsonStreamContext context) {
        if (context == null) {
            return "";
        }
        // The duplicate's own name is the context's current name: point at its parent object.
        StringBuilder sb = new StringBuilder();
        java.util.Deque<String> parts = new java.util.ArrayDeque<>();
        for (JsonStreamContext c = context.getParent(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push(String.valueOf(c.getCurrentIndex()));
            } else if (c.getCurrentName() != null) {
                parts.push(escape(c.getCurrentName()));
            }
        }
        parts.forEach(p -> sb.append('/').append(p));
        return sb.toString();
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    /** A message that names no Java class, token or source, or {@code fallback}. */
    static String callerSafe(String message, String fallback) {
        return message == null || message.isBlank() || JAVA_NAMES.matcher(message).find() ? fallback : message;
    }

    private static String stripMarker(String message) {
        int marker = message.indexOf(" (start marker");
        return marker < 0 ? message : message.substring(0, marker);
    }

    private static String quote(Object value) {
        return value instanceof String s ? "'" + s.replace("\u0000", "\\u0000") + "'" : String.valueOf(value);
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
