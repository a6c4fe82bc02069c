package io.flowlens.ingestion.mapping;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The tenant's own words: tracker types and labels to flow types, statuses to flow states,
 * and resolutions to done or canceled (a finished item's resolution decides how it ended).
 */
@Schema(description = "Mapping overrides", example = "{\"types\":{\"Spike\":\"debt\"},\"labels\":{\"security-review\":"
        + "\"risk\"},\"statuses\":{\"Ready for QA\":\"waiting\",\"Approved\":\"active\"}}")
public record MappingOverrides(
        @Schema(description = "Tracker type → feature | defect | risk | debt") Map<String, String> types,
        @Schema(description = "Label → feature | defect | risk | debt") Map<String, String> labels,
        @Schema(description = "Tracker status → new | active | waiting | done | canceled") Map<String, String> statuses,
        @Schema(description = "Resolution of a finished item (Jira resolution, GitHub state_reason) → done | canceled")
        Map<String, String> resolutions) {

    /** Overrides without resolutions. */
    public MappingOverrides(Map<String, String> types, Map<String, String> labels, Map<String, String> statuses) {
        this(types, labels, statuses, null);
    }
}
