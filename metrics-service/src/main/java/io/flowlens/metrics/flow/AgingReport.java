package io.flowlens.metrics.flow;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.flowlens.metrics.flow.Views.FlowTimeView;
import io.flowlens.metrics.flow.Views.SubjectView;
import io.flowlens.metrics.flow.Views.WindowView;

/** Work item age of the load now, beside the flow time of recent completions. */
@Schema(description = "Items in active or waiting now, oldest first, each with its age (now - work start), beside "
        + "the flow-time percentiles of items completed in the recent window")
public record AgingReport(SubjectView subject, String definitions, Instant at,
        @Schema(description = "Items in the load now") long inProgress,
        @Schema(description = "The completions the percentiles come from") WindowView recentWindow,
        FlowTimeView recentFlowTime, List<Item> items, String nextCursor) {

    @Schema(name = "AgingItem", description = "An item in the load now, with its age")
    public record Item(String itemId, String key, String title, String flowType, String state,
            Instant workStartedAt, double ageDays,
            @Schema(description = "Older than the recent p85 flow time") boolean beyondP85) {
    }
}
