package io.flowlens.metrics.calc;

import static io.flowlens.metrics.calc.FlowState.ACTIVE;
import static io.flowlens.metrics.calc.FlowState.CANCELED;
import static io.flowlens.metrics.calc.FlowState.DONE;
import static io.flowlens.metrics.calc.FlowState.NEW;
import static io.flowlens.metrics.calc.FlowState.WAITING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Velocity, flow time, efficiency, load and distribution over a hand-computed week
 * (window [2025-06-01, 2025-06-08) UTC):
 * <pre>
 * A feature  active 06-02, waiting 06-04, active 06-05, done 06-06   flow 4d, active 3d
 * B defect   active 06-05T12, done 06-07T12                          flow 2d, active 2d
 * C defect   new, done 06-03 (never started)                         velocity only
 * D feature  active 06-06, done 06-08T00 = exactly `to`             not completed in the window
 * E risk     active 05-25, done 06-01T00 = exactly `from`           flow 7d, active 7d
 * F debt     active 06-03, canceled 06-04T12                         never completes
 * G feature  active 05-31, still active
 * load at day ends 06-01..06-07: 1 2 3 2 3 3 2
 * </pre>
 */
class FlowFiguresTest {

    static final ZoneId UTC = ZoneId.of("UTC");
    static final Window WEEK = Window.ofDays(LocalDate.parse("2025-06-01"), LocalDate.parse("2025-06-07"), UTC);

    static Transition t(String at, FlowState s) {
        return new Transition(Instant.parse(at), s);
    }

    static Map.Entry<FlowType, Timeline> item(FlowType type, String created, Transition... ts) {
        return new AbstractMap.SimpleEntry<>(type, Timeline.of(Instant.parse(created), List.of(ts)));
    }

    static final List<Map.Entry<FlowType, Timeline>> ITEMS = List.of(
            item(FlowType.FEATURE, "2025-06-01T00:00:00Z", t("2025-06-02T00:00:00Z", ACTIVE),
                    t("2025-06-04T00:00:00Z", WAITING), t("2025-06-05T00:00:00Z", ACTIVE), t("2025-06-06T00:00:00Z", DONE)),
            item(FlowType.DEFECT, "2025-05-30T00:00:00Z", t("2025-06-05T12:00:00Z", ACTIVE),
                    t("2025-06-07T12:00:00Z", DONE)),
            item(FlowType.DEFECT, "2025-06-01T00:00:00Z", t("2025-06-01T00:00:00Z", NEW), t("2025-06-03T00:00:00Z", DONE)),
            item(FlowType.FEATURE, "2025-06-01T00:00:00Z", t("2025-06-06T00:00:00Z", ACTIVE),
                    t("2025-06-08T00:00:00Z", DONE)),
            item(FlowType.RISK, "2025-05-20T00:00:00Z", t("2025-05-25T00:00:00Z", ACTIVE), t("2025-06-01T00:00:00Z", DONE)),
            item(FlowType.DEBT, "2025-06-01T00:00:00Z", t("2025-06-03T00:00:00Z", ACTIVE),
                    t("2025-06-04T12:00:00Z", CANCELED)),
            item(FlowType.FEATURE, "2025-05-01T00:00:00Z", t("2025-05-31T00:00:00Z", ACTIVE)));

    static List<CompletedItem> completed(List<Map.Entry<FlowType, Timeline>> items) {
        List<CompletedItem> out = new ArrayList<>();
        for (Map.Entry<FlowType, Timeline> e : items) {
            if (e.getValue().completion() != null) {
                out.add(CompletedItem.of(e.getKey(), e.getValue()));
            }
        }
        return out;
    }

    static FlowFigures.Result week() {
        return FlowFigures.compute(WEEK, completed(ITEMS), DayEndCounts.fromTimelines(ITEMS, WEEK));
    }

    @Test
    void velocityCountsCompletionsInFromInclusiveToExclusive() {
        FlowFigures.Result r = week();
        assertEquals(4, r.total().velocity(), "A, B, C and E (at from); not D (at to)");
        assertEquals(1, r.byType().get(FlowType.FEATURE).velocity());
        assertEquals(2, r.byType().get(FlowType.DEFECT).velocity());
        assertEquals(1, r.byType().get(FlowType.RISK).velocity());
        assertEquals(0, r.byType().get(FlowType.DEBT).velocity());
    }

