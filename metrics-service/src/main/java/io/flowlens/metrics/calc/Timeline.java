package io.flowlens.metrics.calc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An item's timeline and the facts derived from it, exactly as docs/flow-metrics.md defines them:
 * <ul>
 * <li>the timeline is the one the instants describe, whatever order transitions arrive in;
 * before its first transition an item is {@code new} from its creation;</li>
 * <li>work start: the first instant it entered {@code active} or {@code waiting};</li>
 * <li>completion: the last instant it entered {@code done}, only if it is {@code done} now;</li>
 * <li>active time: the time in {@code active} between work start and completion;</li>
 * <li>flow time: completion − work start (active, waiting, and time moved back to {@code new}).</li>
 * </ul>
 * A repeated transition into the state the item is already in is not a new entry. Two transitions
 * at one instant: the later one in the order given (the tracker's recorded order, which the
 * producer keeps) decides the state from that instant on, and the earlier one was never held: it
 * is no entry (no work start, no completion, never in the load). A transition earlier than the
 * creation instant moves the start of the timeline to it.
 */
public final class Timeline {

    private final Instant createdAt;
    private final List<StateInterval> intervals;
    private final Instant workStart;
    private final Instant completion;

    private Timeline(Instant createdAt, List<StateInterval> intervals) {
        this.createdAt = createdAt;
        this.intervals = intervals;
        Instant start = null;
        for (StateInterval i : intervals) {
            if (i.state().inLoad()) {
                start = i.start();
                break;
            }
        }
        this.workStart = start;
        StateInterval last = intervals.get(intervals.size() - 1);
        this.completion = last.state() == FlowState.DONE ? last.start() : null;
    }

    /** Builds the timeline from a creation instant and transitions in any order. */
    public static Timeline of(Instant createdAt, List<Transition> transitions) {
        List<Transition> sorted = new ArrayList<>(transitions);
        // Stable sort: two transitions at the same instant keep the order they were given in.
        sorted.sort(Comparator.comparing(Transition::at));
        List<Transition> steps = new ArrayList<>();
        if (sorted.isEmpty() || sorted.get(0).at().isAfter(createdAt)) {
            steps.add(new Transition(createdAt, FlowState.NEW));
        }
        for (Transition t : sorted) {
            if (!steps.isEmpty() && steps.get(steps.size() - 1).at().equals(t.at())) {
                // Same instant: the later transition decides; the earlier state was never held.
                steps.remove(steps.size() - 1);
            }
            if (!steps.isEmpty() && steps.get(steps.size() - 1).state() == t.state()) {
                continue; // still in the same state: not a new entry
            }
            steps.add(t);
        }
        List<StateInterval> intervals = new ArrayList<>(steps.size());
        for (int k = 0; k < steps.size(); k++) {
            Instant end = k + 1 < steps.size() ? steps.get(k + 1).at() : null;
            intervals.add(new StateInterval(steps.get(k).state(), steps.get(k).at(), end));
        }
        return new Timeline(createdAt, List.copyOf(intervals));
    }

    public Instant createdAt() {
        return createdAt;
    }

    public List<StateInterval> intervals() {
        return intervals;
    }

    public FlowState currentState() {
        return intervals.get(intervals.size() - 1).state();
    }

    /** First entry into active or waiting; null when work never started. */
    public Instant workStart() {
        return workStart;
    }

    /** Last entry into done when the item is done now; null otherwise. */
    public Instant completion() {
        return completion;
    }

    /** Completed without ever being started: counts in velocity and distribution only. */
    public boolean completedWithoutStart() {
        return completion != null && workStart == null;
    }

    /** completion − work start; null unless both exist. */
    public Duration flowTime() {
        return completion != null && workStart != null ? Duration.between(workStart, completion) : null;
    }

    /** Time in active between work start and completion; null unless flow time exists. */
    public Duration activeTime() {
        if (flowTime() == null) {
            return null;
        }
        Duration total = Duration.ZERO;
        for (StateInterval i : intervals) {
            if (i.state() != FlowState.ACTIVE || i.end() == null) {
                continue;
            }
            Instant from = i.start().isBefore(workStart) ? workStart : i.start();
            Instant to = i.end().isAfter(completion) ? completion : i.end();
            if (to.isAfter(from)) {
                total = total.plus(Duration.between(from, to));
            }
        }
        return total;
    }

    /** Where the timeline begins: its creation, or an earlier first transition. */
    public Instant start() {
        return intervals.get(0).start();
    }

    /**
     * The state just before an instant (the state at the end of a half-open window [from, at)):
     * a transition at exactly {@code at} does not count yet. Null when the timeline begins at or
     * after it.
     */
    public FlowState stateJustBefore(Instant at) {
        FlowState state = null;
        for (StateInterval i : intervals) {
            if (!i.start().isBefore(at)) {
                break;
            }
            state = i.state();
        }
        return state;
    }

    /** The state at an instant, or null before the timeline begins. */
    public FlowState stateAt(Instant at) {
        FlowState state = null;
        for (StateInterval i : intervals) {
            if (i.start().isAfter(at)) {
                break;
            }
            state = i.state();
        }
        return state;
    }
}
