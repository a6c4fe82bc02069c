package io.flowlens.metrics.forecast;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.flowlens.metrics.flow.Views.SubjectView;

/** A Monte Carlo forecast: its inputs and the answer at 50/85/95% confidence. */
@Schema(description = "Monte Carlo over the daily throughput of the history days: each simulated day draws one "
        + "history day's completions at random. The same seed (and data) gives the same answer.")
public record Forecast(SubjectView subject, String definitions, String timeZone, History history, int trials,
        long seed, @Schema(description = "Day 1 of the simulated future (today in the zone)") LocalDate start,
        @Schema(description = "how-many: the last simulated day (inclusive)") LocalDate until,
        @Schema(description = "when: the number of items to finish") Long items, List<Result> results) {

    @Schema(name = "ForecastHistory", description = "The days whose throughput the simulation draws from: [from, to], to = yesterday")
    public record History(LocalDate from, LocalDate to, int days, long completions) {
    }

    @Schema(name = "ForecastResult", description = "how-many: at least `items` are done by `until` in confidencePercent of the futures. "
            + "when: `date` is the earliest day by which confidencePercent of the futures have finished; null "
            + "when they do not within 10 years (for example with no throughput in the history).")
    public record Result(int confidencePercent, Long items, LocalDate date) {
    }
}
