package io.flowlens.ingestion.item;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A status of a connection no mapping covers: how much uses it, and a flow state to map it to. */
@Schema(description = "A tracker status no mapping covers (neither by name nor by a category it was seen with)",
        requiredProperties = {"status", "items", "transitions"})
public record UnmappedStatusView(
        @Schema(description = "The status as the tracker names it", example = "Peer Check") String status,
        @Schema(description = "Items (not deleted) with at least one unmapped change to it", example = "12")
        long items,
        @Schema(description = "Unmapped status changes to it", example = "15") long transitions,
        @Schema(description = "A flow state to map it to, with why; null when no rule suggests one."
                + " Confirm it with PUT /api/v1/connections/{id}/mapping (statuses).", nullable = true)
        Suggestion suggestion) {

    /** A suggested flow state and the rule that gave it. */
    @Schema(name = "StatusSuggestion", description = "A suggested mapping", requiredProperties = {"state", "rule", "reason"})
    public record Suggestion(
            @Schema(enumeration = {"new", "active", "waiting", "done", "canceled"}, example = "active") String state,
            @Schema(enumeration = {"category-in-other-connection", "words-in-name"},
                    description = "category-in-other-connection (the category the status was seen with in the"
                    + " tenant's other connections of the same tracker) or words-in-name (English words in its name)",
                    example = "category-in-other-connection") String rule,
            @Schema(example = "seen with status category 'indeterminate' in connection 'Jira EU', which maps to active")
            String reason) {
    }
}
