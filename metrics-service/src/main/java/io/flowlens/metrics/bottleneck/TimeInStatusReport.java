package io.flowlens.metrics.bottleneck;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.flowlens.metrics.calc.FlowState;
import io.flowlens.metrics.calc.FlowType;
import io.flowlens.metrics.calc.Rounding;
import io.flowlens.metrics.flow.Definitions;

/** Where the time goes: time in status for the items completed in a window and for the load at its end. */
@Schema(name = "TimeInStatusReport", description = "Time in status of a value stream (or the portfolio) for a window "
        + "[from, to): for the items completed in it, and for the items in the load at `to` (their time up to `to`)."
        + " Days are exact seconds ÷ 86,400 rounded once to 4 decimals, percentages to 2, half away from zero.",
        requiredProperties = { "definitions", "timeZone", "from", "to", "completed", "load" })
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TimeInStatusReport(
        @Schema(description = "The value stream; absent for the portfolio", examples = "0b6f3a52-8d1e-4c3e-9f0a-6c2d1e4b7a90")
        UUID valueStreamId,
        @Schema(description = "Version of the definitions (docs/flow-metrics.md) the figures follow",
                examples = "flowlens-flow-2") String definitions,
        @Schema(description = "IANA zone the window's dates were read in", examples = "Europe/Berlin") String timeZone,
        @Schema(description = "Start of the window (inclusive), UTC", examples = "2026-01-01T00:00:00Z") Instant from,
        @Schema(description = "End of the window (exclusive), UTC; the load is the load at this instant",
                examples = "2026-04-01T00:00:00Z") Instant to,
        @Schema(description = "Items completed in [from, to): time between work start and completion")
        StatusSet completed,
        @Schema(description = "Items in the load at `to` (active or waiting just before it): time between work start"
                + " and `to`")
        StatusSet load) {

    /** Time in status of one set of items: overall, with the waiting statuses ranked, and per flow type. */
    @Schema(name = "TimeInStatusSet", requiredProperties = { "items", "itemsLeftOut", "itemsWithoutStatuses",
            "flowTimeDays", "statuses", "waitingRanked", "byType" })
    public record StatusSet(
            @Schema(description = "Items counted (started ones)", examples = "812") long items,
            @Schema(description = "Items completed without ever being started: left out, as of flow time (0 for the load)",
                    examples = "3") long itemsLeftOut,
            @Schema(description = "Items with time whose tracker status is not known (their events carried none, "
                    + "from a producer older than contract version 3): that time shows under its flow state with "
                    + "`status` absent", examples = "0") long itemsWithoutStatuses,
            @Schema(description = "Summed flow time of the items in days (the sum over all statuses)", examples = "5120.4167")
            double flowTimeDays,
            @Schema(description = "Every status held, by total time (largest first)") List<StatusTime> statuses,
            @Schema(description = "The waiting statuses by total time: the queues where work waits most")
            List<StatusTime> waitingRanked,
            @Schema(description = "The same per flow type, every type present") List<TypeSet> byType) {
    }

    /** Time in status of one flow type. */
    @Schema(name = "TimeInStatusTypeSet", requiredProperties = { "flowType", "items", "itemsLeftOut",
            "itemsWithoutStatuses", "flowTimeDays", "statuses", "waitingRanked" })
    public record TypeSet(
            @Schema(enumeration = { "feature", "defect", "risk", "debt" }, examples = "defect") String flowType,
            @Schema(examples = "120") long items,
            @Schema(examples = "0") long itemsLeftOut,
            @Schema(examples = "0") long itemsWithoutStatuses,
            @Schema(examples = "640.5") double flowTimeDays,
            List<StatusTime> statuses,
            List<StatusTime> waitingRanked) {
    }

    /** One tracker status: its time summed over the items that held it. */
    @Schema(name = "StatusTime", requiredProperties = { "rank", "flowState", "totalDays", "meanDays", "items",
            "sharePercent" })
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StatusTime(
            @Schema(description = "1 for the status with the most time (ties: by status name)", examples = "1") int rank,
            @Schema(description = "The tracker's own status; absent when the items' events did not say (time "
                    + "shown by flow state)", examples = "Ready for QA") String status,
            @Schema(description = "The flow state the status meant", enumeration = { "new", "active", "waiting" },
                    examples = "waiting") String flowState,
            @Schema(description = "Total time in the status, days", examples = "1310.25") double totalDays,
            @Schema(description = "Mean per item that held it, days", examples = "2.1") double meanDays,
            @Schema(description = "Items that held it", examples = "624") long items,
            @Schema(description = "Share of the summed flow time of the set (shares of all statuses add up to 100)",
                    examples = "25.59") double sharePercent) {
    }

    public static TimeInStatusReport of(UUID valueStreamId, String zone, Instant from, Instant to,
            StatusTotals.Totals completed, StatusTotals.Totals load) {
        return new TimeInStatusReport(valueStreamId, Definitions.VERSION, zone, from, to, set(completed), set(load));
    }

    static StatusSet set(StatusTotals.Totals totals) {
        StatusTotals.Summary all = totals.all();
        List<TypeSet> types = new ArrayList<>();
        for (FlowType t : FlowType.values()) {
            StatusTotals.Summary s = totals.byType().get(t);
            types.add(new TypeSet(t.wire(), s.items(), s.itemsLeftOut(), s.itemsWithoutStatuses(), days(s.seconds()),
                    ranked(s, false), ranked(s, true)));
        }
        return new StatusSet(all.items(), all.itemsLeftOut(), all.itemsWithoutStatuses(), days(all.seconds()),
                ranked(all, false), ranked(all, true), types);
    }

    /** Statuses by total time, largest first (ties by status name, then state); only waiting ones if asked. */
    static List<StatusTime> ranked(StatusTotals.Summary s, boolean waitingOnly) {
        List<Map.Entry<StatusKey, StatusTotals.Sum>> entries = new ArrayList<>(s.statuses().entrySet());
        if (waitingOnly) {
            entries.removeIf(e -> e.getKey().state() != FlowState.WAITING);
        }
        entries.sort(Comparator.<Map.Entry<StatusKey, StatusTotals.Sum>>comparingLong(e -> -e.getValue().seconds())
                .thenComparing(Map.Entry::getKey, StatusKey.ORDER));
        long flow = s.seconds();
        List<StatusTime> out = new ArrayList<>(entries.size());
        for (Map.Entry<StatusKey, StatusTotals.Sum> e : entries) {
            StatusTotals.Sum sum = e.getValue();
            Double share = Rounding.ratio(sum.seconds() * 100, flow, 2);
            out.add(new StatusTime(out.size() + 1, e.getKey().status(), e.getKey().state().wire(), days(sum.seconds()),
                    Rounding.ratio(sum.seconds(), sum.items() * Rounding.SECONDS_PER_DAY, 4), sum.items(),
                    share == null ? 0 : share));
        }
        return out;
    }

    private static double days(long seconds) {
        return Rounding.days(seconds);
    }
}
