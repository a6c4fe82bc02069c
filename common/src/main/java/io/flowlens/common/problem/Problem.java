package io.flowlens.common.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail. {@code type} is a stable URI per kind of problem;
 * {@code errors} names each offending field by JSON Pointer (validation only).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://flowlens.io/problems/";

    /** One offending field: where it is (JSON Pointer, or the parameter name) and what is wrong. */
    public record FieldError(String pointer, String detail) {
    }
}
