package io.flowlens.ingestion.item;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Every status change of an item with the flow state it means under the current mapping. */
@Schema(description = "An item's timeline")
public record TimelineView(UUID itemId, String key, String flowState, List<Entry> transitions, List<Point> states) {

    /** One status change as the tracker reported it. */
    public record Entry(Instant at,
            @Schema(example = "In Progress") String trackerStatus,
            @Schema(description = "The tracker's resolution at that moment, if it has one", example = "Won't Do")
            String resolution,
            @Schema(description = "The tracker's own order of its records (history id, event id), which decides"
                    + " between changes at the same instant; absent when the tracker gives none", example = "10234")
            Long trackerOrder,
            @Schema(example = "active") String flowState,
            @Schema(description = "False when no mapping covers the status (counted in data quality)") boolean mapped,
            @Schema(description = "The raw webhook event it came from, if any") UUID rawEventId,
            @Schema(description = "The import job it came from, if any") UUID importId) {
    }

    /** The item entered this flow state at this instant. */
    public record Point(Instant at, String state) {
    }
}
