package io.flowlens.metrics.result;

import java.time.LocalDate;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an upload did. */
@Schema(description = "An upload's effect: its points are stored, and the earlier points of the same value stream, "
        + "category and date are gone")
public record ImportReport(
        @Schema(description = "Points stored", examples = "3") int imported,
        @Schema(description = "Earlier points removed because the upload states their (category, date)", examples = "0")
        int replaced,
        @Schema(description = "Earliest date in the upload", examples = "2026-01-31") LocalDate firstDate,
        @Schema(description = "Latest date in the upload", examples = "2026-03-31") LocalDate lastDate) {
}
