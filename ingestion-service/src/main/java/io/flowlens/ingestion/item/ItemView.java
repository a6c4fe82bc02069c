package io.flowlens.ingestion.item;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A canonical work item. */
@Schema(description = "A canonical work item", requiredProperties = {"id", "connectionId", "key", "labels", "revision"})
public record ItemView(
        UUID id,
        UUID connectionId,
        @Schema(nullable = true, example = "acme/shop") String project,
        @Schema(example = "#42") String key,
        @Schema(nullable = true, example = "Checkout fails on Safari") String title,
        @Schema(nullable = true, description = "The tracker's own type", example = "Bug") String trackerType,
        @Schema(nullable = true, enumeration = {"feature", "defect", "risk", "debt"}, example = "defect") String flowType,
        @Schema(nullable = true, enumeration = {"new", "active", "waiting", "done", "canceled"}, example = "active")
        String flowState,
        List<String> labels,
        @Schema(nullable = true, example = "2025-12-01T09:00:00Z") Instant createdAt,
        @Schema(description = "Increases with every change of the item's canonical state", example = "3") long revision,
        @Schema(nullable = true, example = "2025-12-04T16:00:01Z") Instant updatedAt,
        @Schema(nullable = true, description = "The tracker's id of the parent item (a sub-task's parent), when the tracker says",
                example = "10042") String parentExternalId,
        @Schema(nullable = true, description = "Where the item's type sits in the tracker's hierarchy, when the tracker says",
                enumeration = {"subtask", "standard", "epic"}, example = "standard") String hierarchy) {
}
