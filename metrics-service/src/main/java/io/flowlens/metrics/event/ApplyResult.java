package io.flowlens.metrics.event;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How many events of a batch changed an item, and how many were stale or repeated. */
public record ApplyResult(
        @Schema(description = "Events applied (a higher revision than the one kept)") int accepted,
        @Schema(description = "Events ignored: a revision at or below the one kept, or an event already applied") int ignored) {
}
