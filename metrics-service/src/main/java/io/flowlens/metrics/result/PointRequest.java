package io.flowlens.metrics.result;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One data point as a caller writes it (create or correct). */
@Schema(description = "A business-result data point")
public record PointRequest(
        @Schema(description = "value, cost, quality, happiness or a category the tenant defined", examples = "value",
                required = true) String category,
        @Schema(description = "ISO date (yyyy-MM-dd), years 1970-9999, a day as the value stream's time zone counts it",
                examples = "2026-03-31", required = true) String date,
        @Schema(description = "A finite JSON number (a string is refused)", examples = "125000.5", required = true)
        Double value,
        @Schema(description = "At most 1000 characters, no control characters", examples = "Q1 revenue of the checkout")
        String note) {

    PointRules.Draft draft() {
        return new PointRules.Draft(category, date, value, note);
    }
}
