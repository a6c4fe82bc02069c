package io.flowlens.metrics.result;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tenant category's new description; its name (the key) stays. */
@Schema(description = "Replaces a tenant category's label, unit and direction; the name is its key and stays")
public record CategoryChange(
        @Schema(examples = "Net Promoter Score", required = true) String label,
        @Schema(description = "Omit for none", examples = "points") String unit,
        @Schema(examples = "true", required = true) Boolean higherIsBetter) {
}
