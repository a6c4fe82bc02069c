package io.flowlens.common.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail. {@code type} is a stable URI per kind of problem;
 * {@code errors} names each offending field by JSON Pointer (validation only). A list longer than
 * {@link #MAX_ERRORS} keeps its first {@value #MAX_ERRORS} entries and says how many there were
 * in {@code errorsTotal}, so a body of 60,000 mistakes does not become a 6 MB answer.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
        List<FieldError> errors, Integer errorsTotal) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://flowlens.io/problems/";
    public static final int MAX_ERRORS = 100;

    public Problem {
        if (errors != null && errors.size() > MAX_ERRORS) {
            errorsTotal = errorsTotal == null ? errors.size() : errorsTotal;
            errors = List.copyOf(errors.subList(0, MAX_ERRORS));
        }
    }

    public Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {
        this(type, title, status, detail, instance, errors, null);
    }

    /** One offending field: where it is (JSON Pointer, or the parameter name) and what is wrong. */
    public record FieldError(String pointer, String detail) {
    }
}
