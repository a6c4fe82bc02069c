package io.flowlens.common.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI 3.1 schema of {@link Problem}, once for the whole suite. The services generate it
 * from {@code Problem}'s annotations (which use the texts below); the gateway, whose own errors
 * are the same problems, puts {@link #problem()} and {@link #fieldError()} in its document. The
 * merge keeps one {@code Problem} only when both are equal, key for key, so each service's
 * document is tested against these maps.
 */
public final class ProblemSchema {

    public static final String NAME = "Problem";
    public static final String FIELD_ERROR_NAME = "ProblemFieldError";
    public static final String REF = "#/components/schemas/" + NAME;

    static final String DESCRIPTION = "An RFC 9457 problem detail: the body of every error of the API "
            + "(content type application/problem+json)";
    static final String TYPE = "Stable URI of the kind of problem; branch on it, not on title or detail";
    static final String TYPE_EXAMPLE = "https://flowlens.io/problems/validation";
    static final String TITLE = "Short summary of the kind of problem";
    static final String TITLE_EXAMPLE = "Request is not valid";
    static final String STATUS = "The HTTP status code";
    static final String STATUS_EXAMPLE = "400";
    static final String DETAIL = "What went wrong with this request, for people";
    static final String DETAIL_EXAMPLE = "/name: must not be blank";
    static final String INSTANCE = "The path of the request that failed";
    static final String INSTANCE_EXAMPLE = "/api/v1/organisations";
    static final String ERRORS = "Each offending field or parameter (validation problems only); the first 100";
    static final String ERRORS_TOTAL = "How many errors there were, when there were more than the 100 listed";
    static final String FIELD_ERROR_DESCRIPTION = "One offending field or parameter and what is wrong with it";
    static final String POINTER = "JSON Pointer into the body, or the name of the query, path or header parameter";
    static final String POINTER_EXAMPLE = "/name";
    static final String FIELD_DETAIL = "What is wrong with it";
    static final String FIELD_DETAIL_EXAMPLE = "must not be blank";

    private ProblemSchema() {
    }

    /** {@code components.schemas.Problem}, as a service's document holds it. */
    public static Map<String, Object> problem() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("type", property("string", "uri", TYPE, TYPE_EXAMPLE));
        properties.put("title", property("string", null, TITLE, TITLE_EXAMPLE));
        properties.put("status", property("integer", "int32", STATUS, Integer.valueOf(STATUS_EXAMPLE)));
        properties.put("detail", property("string", null, DETAIL, DETAIL_EXAMPLE));
        properties.put("instance", property("string", null, INSTANCE, INSTANCE_EXAMPLE));
        Map<String, Object> errors = new LinkedHashMap<>();
        errors.put("type", "array");
        errors.put("items", Map.of("$ref", "#/components/schemas/" + FIELD_ERROR_NAME));
        errors.put("description", ERRORS);
        properties.put("errors", errors);
        properties.put("errorsTotal", property("integer", "int32", ERRORS_TOTAL, null));
        return object(DESCRIPTION, List.of("type", "title", "status"), properties);
    }

    /** {@code components.schemas.ProblemFieldError}. */
    public static Map<String, Object> fieldError() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("pointer", property("string", null, POINTER, POINTER_EXAMPLE));
        properties.put("detail", property("string", null, FIELD_DETAIL, FIELD_DETAIL_EXAMPLE));
        return object(FIELD_ERROR_DESCRIPTION, List.of("pointer", "detail"), properties);
    }

    private static Map<String, Object> object(String description, List<String> required, Map<String, Object> properties) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("description", description);
        schema.put("required", required);
        schema.put("properties", properties);
        return schema;
    }

    private static Map<String, Object> property(String type, String format, String description, Object example) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", type);
        if (format != null) {
            schema.put("format", format);
        }
        schema.put("description", description);
        if (example != null) {
            schema.put("examples", List.of(example));
        }
        return schema;
    }
}
