package io.flowlens.metrics.flow;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.flowlens.metrics.flow.Views.SubjectView;
import io.flowlens.metrics.flow.Views.WindowView;

/** The completed items behind the figures, for a scatter plot. */
public record FlowItemsPage(SubjectView subject, WindowView window, String definitions, List<Item> items,
        @Schema(description = "Opaque cursor of the next page; null on the last page") String nextCursor) {

    @Schema(name = "CompletedItem", description = "A completed item; flowTimeDays and activeTimeDays are null when it never started")
    public record Item(String itemId, String key, String title, String flowType, Instant completedAt,
            Instant workStartedAt, Double flowTimeDays, Double activeTimeDays) {
    }
}
