package io.flowlens.metrics.bottleneck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.flowlens.metrics.calc.FlowState;
import io.flowlens.metrics.calc.FlowType;
import io.flowlens.metrics.calc.Timeline;
import io.flowlens.metrics.calc.Transition;

/** Time in status of single items and of sets of items, by the rules of flow time. */
class TimeInStatusRulesTest {

    static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
    static final long H = 3600;

    static Instant h(double hours) {
        return T0.plusSeconds((long) (hours * H));
    }

    /** Transitions as (hour, state, status) triples; status may be null. */
    static List<TimeInStatus.Step> steps(Object... triples) {
        List<Transition> ts = new ArrayList<>();
        List<String> statuses = new ArrayList<>();
        for (int k = 0; k < triples.length; k += 3) {
            ts.add(new Transition(h(((Number) triples[k]).doubleValue()), FlowState.fromWire((String) triples[k + 1])));
            statuses.add((String) triples[k + 2]);
        }
        return TimeInStatus.steps(T0, ts, statuses);
    }

    static StatusKey key(String status, String state) {
        return new StatusKey(status, FlowState.fromWire(state));
    }

    @Test
    void waitingPeriodsCountForTheStatusesTheItemWaitedIn() {
        TimeInStatus.ItemTime t = TimeInStatus.completed(steps(1, "active", "In Progress", 3, "waiting", "In Review",
                7, "waiting", "Ready for QA", 8, "active", "Testing", 10, "done", "Done"));
        assertEquals(Map.of(key("In Progress", "active"), 2 * H, key("In Review", "waiting"), 4 * H,
                key("Ready for QA", "waiting"), H, key("Testing", "active"), 2 * H), t.seconds());
        assertEquals(9 * H, t.total()); // the flow time: work start at 1 h, completion at 10 h
        assertFalse(t.withoutStatuses());
    }

    @Test
    void aReopenedItemCountsEveryStretchUpToItsLastCompletionIncludingTimeBackInNew() {
        List<TimeInStatus.Step> s = steps(1, "active", "In Progress", 3, "done", "Done", 5, "new", "Reopened",
                6, "active", "In Progress", 9, "done", "Done", 11, "done", "Released");
        TimeInStatus.ItemTime t = TimeInStatus.completed(s);
        // Done between 3 h and 5 h lies inside the flow time (work start 1 h, completion 9 h) and counts.
        assertEquals(Map.of(key("In Progress", "active"), 5 * H, key("Done", "done"), 2 * H,
                key("Reopened", "new"), H), t.seconds());
        assertEquals(h(9), TimeInStatus.completion(s), "Done to Released is no new entry into done");
    }

    @Test
    void anItemReopenedAndNotDoneNowHasNoCompletionButIsInTheLoad() {
        List<TimeInStatus.Step> s = steps(1, "active", "In Progress", 3, "done", "Done", 5, "active", "In Progress");
        assertNull(TimeInStatus.completed(s));
        TimeInStatus.ItemTime t = TimeInStatus.inLoadAt(s, h(8));
        assertEquals(Map.of(key("In Progress", "active"), 5 * H, key("Done", "done"), 2 * H), t.seconds());
        assertNull(TimeInStatus.inLoadAt(s, h(4)), "done just before 4 h: not in the load");
    }

    @Test
    void anUnmappedStatusKeepsItsNameWithTheStateItWasGiven() {
        TimeInStatus.ItemTime t = TimeInStatus.completed(steps(1, "active", "In Progress", 2, "waiting",
                "Waiting for Legal", 6, "active", "In Progress", 7, "done", "Done"));
        assertEquals(4 * H, t.seconds().get(key("Waiting for Legal", "waiting")));
    }

    @Test
    void anItemStillInProgressCountsUpToToAndItsOpenRowsGiveTheSame() {
        List<TimeInStatus.Step> s = steps(2, "active", "In Progress", 4, "waiting", "Blocked", 5, "active",
                "In Progress");
        TimeInStatus.ItemTime at = TimeInStatus.inLoadAt(s, h(10));
        assertEquals(Map.of(key("In Progress", "active"), 7 * H, key("Blocked", "waiting"), H), at.seconds());
        assertNull(TimeInStatus.inLoadAt(s, h(2)), "the start at 2 h is not yet held just before 2 h");
        assertEquals(Map.of(key("In Progress", "active"), 1800L),
                TimeInStatus.inLoadAt(s, h(2.5)).seconds());
        TimeInStatus.Open open = TimeInStatus.open(s);
        assertEquals(key("In Progress", "active"), open.current());
        assertEquals(h(5), open.since());
        assertEquals(Map.of(key("In Progress", "active"), 2 * H, key("Blocked", "waiting"), H), open.closed());
        assertNull(TimeInStatus.completed(s));
    }

    @Test
    void atOneInstantTheLastTransitionGivenDecidesAndTheEarlierOneWasNeverHeld() {
        TimeInStatus.ItemTime t = TimeInStatus.completed(steps(1, "active", "In Progress", 3, "waiting", "In Review",
                3, "active", "Pairing", 5, "done", "Done"));
        assertEquals(Map.of(key("In Progress", "active"), 2 * H, key("Pairing", "active"), 2 * H), t.seconds());
        // Started and done at one instant: the start was never held, the item never started.
        TimeInStatus.ItemTime never = TimeInStatus.completed(steps(2, "active", "In Progress", 2, "done", "Done"));
        assertFalse(never.started());
    }

