package io.flowlens.ingestion.item;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Data-quality counts of a connection's items (docs/flow-metrics.md). */
@Schema(description = "Data-quality findings of a connection", requiredProperties = {"connectionId", "items",
        "futureInstants", "beforeCreation", "unmappedStatuses", "doneWithoutStart", "deleted", "unmapped"})
public record DataQualityView(UUID connectionId,
        @Schema(example = "1200") long items,
        @Schema(description = "Status changes dated in the future", example = "0") long futureInstants,
        @Schema(description = "Status changes dated before the item's creation", example = "2") long beforeCreation,
        @Schema(description = "Status changes no mapping covers", example = "14") long unmappedStatuses,
        @Schema(description = "Items done that never were active or waiting", example = "31") long doneWithoutStart,
        @Schema(description = "Items deleted in the tracker", example = "3") long deleted,
        @Schema(description = "Each status no mapping covers, most used first, with a suggested flow state")
        List<UnmappedStatusView> unmapped) {
}
