package io.flowlens.metrics.event;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.flowlens.common.problem.Problem;

/**
 * What became of a batch: how many events changed an item, how many were stale or repeated, and
 * which were refused (each by its index in the batch, with the faults by JSON Pointer).
 */
public record ApplyResult(
        @Schema(description = "Events applied (a higher revision than the one kept)") int accepted,
        @Schema(description = "Events ignored: a revision at or below the one kept, or an event already applied") int ignored,
        @Schema(description = "Events refused as invalid; the others of the batch were applied") List<Refusal> refused) {

    /** One refused event: its place in the batch, its id when it had a readable one, and why. */
    public record Refusal(String eventId, int index, List<Problem.FieldError> errors) {
    }
}
