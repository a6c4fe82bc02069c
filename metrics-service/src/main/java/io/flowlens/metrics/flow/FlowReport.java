package io.flowlens.metrics.flow;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.flowlens.metrics.flow.Views.FlowTimeView;
import io.flowlens.metrics.flow.Views.LoadView;
import io.flowlens.metrics.flow.Views.SubjectView;
import io.flowlens.metrics.flow.Views.WindowView;

/** The five Flow Framework metrics of a window, total and per type, with optional series. */
@Schema(description = "Flow velocity, time, efficiency, load and distribution for a window. " + Definitions.METRICS)
public record FlowReport(SubjectView subject, WindowView window,
        @Schema(examples = Definitions.VERSION) String definitions, Figures total,
        @Schema(description = "The same figures per flow type (feature, defect, risk, debt)") Map<String, Figures> byType,
        Distribution distribution,
        @Schema(description = "Present when bucket= is given") Series series) {

    @Schema(name = "FlowFigures", description = "The figures of one group of items")
    public record Figures(@Schema(description = "Items completed in the window") long velocity,
            FlowTimeView flowTime,
            @Schema(description = "Σ active time ÷ Σ flow time in percent, rounded once to 2 decimals half away from "
                    + "zero; null without flow time") Double efficiencyPercent,
            LoadView load,
            @Schema(description = "Items completed in the window that never started: in velocity and distribution, not in flow time or efficiency")
            long leftOutNeverStarted) {
    }

    @Schema(name = "FlowDistribution", description = "Share of each type among the items completed in the window and among the load at to, in "
            + "percent with 2 decimals summing to exactly 100 (each share its exact value rounded down or up, by "
            + "largest remainder); all 0 when there is nothing")
    public record Distribution(Map<String, Double> completedPercent, Map<String, Double> loadPercent) {
    }

    @Schema(name = "FlowSeries", description = "The figures per bucket (day, ISO week or month)")
    public record Series(@Schema(enumeration = { "day", "week", "month" }) String bucket, List<Point> points) {
    }

    @Schema(name = "FlowSeriesPoint", description = "One bucket: days, ISO weeks (from Monday) or months in the window's time zone. A bucket "
            + "the window covers only in part is clipped to the window: start and end are the clipped bounds and "
            + "partial is true; its load samples are the day ends inside (start, end] and its atEnd the load at end.")
    public record Point(@Schema(description = "Start of the bucket, clipped to the window (UTC instant)") Instant start,
            @Schema(description = "End of the bucket (exclusive), clipped to the window (UTC instant)") Instant end,
            @Schema(examples = "2025-W10") String label,
            @Schema(description = "Whether the window covers only part of the bucket") boolean partial,
            long velocity, FlowTimeView flowTime, Double efficiencyPercent, LoadView load) {
    }
}
