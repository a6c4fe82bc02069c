package io.flowlens.ingestion.item;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Every status change of an item with the flow state it means under the current mapping. */
@Schema(description = "An item's timeline", requiredProperties = {"itemId", "key", "transitions", "states"})
public record TimelineView(UUID itemId, String key,
        @Schema(nullable = true, enumeration = {"new", "active", "waiting", "done", "canceled"}, example = "done")
        String flowState,
        List<Entry> transitions, List<Point> states) {

    /** One status change as the tracker reported it. */
    @Schema(name = "TimelineEntry", description = "One status change", requiredProperties = {"at", "mapped"})
    public record Entry(Instant at,
            @Schema(nullable = true, example = "In Progress") String trackerStatus,
            @Schema(nullable = true, description = "The tracker's resolution at that moment, if it has one", example = "Won't Do")
            String resolution,
            @Schema(description = "The tracker's own order of its records (history id, event id), which decides"
                    + " between changes at the same instant; null when the tracker gives none", nullable = true,
                    example = "10234")
            Long trackerOrder,
            @Schema(nullable = true, description = "Null when no mapping covers the status", example = "active")
            String flowState,
            @Schema(description = "False when no mapping covers the status (counted in data quality)") boolean mapped,
            @Schema(nullable = true, description = "The raw webhook event it came from, if any") UUID rawEventId,
            @Schema(nullable = true, description = "The import job it came from, if any") UUID importId) {
    }

    /** The item entered this flow state at this instant. */
    @Schema(name = "TimelinePoint", description = "The item entered this flow state at this instant",
            requiredProperties = {"at", "state"})
    public record Point(Instant at,
            @Schema(enumeration = {"new", "active", "waiting", "done", "canceled"}, example = "active") String state) {
    }
}
