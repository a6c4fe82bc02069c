package io.flowlens.ingestion.outbox;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.type.TypeReference;

import io.flowlens.common.problem.Problem;

/** An event metrics-service refused, as its tenant sees it. */
@Schema(description = "A canonical item event metrics-service refused as invalid, parked with the reason."
        + " The item's other changes keep flowing; a newer revision of the item supersedes it once delivered.",
        requiredProperties = {"eventId", "itemId", "revision", "errors", "parkedAt", "attempts", "event"})
public record ParkedEventView(
        @Schema(description = "The event's id") UUID eventId,
        @Schema(description = "The canonical item") UUID itemId,
        @Schema(description = "The item's revision this event carried") long revision,
        @Schema(description = "Why metrics-service refused it: JSON Pointers into the event") List<Problem.FieldError> errors,
        @Schema(description = "When it was parked") Instant parkedAt,
        @Schema(description = "Delivery attempts, this one included") int attempts,
        @Schema(description = "The event as it was sent (docs/contracts.md, canonical item events)", type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT)
        @JsonRawValue String event) {

    static final TypeReference<List<Problem.FieldError>> ERRORS = new TypeReference<>() {
    };
}
