package io.flowlens.metrics.result;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A category a tenant defines. */
@Schema(description = "A result category of the tenant's own")
public record CategoryRequest(
        @Schema(description = "Key: a lowercase slug (a-z, digits, single hyphens, starting with a letter), at most "
                + "64 characters; not a built-in name, not customer-centricity or customer-centricity-...",
                examples = "net-promoter-score", required = true) String name,
        @Schema(description = "What people call it, at most 200 characters", examples = "Net Promoter Score",
                required = true) String label,
        @Schema(description = "Unit of its values, at most 50 characters; omit for none", examples = "points")
        String unit,
        @Schema(description = "Whether a higher value is a better result", examples = "true", required = true)
        Boolean higherIsBetter) {
}
