package io.flowlens.common.problem;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail. {@code type} is a stable URI per kind of problem;
 * {@code errors} names each offending field by JSON Pointer (validation only). A list longer than
 * {@link #MAX_ERRORS} keeps its first {@value #MAX_ERRORS} entries and says how many there were
 * in {@code errorsTotal}, so a body of 60,000 mistakes does not become a 6 MB answer.
 * <p>
 * Its OpenAPI schema is the suite's one {@code Problem}: every service's document generates it from
 * these annotations and the gateway's document declares the same ({@link ProblemSchema}), so the
 * merged document holds it once (a difference would make the merge keep two under two names).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = ProblemSchema.NAME, description = ProblemSchema.DESCRIPTION, requiredProperties = {"type", "title", "status"})
public record Problem(
        @Schema(format = "uri", description = ProblemSchema.TYPE, examples = ProblemSchema.TYPE_EXAMPLE) String type,
        @Schema(description = ProblemSchema.TITLE, examples = ProblemSchema.TITLE_EXAMPLE) String title,
        @Schema(description = ProblemSchema.STATUS, examples = ProblemSchema.STATUS_EXAMPLE) int status,
        @Schema(description = ProblemSchema.DETAIL, examples = ProblemSchema.DETAIL_EXAMPLE) String detail,
        @Schema(description = ProblemSchema.INSTANCE, examples = ProblemSchema.INSTANCE_EXAMPLE) String instance,
        @Schema(description = ProblemSchema.ERRORS) List<FieldError> errors,
        @Schema(description = ProblemSchema.ERRORS_TOTAL) Integer errorsTotal) {

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
    @Schema(name = ProblemSchema.FIELD_ERROR_NAME, description = ProblemSchema.FIELD_ERROR_DESCRIPTION,
            requiredProperties = {"pointer", "detail"})
    public record FieldError(
            @Schema(description = ProblemSchema.POINTER, examples = ProblemSchema.POINTER_EXAMPLE) String pointer,
            @Schema(description = ProblemSchema.FIELD_DETAIL, examples = ProblemSchema.FIELD_DETAIL_EXAMPLE) String detail) {
    }
}
