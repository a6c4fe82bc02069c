package io.flowlens.common.problem;

import java.util.List;

/**
 * A caller-facing failure. Business code throws it (or one of the factories below) and the
 * service's exception mapper turns it into problem+json; code never builds error responses.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<Problem.FieldError> errors;

    public ApiException(int status, String type, String title, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
    }

    public ApiException(int status, String type, String title, String detail) {
        this(status, type, title, detail, null);
    }

    /** 404 for something that does not exist for this caller (also used for other tenants' ids). */
    public static ApiException notFound(String what, Object id) {
        return new ApiException(404, "not-found", "Not found", what + " " + id + " does not exist");
    }

    /** 400 for a request whose fields are wrong, each named by JSON Pointer. */
    public static ApiException validation(List<Problem.FieldError> errors) {
        return new ApiException(400, "validation", "Request is not valid",
                errors.size() == 1 ? errors.get(0).pointer() + ": " + errors.get(0).detail()
                        : errors.size() + " fields are not valid",
                errors);
    }

    /** 400 for one bad query or path parameter. */
    public static ApiException badParameter(String name, String detail) {
        return new ApiException(400, "invalid-parameter", "Invalid parameter", name + ": " + detail,
                List.of(new Problem.FieldError(name, detail)));
    }

    /** 422 for a well-formed request the domain rules refuse, each offending field named. */
    public static ApiException unprocessable(String detail, List<Problem.FieldError> errors) {
        return new ApiException(422, "unprocessable", "Request cannot be processed", detail, errors);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(409, "conflict", "Conflict", detail);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
