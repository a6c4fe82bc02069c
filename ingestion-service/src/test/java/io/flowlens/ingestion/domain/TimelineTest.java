package io.flowlens.ingestion.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Deriving an item's flow-state timeline from its tracker's status changes. */
class TimelineTest {

    static final Instant T0 = Instant.parse("2025-12-01T09:00:00Z");
    static final FlowMapping JIRA = DefaultMappings.forTracker("jira");

    static Instant t(int hours) {
        return T0.plusSeconds(hours * 3600L);
    }

    static List<FlowState> states(Timeline t) {
        return t.states().stream().map(Timeline.Point::state).toList();
    }

    @Test
    void theOrderIsThePayloadInstantsNotTheArrival() {
        List<StatusChange> arrived = List.of(StatusChange.of(t(50), "Done"), StatusChange.of(t(2), "In Progress"),
                StatusChange.of(t(0), "To Do"), StatusChange.of(t(20), "In Review"));
        Timeline t = Timeline.derive(T0, arrived, JIRA, t(100));
        assertEquals(List.of(FlowState.NEW, FlowState.ACTIVE, FlowState.WAITING, FlowState.DONE), states(t));
        assertEquals(List.of(t(0), t(2), t(20), t(50)), t.states().stream().map(Timeline.Point::at).toList());
        assertEquals(FlowState.DONE, t.current());
        // Each entry remembers which reported change it came from.
        assertEquals(0, t.entries().get(3).source());
    }

    @Test
    void repeatedStatesCollapseAndTheCreationIsTheFirstPoint() {
        Timeline t = Timeline.derive(T0, List.of(StatusChange.of(t(1), "Backlog"), StatusChange.of(t(3), "To Do"),
                StatusChange.of(t(5), "In Progress")), JIRA, t(10));
        assertEquals(List.of(new Timeline.Point(T0, FlowState.NEW), new Timeline.Point(t(5), FlowState.ACTIVE)),
                t.states());
    }

    @Test
    void aStatusCategoryMapsWhatNoStatusNameDoes() {
        Timeline t = Timeline.derive(T0, List.of(new StatusChange(t(1), "Peer Review", "indeterminate")), JIRA,
                t(10));
        assertEquals(FlowState.ACTIVE, t.current());
        assertEquals(0, t.quality().unmappedStatuses());
    }

    @Test
    void unmappedStatusesAreNewBeforeWorkStartsAndWaitingAfterAndAreCounted() {
        Timeline t = Timeline.derive(T0, List.of(StatusChange.of(t(1), "Triage Pending"),
                StatusChange.of(t(2), "In Progress"), StatusChange.of(t(3), "Needs Legal")), JIRA, t(10));
        assertEquals(List.of(FlowState.NEW, FlowState.ACTIVE, FlowState.WAITING), states(t));
        assertEquals(2, t.quality().unmappedStatuses());
        assertFalse(t.entries().get(0).mapped());
    }

    @Test
    void instantsInTheFutureOrBeforeCreationAreCountedNotDropped() {
        Timeline t = Timeline.derive(T0, List.of(StatusChange.of(t(-5), "In Progress"),
                StatusChange.of(t(500), "Done")), JIRA, t(100));
        assertEquals(1, t.quality().beforeCreation());
        assertEquals(1, t.quality().futureInstants());
        assertEquals(2, t.entries().size());
    }

    @Test
    void doneWithoutEverStartingIsFlagged() {
        Timeline t = Timeline.derive(T0, List.of(StatusChange.of(t(0), "To Do"), StatusChange.of(t(9), "Done")),
                JIRA, t(10));
        assertTrue(t.quality().doneWithoutStart());
        Timeline started = Timeline.derive(T0, List.of(StatusChange.of(t(1), "In Progress"),
                StatusChange.of(t(9), "Done")), JIRA, t(10));
        assertFalse(started.quality().doneWithoutStart());
    }

    @Test
    void aStartReplacedAtItsOwnInstantWasNeverHeld() {
        // Started and done at one instant: the item went from new to done, as metrics reads it too.
        Timeline t = Timeline.derive(T0, List.of(StatusChange.of(t(9), "In Progress"), StatusChange.of(t(9), "Done")),
                JIRA, t(10));
        assertEquals(FlowState.DONE, t.current());
        assertTrue(t.states().stream().noneMatch(p -> p.state().isStarted()));
        assertTrue(t.quality().doneWithoutStart());
    }

    @Test
    void atOneInstantWithoutTheTrackersOrderTheLaterFlowStateDecides() {
        // new < waiting < active < canceled < done, whatever order they arrive in.
        Timeline t = Timeline.derive(T0, List.of(StatusChange.of(T0, "In Progress"), StatusChange.of(T0, "To Do")),
                JIRA, t(10));
        assertEquals(List.of(new Timeline.Point(T0, FlowState.ACTIVE)), t.states());
        Timeline d = Timeline.derive(T0, List.of(StatusChange.of(t(1), "Done"), StatusChange.of(t(1), "Won't Do"),
                StatusChange.of(t(1), "In Review")), JIRA, t(10));
        assertEquals(FlowState.DONE, d.current());
    }

    @Test
    void atOneInstantTheTrackersLaterRecordDecides() {
        // Jira history 7 (Done) was recorded before history 8 (back to In Review) at the same instant.
        List<StatusChange> changes = List.of(new StatusChange(t(1), "In Review", null, null, 8L),
                new StatusChange(t(1), "Done", null, null, 7L), new StatusChange(t(0), "In Progress", null, null, 5L));
        Timeline t = Timeline.derive(T0, changes, JIRA, t(10));
        assertEquals(List.of(FlowState.ACTIVE, FlowState.WAITING), states(t));
        assertEquals(List.of("In Progress", "Done", "In Review"),
                t.entries().stream().map(Timeline.Entry::status).toList());
        // Any arrival order gives the same timeline.
        List<StatusChange> reversed = new java.util.ArrayList<>(changes);
        java.util.Collections.reverse(reversed);
        assertEquals(t.states(), Timeline.derive(T0, reversed, JIRA, t(10)).states());
    }

    @Test
    void aResolutionDecidesHowAFinishedItemEnded() {
        Timeline t = Timeline.derive(T0, List.of(new StatusChange(t(1), "Done", "done", "Won't Do", null)), JIRA,
                t(10));
        assertEquals(FlowState.CANCELED, t.current());
        Timeline fixed = Timeline.derive(T0, List.of(new StatusChange(t(1), "Done", "done", "Fixed", null)), JIRA,
                t(10));
        assertEquals(FlowState.DONE, fixed.current());
        // A resolution on an unfinished status changes nothing.
        Timeline open = Timeline.derive(T0, List.of(new StatusChange(t(1), "In Progress", null, "Duplicate", null)),
                JIRA, t(10));
        assertEquals(FlowState.ACTIVE, open.current());
    }
}
