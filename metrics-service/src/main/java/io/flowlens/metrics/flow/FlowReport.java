package io.flowlens.metrics.flow;

import java.time.LocalDate;
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

    @Schema(description = "The figures of one group of items")
    public record Figures(@Schema(description = "Items completed in the window") long velocity,
            FlowTimeView flowTime,
            @Schema(description = "Σ active time ÷ Σ flow time in percent; null without flow time") Double efficiencyPercent,
            LoadView load,
            @Schema(description = "Items completed in the window that never started: in velocity and distribution, not in flow time or efficiency")
            long leftOutNeverStarted) {
    }

    @Schema(description = "Share of each type, in percent summing to 100 (all 0 when there is nothing)")
    public record Distribution(Map<String, Double> completedPercent, Map<String, Double> loadPercent) {
    }

    public record Series(@Schema(enumeration = { "day", "week", "month" }) String bucket, List<Point> points) {
    }

    @Schema(description = "One bucket: days and ISO weeks (from Monday) in the window's time zone")
    public record Point(LocalDate start, @Schema(examples = "2025-W10") String label, long velocity,
            FlowTimeView flowTime, Double efficiencyPercent, LoadView load) {
    }
}
