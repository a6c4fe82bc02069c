package io.flowlens.metrics.calc;

import static io.flowlens.metrics.calc.FlowState.ACTIVE;
import static io.flowlens.metrics.calc.FlowState.CANCELED;
import static io.flowlens.metrics.calc.FlowState.DONE;
import static io.flowlens.metrics.calc.FlowState.NEW;
import static io.flowlens.metrics.calc.FlowState.WAITING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Work start, completion, active time and flow time exactly as docs/flow-metrics.md defines them. */
class TimelineRulesTest {

    static final Instant D0 = Instant.parse("2025-06-02T09:00:00Z");

    static Instant day(double d) {
        return D0.plus(Duration.ofMinutes(Math.round(d * 24 * 60)));
    }

    static Transition t(double d, FlowState s) {
        return new Transition(day(d), s);
    }

    @Test
    void contractExampleGivesWorkStartCompletionAndFlowTime() {
        Timeline tl = Timeline.of(Instant.parse("2025-12-01T09:00:00Z"), List.of(
                new Transition(Instant.parse("2025-12-01T09:00:00Z"), NEW),
                new Transition(Instant.parse("2025-12-02T10:30:00Z"), ACTIVE),
                new Transition(Instant.parse("2025-12-04T16:00:00Z"), DONE)));
        assertEquals(Instant.parse("2025-12-02T10:30:00Z"), tl.workStart());
        assertEquals(Instant.parse("2025-12-04T16:00:00Z"), tl.completion());
        assertEquals(Duration.ofSeconds(2 * 86_400 + 5 * 3_600 + 1_800), tl.flowTime());
        assertEquals(tl.flowTime(), tl.activeTime());
    }

    @Test
    void reopenedThenDoneAgainCompletesAtTheLastEntryIntoDone() {
        Timeline tl = Timeline.of(D0, List.of(t(0, NEW), t(1, ACTIVE), t(3, DONE), t(5, ACTIVE), t(6, DONE)));
        assertEquals(day(1), tl.workStart());
        assertEquals(day(6), tl.completion(), "the last entry into done, not the first");
        assertEquals(Duration.ofDays(5), tl.flowTime(), "from the first work start, reopened time included");
        assertEquals(Duration.ofDays(3), tl.activeTime(), "2 days before the first done + 1 after the reopen");
    }

    @Test
    void reopenedAndNotDoneNowHasNoCompletion() {
        Timeline tl = Timeline.of(D0, List.of(t(0, NEW), t(1, ACTIVE), t(3, DONE), t(5, WAITING)));
        assertNull(tl.completion());
        assertNull(tl.flowTime());
        assertNull(tl.activeTime());
        assertEquals(WAITING, tl.currentState());
    }

    @Test
    void canceledAfterWorkHasNoCompletionAndLeavesTheLoad() {
        Timeline tl = Timeline.of(D0, List.of(t(0, NEW), t(1, ACTIVE), t(2, CANCELED)));
        assertEquals(day(1), tl.workStart());
        assertNull(tl.completion());
        assertNull(tl.flowTime());
        assertEquals(ACTIVE, tl.stateAt(day(1.5)));
        assertFalse(tl.stateAt(day(2)).inLoad());
    }

    @Test
    void doneWithoutStartHasCompletionButNoFlowTime() {
        Timeline tl = Timeline.of(D0, List.of(t(0, NEW), t(4, DONE)));
        assertEquals(day(4), tl.completion());
        assertNull(tl.workStart());
        assertTrue(tl.completedWithoutStart());
        assertNull(tl.flowTime());
        assertNull(tl.activeTime());
    }

    @Test
    void movedBackToNewMidFlightKeepsTheFirstWorkStartAndCountsTheNewTimeInFlowOnly() {
        Timeline tl = Timeline.of(D0, List.of(t(0, NEW), t(1, ACTIVE), t(2, NEW), t(4, ACTIVE), t(5, DONE)));
        assertEquals(day(1), tl.workStart(), "the first entry into active, not the re-entry");
        assertEquals(Duration.ofDays(4), tl.flowTime());
        assertEquals(Duration.ofDays(2), tl.activeTime(), "the 2 days back in new are not active");
        assertFalse(tl.stateAt(day(3)).inLoad(), "back in new: not in the load");
    }

    @Test
    void waitingTimeCountsInFlowTimeButNotActiveTime() {
        Timeline tl = Timeline.of(D0, List.of(t(0, NEW), t(1, ACTIVE), t(2, WAITING), t(4, ACTIVE), t(5, DONE)));
        assertEquals(Duration.ofDays(4), tl.flowTime());
        assertEquals(Duration.ofDays(2), tl.activeTime());
        assertTrue(tl.stateAt(day(3)).inLoad(), "waiting is part of the load");
    }

