package io.flowlens.ingestion.mapping;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A connection's mapping: the tenant's overrides and the tracker defaults they sit on. */
@Schema(description = "A connection's mapping", requiredProperties = {"overrides", "defaults", "seenCategories"})
public record MappingView(
        @Schema(description = "What the tenant set") MappingOverrides overrides,
        @Schema(description = "The tracker's defaults (keys lower-cased); overrides win") Defaults defaults,
        @Schema(description = "The category each status was seen with on this connection's items (keys"
                + " lower-cased; the latest observation's): a status reported without one (a Jira history entry)"
                + " maps by it when no status entry names it", example = "{\"peer check\": \"indeterminate\"}")
        Map<String, String> seenCategories) {

    /** The defaults of the connection's tracker. */
    @Schema(name = "MappingDefaults", description = "The tracker's defaults")
    public record Defaults(Map<String, String> types, Map<String, String> labels, Map<String, String> statuses,
            @Schema(description = "Status categories (Jira) or workflow state types (Linear)")
            Map<String, String> categories,
            @Schema(description = "Resolutions of finished items (Jira resolution, GitHub state_reason)")
            Map<String, String> resolutions) {
    }
}
