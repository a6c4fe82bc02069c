package io.flowlens.metrics.result;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A stored data point. */
@Schema(description = "A business-result data point of a value stream")
public record PointView(UUID id, UUID valueStreamId,
        @Schema(examples = "value") String category,
        @Schema(description = "The day as the value stream's time zone counts it", examples = "2026-03-31") LocalDate date,
        @Schema(examples = "125000.5") double value,
        @Schema(examples = "Q1 revenue of the checkout") String note,
        Instant createdAt, Instant updatedAt) {
}