    @Test
    void workCanStartInWaiting() {
        Timeline tl = Timeline.of(D0, List.of(t(0, NEW), t(1, WAITING), t(2, ACTIVE), t(3, DONE)));
        assertEquals(day(1), tl.workStart());
        assertEquals(Duration.ofDays(2), tl.flowTime());
        assertEquals(Duration.ofDays(1), tl.activeTime());
    }

    @Test
    void transitionsInAnyOrderGiveTheTimelineTheirInstantsDescribe() {
        List<Transition> ordered = List.of(t(0, NEW), t(1, ACTIVE), t(2, WAITING), t(3, DONE), t(4, ACTIVE),
                t(7, DONE));
        List<Transition> shuffled = new ArrayList<>(ordered);
        Collections.reverse(shuffled);
        Collections.swap(shuffled, 1, 4);
        Timeline a = Timeline.of(D0, ordered);
        Timeline b = Timeline.of(D0, shuffled);
        assertEquals(a.intervals(), b.intervals());
        assertEquals(day(7), b.completion());
        assertEquals(day(1), b.workStart());
        assertEquals(Duration.ofDays(6), b.flowTime());
        assertEquals(Duration.ofDays(4), b.activeTime());
    }

    @Test
    void anItemIsNewFromCreationUntilItsFirstTransition() {
        Timeline tl = Timeline.of(D0, List.of(t(2, ACTIVE)));
        assertEquals(NEW, tl.stateAt(day(1)));
        assertEquals(ACTIVE, tl.currentState());
        assertNull(tl.stateAt(day(-1)), "nothing before creation");
        assertEquals(NEW, Timeline.of(D0, List.of()).currentState());
    }

    @Test
    void aRepeatedTransitionIntoTheSameStateIsNotANewEntry() {
        Timeline tl = Timeline.of(D0, List.of(t(0, NEW), t(1, ACTIVE), t(2, DONE), t(3, DONE)));
        assertEquals(day(2), tl.completion());
        assertEquals(3, tl.intervals().size());
    }

    @Test
    void atOneInstantTheLaterTransitionDecidesAndTheEarlierStateWasNeverHeld() {
        // Started and finished in the same second: the tracker recorded active, then done.
        Timeline straightToDone = Timeline.of(D0, List.of(t(0, NEW), t(1, ACTIVE), t(1, DONE)));
        assertEquals(DONE, straightToDone.currentState());
        assertEquals(day(1), straightToDone.completion());
        assertNull(straightToDone.workStart(), "active was superseded at the same instant: never held, no work start");
        assertTrue(straightToDone.completedWithoutStart());
        assertEquals(List.of(), LoadChange.of(straightToDone), "never in the load");
        // The same two changes recorded the other way round: reopened at once, in the load.
        Timeline reopened = Timeline.of(D0, List.of(t(0, NEW), t(1, DONE), t(1, ACTIVE)));
        assertEquals(ACTIVE, reopened.currentState());
        assertNull(reopened.completion());
        assertEquals(day(1), reopened.workStart());
        assertEquals(List.of(new LoadChange(day(1), 1)), LoadChange.of(reopened));
        // Given out of order with other instants, same-instant changes keep the order they were recorded in.
        Timeline shuffled = Timeline.of(D0, List.of(t(3, DONE), t(1, ACTIVE), t(3, WAITING), t(2, NEW)));
        assertEquals(WAITING, shuffled.currentState(), "waiting was recorded after done at day 3");
        assertEquals(List.of(new LoadChange(day(1), 1), new LoadChange(day(2), -1), new LoadChange(day(3), 1)),
                LoadChange.of(shuffled));
    }

    @Test
    void aSameInstantChangeBackToTheStateBeforeLeavesNoTrace() {
        Timeline tl = Timeline.of(D0, List.of(t(0, NEW), t(1, ACTIVE), t(2, WAITING), t(2, ACTIVE), t(3, DONE)));
        assertEquals(3, tl.intervals().size(), "new, active (one entry), done");
        assertEquals(Duration.ofDays(2), tl.activeTime());
    }

    @Test
    void aTransitionBeforeCreationMovesTheStartOfTheTimeline() {
        Timeline tl = Timeline.of(day(2), List.of(t(1, ACTIVE), t(3, DONE)));
        assertEquals(day(1), tl.start());
        assertEquals(day(1), tl.workStart());
        assertEquals(Duration.ofDays(2), tl.flowTime());
        assertEquals(ACTIVE, tl.stateJustBefore(day(2)));
        assertNull(tl.stateJustBefore(day(1)), "the state just before the first instant is none");
    }

    @Test
    void theStateJustBeforeAnInstantIgnoresATransitionAtThatInstant() {
        Timeline tl = Timeline.of(D0, List.of(t(1, ACTIVE), t(2, DONE)));
        assertEquals(ACTIVE, tl.stateJustBefore(day(2)), "half-open: done at `to` is not yet done");
        assertEquals(DONE, tl.stateAt(day(2)));
        assertEquals(NEW, tl.stateJustBefore(day(1)));
    }
}
