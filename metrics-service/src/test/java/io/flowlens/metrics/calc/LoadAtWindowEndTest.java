package io.flowlens.metrics.calc;

import static io.flowlens.metrics.calc.FlowState.ACTIVE;
import static io.flowlens.metrics.calc.FlowState.DONE;
import static io.flowlens.metrics.calc.FlowState.WAITING;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The load at a window's end is the load at the instant {@code to} (the state just before it),
 * whether or not {@code to} is a local midnight; mean and max are over the day ends inside
 * (from, to], or the load at {@code to} when there is none. Before, atEnd was the load at the last
 * local midnight inside the window, or null, and the load distribution followed it to zeros.
 */
class LoadAtWindowEndTest {

    static final ZoneId UTC = ZoneId.of("UTC");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static Map.Entry<FlowType, Timeline> item(FlowType type, String... stateAt) {
        List<Transition> ts = new java.util.ArrayList<>();
        for (int k = 0; k < stateAt.length; k += 2) {
            ts.add(new Transition(Instant.parse(stateAt[k + 1]), FlowState.fromWire(stateAt[k])));
        }
        return new AbstractMap.SimpleEntry<>(type, Timeline.of(Instant.parse("2025-05-01T00:00:00Z"), ts));
    }

    /**
     * A: active since 05-31, done 06-05T10:00 (inside to's day, before to)
     * B: active 06-05T06:00 (inside to's day)
     * C: active 06-05T12:00 = exactly to (not yet)
     * D: active 06-02, waiting 06-05T09:00 (stays in the load)
     * E: active 06-03, done 06-04 (gone before to's day)
     */
    static final List<Map.Entry<FlowType, Timeline>> ITEMS = List.of(
            item(FlowType.FEATURE, "active", "2025-05-31T00:00:00Z", "done", "2025-06-05T10:00:00Z"),
            item(FlowType.DEFECT, "active", "2025-06-05T06:00:00Z"),
            item(FlowType.DEFECT, "active", "2025-06-05T12:00:00Z"),
            item(FlowType.RISK, "active", "2025-06-02T00:00:00Z", "waiting", "2025-06-05T09:00:00Z"),
            item(FlowType.DEBT, "active", "2025-06-03T00:00:00Z", "done", "2025-06-04T00:00:00Z"));

    static FlowFigures.Result figures(Window w) {
        List<CompletedItem> completed = ITEMS.stream().filter(e -> e.getValue().completion() != null)
                .map(e -> CompletedItem.of(e.getKey(), e.getValue())).toList();
        return FlowFigures.compute(w, completed, DayEndCounts.fromTimelines(ITEMS, w));
    }

    @Test
    void toInTheMiddleOfADayIsTheLoadAtThatInstant() {
        Window w = new Window(Instant.parse("2025-06-01T00:00:00Z"), Instant.parse("2025-06-05T12:00:00Z"), UTC);
        // Day ends inside (from, to]: 06-01 .. 06-04, loads 1 (A), 2 (A D), 3 (A D E), 2 (A D).
        FlowFigures.Load load = figures(w).total().load();
        assertEquals(2, load.atEnd(), "B and D at 12:00; A done at 10:00; C enters at exactly to");
        assertEquals(4, load.samples());
        assertEquals(8, load.sampleSum());
        assertEquals(3, load.max());
        assertEquals(2.0, load.meanRounded());
        FlowFigures.Distribution d = figures(w).distribution();
        assertEquals(50.0, d.load().get(FlowType.DEFECT), "the distribution follows the load at to, not zeros");
        assertEquals(50.0, d.load().get(FlowType.RISK));
        assertEquals(0.0, d.load().get(FlowType.FEATURE));
    }

    @Test
    void aWindowHoldingNoDayEndReportsTheLoadAtToForMeanAndMax() {
        Window w = new Window(Instant.parse("2025-06-05T08:00:00Z"), Instant.parse("2025-06-05T12:00:00Z"), UTC);
        FlowFigures.Load load = figures(w).total().load();
        assertEquals(2, load.atEnd());
        assertEquals(2, load.max());
        assertEquals(2.0, load.meanRounded());
        assertEquals(List.of(), w.sampledDays());
        assertEquals(1, figures(w).byType().get(FlowType.DEFECT).load().atEnd());
    }

