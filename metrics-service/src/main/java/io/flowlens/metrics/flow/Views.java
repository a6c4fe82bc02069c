package io.flowlens.metrics.flow;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.flowlens.metrics.calc.DurationStats;
import io.flowlens.metrics.calc.FlowFigures;
import io.flowlens.metrics.calc.Rounding;
import io.flowlens.metrics.calc.Window;
import io.flowlens.metrics.timeline.Subject;

/** Response pieces every metric endpoint shares. */
public final class Views {

    private Views() {
    }

    @Schema(description = "What the figures are for: a value stream or the tenant's whole portfolio")
    public record SubjectView(@Schema(examples = "value-stream", enumeration = { "value-stream", "portfolio" }) String kind,
            UUID valueStreamId, String name,
            @Schema(description = "Whether sub-tasks were counted (the value stream's countSubtasks; never for the "
                    + "portfolio): when false, items of hierarchy subtask are in none of the figures") boolean countSubtasks) {

        public static SubjectView of(Subject s) {
            return s.isPortfolio() ? new SubjectView("portfolio", null, null, false)
                    : new SubjectView("value-stream", s.valueStreamId(), s.name(), s.countSubtasks());
        }
    }

    @Schema(description = "The window [from, to) in UTC, the IANA zone its days are counted in, and how many "
            + "day ends lie inside it (the load samples)")
    public record WindowView(Instant from, Instant to, @Schema(examples = "Europe/Berlin") String timeZone,
            int sampledDays) {

        public static WindowView of(Window w) {
            return new WindowView(w.from(), w.to(), w.zone().getId(), w.sampledDays().size());
        }
    }

    @Schema(description = "Flow time in days over items completed in the window (count 0 and nulls when none); "
            + "percentiles by nearest rank. Durations are exact seconds; days are rounded once, to 4 decimals, half "
            + "away from zero (the mean from the exact sum of seconds)")
    public record FlowTimeView(int count, Double meanDays, Double minDays, Double maxDays, Double p50Days,
            Double p85Days, Double p95Days) {

        public static FlowTimeView of(DurationStats s) {
            return new FlowTimeView(s.count(), s.meanDays(), days(s.min()),
                    days(s.max()), days(s.p50()), days(s.p85()), days(s.p95()));
        }
    }

    @Schema(description = Definitions.LOAD)
    public record LoadView(
            @Schema(description = "Mean of the samples at the day ends inside (from, to], rounded once to 2 decimals "
                    + "half away from zero; the load at to when no day ends inside the window") Double mean,
            @Schema(description = "Maximum of the samples at the day ends inside (from, to]; the load at to when no "
                    + "day ends inside the window") Integer max,
            @Schema(description = "The load at the instant to (items in active or waiting just before to), whether "
                    + "or not to is a local midnight") Integer atEnd) {

        public static LoadView of(FlowFigures.Load l) {
            return new LoadView(l.meanRounded(), l.max(), l.atEnd());
        }
    }

    /** Seconds as days, rounded once to 4 decimals (under ten seconds) half away from zero. */
    public static Double days(Long seconds) {
        return Rounding.days(seconds);
    }
}