    @Test
    void anItemWithoutStatusesCountsByFlowStateAndSaysSo() {
        TimeInStatus.ItemTime t = TimeInStatus.completed(steps(1, "active", null, 2, "waiting", null, 3, "waiting",
                null, 4, "done", null));
        assertEquals(Map.of(key(null, "active"), H, key(null, "waiting"), 2 * H), t.seconds());
        assertTrue(t.withoutStatuses());
    }

    @Test
    void aChangeWithinOneStateStartsANewStatusButTheSameStatusAgainDoesNot() {
        TimeInStatus.ItemTime t = TimeInStatus.completed(steps(1, "active", "Dev", 2, "active", "Dev", 3, "active",
                "Code Review", 4, "done", "Done"));
        assertEquals(Map.of(key("Dev", "active"), 2 * H, key("Code Review", "active"), H), t.seconds());
    }

    @Test
    void setsSumPerStatusAndCountTheItemsThatHeldIt() {
        StatusTotals totals = new StatusTotals();
        totals.add(FlowType.FEATURE, TimeInStatus.completed(steps(1, "active", "Dev", 3, "waiting", "QA", 4, "done",
                "Done")));
        totals.add(FlowType.DEFECT, TimeInStatus.completed(steps(1, "active", "Dev", 5, "done", "Done")));
        totals.add(FlowType.DEFECT, TimeInStatus.completed(steps(1, "done", "Done")));
        StatusTotals.Totals t = totals.totals();
        assertEquals(new StatusTotals.Sum(6 * H, 2), t.all().statuses().get(key("Dev", "active")));
        assertEquals(2, t.all().items());
        assertEquals(1, t.all().itemsLeftOut());
        assertEquals(7 * H, t.all().seconds());
        assertEquals(1, t.byType().get(FlowType.DEFECT).items());
        assertEquals(0, t.byType().get(FlowType.RISK).items());
        TimeInStatusReport.StatusSet set = TimeInStatusReport.set(t);
        assertEquals("Dev", set.statuses().get(0).status());
        assertEquals(85.71, set.statuses().get(0).sharePercent());
        assertEquals(0.125, set.statuses().get(0).meanDays());
        assertEquals(1, set.waitingRanked().size());
        assertEquals("QA", set.waitingRanked().get(0).status());
        assertEquals(14.29, set.waitingRanked().get(0).sharePercent());
    }

    @Test
    void waitingStatusesAreRankedByTotalTimeTiesByName() {
        StatusTotals totals = new StatusTotals();
        totals.add(FlowType.FEATURE, TimeInStatus.completed(steps(0, "active", "Dev", 1, "waiting", "B", 3,
                "waiting", "A", 5, "waiting", "C", 9, "done", "Done")));
        List<TimeInStatusReport.StatusTime> ranked = TimeInStatusReport.set(totals.totals()).waitingRanked();
        assertEquals(List.of("C", "A", "B"), ranked.stream().map(TimeInStatusReport.StatusTime::status).toList());
        assertEquals(List.of(1, 2, 3), ranked.stream().map(TimeInStatusReport.StatusTime::rank).toList());
    }

    /** On random timelines: the statuses add up to the flow time and the active ones to the active time. */
    @Test
    void statusesAddUpToFlowTimeAndActiveTimeOnRandomTimelines() {
        String[] states = { "new", "active", "waiting", "done", "canceled" };
        String[] names = { "A", "B", "C", null };
        for (long seed = 1; seed <= 3000; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            List<Transition> ts = new ArrayList<>();
            List<String> statuses = new ArrayList<>();
            Instant at = r.nextInt(8) == 0 ? T0.minusSeconds(r.nextLong(1, 10 * H)) : T0;
            int n = r.nextInt(0, 9);
            for (int k = 0; k < n; k++) {
                if (r.nextInt(4) != 0) {
                    at = at.plusSeconds(r.nextLong(1, 50 * H));
                }
                ts.add(new Transition(at, FlowState.fromWire(states[r.nextInt(states.length)])));
                statuses.add(names[r.nextInt(names.length)]);
            }
            Timeline timeline = Timeline.of(T0, ts);
            List<TimeInStatus.Step> s = TimeInStatus.steps(T0, ts, statuses);
            assertEquals(timeline.workStart(), TimeInStatus.workStart(s), "seed " + seed);
            assertEquals(timeline.completion(), TimeInStatus.completion(s), "seed " + seed);
            TimeInStatus.ItemTime t = TimeInStatus.completed(s);
            if (timeline.flowTime() != null) {
                assertEquals(timeline.flowTime().toSeconds(), t.total(), "seed " + seed);
                long active = t.seconds().entrySet().stream().filter(e -> e.getKey().state() == FlowState.ACTIVE)
                        .mapToLong(Map.Entry::getValue).sum();
                assertEquals(timeline.activeTime().toSeconds(), active, "seed " + seed);
            } else if (timeline.completion() != null) {
                assertFalse(t.started(), "seed " + seed);
            } else {
                assertNull(t, "seed " + seed);
            }
            Instant to = T0.plusSeconds(r.nextLong(-5 * H, 200 * H));
            FlowState before = timeline.stateJustBefore(to);
            TimeInStatus.ItemTime load = TimeInStatus.inLoadAt(s, to);
            assertEquals(before != null && before.inLoad(), load != null, "seed " + seed);
            if (load != null) {
                assertEquals(to.getEpochSecond() - timeline.workStart().getEpochSecond(), load.total(), "seed " + seed);
            }
        }
    }
}