    @Test
    void toAtALocalMidnightIsTheLastDayEnd() {
        Window w = Window.ofDays(LocalDate.parse("2025-06-01"), LocalDate.parse("2025-06-05"), UTC);
        FlowFigures.Load load = figures(w).total().load();
        assertEquals(3, load.atEnd(), "B, C, D at the end of 06-05");
        assertEquals(load.atEnd(), DayEndCounts.fromTimelines(ITEMS, w).load(LocalDate.parse("2025-06-05"), null));
    }

    @Test
    void dayCountsPlusTheChangesOfToDayGiveTheSameAsTheTimelines() {
        // What the queries do: day counts to the end of the day before to's day, plus the load changes
        // in [start of to's day, to), against the rules applied to whole timelines.
        for (String to : List.of("2025-06-05T00:00:00Z", "2025-06-05T06:00:00Z", "2025-06-05T09:30:00Z",
                "2025-06-05T12:00:00Z", "2025-06-05T23:59:59Z")) {
            for (String from : List.of("2025-06-01T00:00:00Z", "2025-06-04T13:00:00Z", "2025-06-05T00:00:00Z")) {
                Instant f = Instant.parse(from);
                Instant t = Instant.parse(to);
                if (!f.isBefore(t)) {
                    continue;
                }
                Window w = new Window(f, t, UTC);
                DayEndCounts rules = DayEndCounts.fromTimelines(ITEMS, w);
                // As stored: each item's day deltas and load changes.
                int[][] baseline = DayEndCounts.empty();
                Map<LocalDate, int[][]> deltas = new java.util.HashMap<>();
                int[] changes = new int[FlowType.values().length];
                for (Map.Entry<FlowType, Timeline> e : ITEMS) {
                    int type = e.getKey().ordinal();
                    for (DayDelta d : DayDelta.of(e.getValue(), UTC)) {
                        int[][] into = d.day().isBefore(w.firstDate()) ? baseline
                                : deltas.computeIfAbsent(d.day(), k -> DayEndCounts.empty());
                        into[type][d.state().ordinal()] += d.delta();
                    }
                    for (LoadChange c : LoadChange.of(e.getValue())) {
                        if (!c.at().isBefore(w.startOfDayOfTo()) && c.at().isBefore(t)) {
                            changes[type] += c.delta();
                        }
                    }
                }
                DayEndCounts stored = DayEndCounts.cumulate(baseline, deltas, w.sampledDays()).withIntraday(changes);
                for (FlowType type : FlowType.values()) {
                    assertEquals(rules.loadAtTo(type), stored.loadAtTo(type), from + " .. " + to + " " + type);
                }
                for (LocalDate d : w.sampledDays()) {
                    assertEquals(rules.load(d, null), stored.load(d, null), from + " .. " + to + " " + d);
                }
            }
        }
    }

    @Test
    void onADstDayTheDayBeforeEndsAtLocalMidnightAndToCountsInLocalTime() {
        // 2025-03-30 in Berlin has 23 hours: it starts at 03-29T23:00Z. to = 12:00 CEST = 10:00Z.
        List<Map.Entry<FlowType, Timeline>> items = List.of(
                item(FlowType.FEATURE, "active", "2025-03-29T22:30:00Z"), // 03-29 23:30 CET: before the day
                item(FlowType.FEATURE, "active", "2025-03-29T23:30:00Z"), // 03-30 00:30 CET: inside to's day
                item(FlowType.FEATURE, "active", "2025-03-30T09:59:59Z", "done", "2025-03-30T10:00:00Z"),
                item(FlowType.FEATURE, "active", "2025-03-30T10:00:00Z")); // exactly to
        Window w = new Window(Instant.parse("2025-03-28T23:00:00Z"), Instant.parse("2025-03-30T10:00:00Z"), BERLIN);
        assertEquals(Instant.parse("2025-03-29T23:00:00Z"), w.startOfDayOfTo());
        assertEquals(List.of(LocalDate.parse("2025-03-29")), w.sampledDays());
        DayEndCounts counts = DayEndCounts.fromTimelines(items, w);
        assertEquals(1, counts.load(LocalDate.parse("2025-03-29"), null));
        assertEquals(3, counts.loadAtTo(null), "the first three; the fourth starts at to");
        List<CompletedItem> none = List.of();
        FlowFigures.Load load = FlowFigures.compute(w, none, counts).total().load();
        assertEquals(3, load.atEnd());
        assertEquals(1, load.max(), "the only day end inside the window is 03-29's");
    }
}
