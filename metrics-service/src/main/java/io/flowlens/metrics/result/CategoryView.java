package io.flowlens.metrics.result;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A result category as the API shows it, built-in or the tenant's. */
@Schema(description = "A result category")
public record CategoryView(
        @Schema(examples = "net-promoter-score") String name,
        @Schema(examples = "Net Promoter Score") String label,
        @Schema(description = "Null for the built-ins (measured as the tenant measures it) and where none was given",
                examples = "points") String unit,
        @Schema(examples = "true") boolean higherIsBetter,
        @Schema(description = "value, cost, quality, happiness and customer-centricity: the same for every tenant, "
                + "read-only") boolean builtIn,
        @Schema(description = "Whether points can be written by hand; false for customer-centricity, whose points "
                + "come from assessments") boolean writable,
        @Schema(description = "Null for built-ins") Instant createdAt,
        @Schema(description = "Null for built-ins") Instant updatedAt) {

    static CategoryView of(ResultCategory c) {
        return new CategoryView(c.name(), c.label(), c.unit(), c.higherIsBetter(), c.builtIn(), c.writable(), null, null);
    }
}
