package io.flowlens.ingestion.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.flowlens.ingestion.domain.DefaultMappings;
import io.flowlens.ingestion.domain.FlowMapping;
import io.flowlens.ingestion.domain.StatusChange;
import io.flowlens.ingestion.domain.Timeline;

/** The transitions an item event carries: each change of tracker status with its flow state (version 3). */
class EventTransitionsTest {

    static final Instant T0 = Instant.parse("2025-12-01T09:00:00Z");
    static final FlowMapping JIRA = DefaultMappings.forTracker("jira");

    static Instant t(int hours) {
        return T0.plusSeconds(hours * 3600L);
    }

    static List<ItemEvent.Transition> of(List<StatusChange> changes) {
        return EventTransitions.of(T0, Timeline.derive(T0, changes, JIRA, t(1000)));
    }

    @Test
    void everyStatusChangeTravelsWithItsStatusEvenWithinOneFlowState() {
        List<ItemEvent.Transition> ts = of(List.of(StatusChange.of(t(5), "Done"), StatusChange.of(t(1), "In Progress"),
                StatusChange.of(t(3), "Doing")));
        assertEquals(List.of(new ItemEvent.Transition(T0, "new", null),
                new ItemEvent.Transition(t(1), "active", "In Progress"),
                new ItemEvent.Transition(t(3), "active", "Doing"),
                new ItemEvent.Transition(t(5), "done", "Done")), ts);
    }

    @Test
    void anUnmappedStatusKeepsItsNameWithTheStateIngestionGivesIt() {
        List<ItemEvent.Transition> ts = of(List.of(StatusChange.of(t(1), "In Progress"),
                StatusChange.of(t(2), "Waiting For Legal"), StatusChange.of(t(4), "In Progress")));
        assertEquals(new ItemEvent.Transition(t(2), "waiting", "Waiting For Legal"), ts.get(2));
        assertEquals(4, ts.size());
    }

    @Test
    void atOneInstantOnlyTheDecidingChangeTravelsAndARepeatIsNoTransition() {
        List<ItemEvent.Transition> ts = of(List.of(new StatusChange(t(1), "In Progress", null, null, 1L),
                new StatusChange(t(2), "In Progress", null, null, 2L), new StatusChange(t(3), "Done", null, null, 3L),
                new StatusChange(t(3), "In Progress", null, null, 4L)));
        assertEquals(List.of(new ItemEvent.Transition(T0, "new", null),
                new ItemEvent.Transition(t(1), "active", "In Progress")), ts);
    }

    @Test
    void theFlowStatesTheyDescribeAreTheTimelines() {
        List<StatusChange> changes = List.of(StatusChange.of(t(1), "In Progress"), StatusChange.of(t(2), "In Review"),
                StatusChange.of(t(2), "Code Review"), StatusChange.of(t(4), "Done"), StatusChange.of(t(6), "Reopened"),
                StatusChange.of(t(7), "In Progress"), StatusChange.of(t(9), "Done"));
        Timeline timeline = Timeline.derive(T0, changes, JIRA, t(1000));
        List<ItemEvent.Transition> ts = EventTransitions.of(T0, timeline);
        // Merging consecutive equal states gives back the flow-state points exactly.
        List<String> merged = new java.util.ArrayList<>();
        List<Instant> at = new java.util.ArrayList<>();
        for (ItemEvent.Transition tr : ts) {
            if (merged.isEmpty() || !merged.get(merged.size() - 1).equals(tr.state())) {
                merged.add(tr.state());
                at.add(tr.at());
            }
        }
        assertEquals(timeline.states().stream().map(p -> p.state().word()).toList(), merged);
        assertEquals(timeline.states().stream().map(Timeline.Point::at).toList(), at);
    }

    @Test
    void aChangeBeforeCreationStartsTheTransitionsWithoutACreationPoint() {
        List<ItemEvent.Transition> ts = EventTransitions.of(T0, Timeline.derive(T0,
                List.of(StatusChange.of(t(-2), "In Progress")), JIRA, t(1000)));
        assertEquals(List.of(new ItemEvent.Transition(t(-2), "active", "In Progress")), ts);
    }
}