    @Test
    void flowTimeLeavesOutItemsNeverStartedAndUsesNearestRank() {
        FlowFigures.Result r = week();
        DurationStats ft = r.total().flowTime();
        assertEquals(3, ft.count(), "C never started");
        assertEquals(1, r.total().leftOutNeverStarted());
        assertEquals(1, r.byType().get(FlowType.DEFECT).leftOutNeverStarted());
        assertEquals(13 * 86_400 / 3.0, ft.mean(), 1e-6);
        assertEquals(2 * 86_400L, ft.min());
        assertEquals(7 * 86_400L, ft.max());
        assertEquals(4 * 86_400L, ft.p50(), "rank ceil(1.5) = 2 of [2, 4, 7]");
        assertEquals(7 * 86_400L, ft.p85());
        assertEquals(7 * 86_400L, ft.p95());
    }

    @Test
    void efficiencyIsTheRatioOfSumsNotTheMeanOfRatios() {
        // Σ active 3 + 2 + 7 = 12 days over Σ flow 4 + 2 + 7 = 13 days; the mean of ratios would be 91.67 %.
        assertEquals(100.0 * 12 / 13, week().total().efficiencyPercent(), 1e-9);
        assertEquals(75.0, week().byType().get(FlowType.FEATURE).efficiencyPercent(), 1e-9);
        assertNull(week().byType().get(FlowType.DEBT).efficiencyPercent(), "no flow time: null, not 0");
    }

    @Test
    void loadIsSampledAtEachDaysEnd() {
        DayEndCounts counts = DayEndCounts.fromTimelines(ITEMS, WEEK);
        List<Integer> loads = counts.days().stream().map(d -> counts.load(d, null)).toList();
        assertEquals(List.of(1, 2, 3, 2, 3, 3, 2), loads);
        FlowFigures.Load load = week().total().load();
        assertEquals(16 / 7.0, load.mean(), 1e-9);
        assertEquals(3, load.max());
        assertEquals(2, load.atEnd());
        assertEquals(2, week().byType().get(FlowType.FEATURE).load().atEnd(), "D and G");
        assertEquals(1, week().byType().get(FlowType.DEBT).load().max(), "F on 06-03 only");
    }

    @Test
    void distributionSharesSumToOneHundred() {
        FlowFigures.Distribution d = week().distribution();
        assertEquals(25.0, d.completed().get(FlowType.FEATURE));
        assertEquals(50.0, d.completed().get(FlowType.DEFECT));
        assertEquals(25.0, d.completed().get(FlowType.RISK));
        assertEquals(0.0, d.completed().get(FlowType.DEBT));
        assertEquals(100.0, d.load().get(FlowType.FEATURE));
        Map<FlowType, Double> thirds = FlowFigures.shares(Map.of(FlowType.FEATURE, 1L, FlowType.DEFECT, 1L,
                FlowType.RISK, 1L, FlowType.DEBT, 0L));
        assertEquals(100.0, thirds.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
    }

    @Test
    void emptyWindowGivesZerosAndNulls() {
        FlowFigures.Result r = FlowFigures.compute(WEEK, List.of(), DayEndCounts.fromTimelines(List.of(), WEEK));
        assertEquals(0, r.total().velocity());
        assertEquals(DurationStats.EMPTY, r.total().flowTime());
        assertNull(r.total().efficiencyPercent());
        assertEquals(0.0, r.total().load().mean());
        assertEquals(0, r.total().load().atEnd());
        assertEquals(0.0, r.distribution().completed().get(FlowType.FEATURE));
        Window sixHours = new Window(Instant.parse("2025-06-01T06:00:00Z"), Instant.parse("2025-06-01T12:00:00Z"), UTC);
        FlowFigures.Result none = FlowFigures.compute(sixHours, List.of(),
                DayEndCounts.fromTimelines(List.of(), sixHours));
        assertEquals(0.0, none.total().load().mean(), "no day ends inside the window: the load at to");
        assertEquals(0, none.total().load().atEnd());
    }

    @Test
    void cumulativeFlowCountsEveryStateAtEachDaysEnd() {
        DayEndCounts counts = DayEndCounts.fromTimelines(ITEMS, WEEK);
        assertEquals(List.of(2, 3, 0, 2, 0), states(counts, "2025-06-03"), "new B D; active A F G; done C E");
        assertEquals(List.of(2, 1, 1, 2, 1), states(counts, "2025-06-04"), "A waiting; F canceled at 12:00");
        assertEquals(List.of(0, 2, 0, 4, 1), states(counts, "2025-06-07"), "B done at 12:00; D still active");
    }

    static List<Integer> states(DayEndCounts counts, String day) {
        LocalDate d = LocalDate.parse(day);
        return List.of(counts.count(d, NEW), counts.count(d, ACTIVE), counts.count(d, WAITING), counts.count(d, DONE),
                counts.count(d, CANCELED));
    }
}
