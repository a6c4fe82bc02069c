package io.flowlens.ingestion.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An item's life in flow states, derived from the status changes its tracker reported,
 * ordered by the instants in the payloads (never by arrival). Unmapped statuses count as
 * {@code waiting} once work has started and {@code new} before, and are counted.
 */
public record Timeline(List<Entry> entries, List<Point> states, FlowState current, Quality quality) {

    /** One reported status change with the flow state it means. */
    public record Entry(Instant at, String status, FlowState state, boolean mapped, int source) {
    }

    /** The item entered {@code state} at {@code at}. */
    public record Point(Instant at, FlowState state) {
    }

    /** Data-quality findings for one item. */
    public record Quality(int futureInstants, int beforeCreation, int unmappedStatuses, boolean doneWithoutStart) {
    }

    /**
     * @param createdAt when the tracker says the item was created (may be null when unknown yet)
     * @param changes   status changes in any order; {@code source} in each entry is the index here
     * @param now       the present, for the "instant in the future" check
     */
    public static Timeline derive(Instant createdAt, List<StatusChange> changes, FlowMapping mapping, Instant now) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            order.add(i);
        }
        // Stable: equal instants keep the order they were reported in.
        order.sort(Comparator.comparing(i -> changes.get(i).at()));

        List<Entry> entries = new ArrayList<>(changes.size());
        List<Point> states = new ArrayList<>();
        boolean started = false;
        int future = 0;
        int beforeCreation = 0;
        int unmapped = 0;
        FlowState current = FlowState.NEW;
        if (createdAt != null && (changes.isEmpty() || !changes.get(order.get(0)).at().isBefore(createdAt))) {
            states.add(new Point(createdAt, FlowState.NEW));
        }
        for (int i : order) {
            StatusChange c = changes.get(i);
            FlowState state = mapping.stateOf(c.status(), c.category()).orElse(null);
            boolean mapped = state != null;
            if (!mapped) {
                unmapped++;
                state = started ? FlowState.WAITING : FlowState.NEW;
            }
            if (now != null && c.at().isAfter(now)) {
                future++;
            }
            if (createdAt != null && c.at().isBefore(createdAt)) {
                beforeCreation++;
            }
            started |= state.isStarted();
            entries.add(new Entry(c.at(), c.status(), state, mapped, i));
            addPoint(states, new Point(c.at(), state));
            current = state;
        }
        boolean doneWithoutStart = current == FlowState.DONE && !started;
        return new Timeline(List.copyOf(entries), List.copyOf(states), current,
                new Quality(future, beforeCreation, unmapped, doneWithoutStart));
    }

    /** Appends a state change; a second change at the same instant replaces the first. */
    private static void addPoint(List<Point> states, Point point) {
        if (!states.isEmpty() && states.get(states.size() - 1).at().equals(point.at())) {
            states.remove(states.size() - 1);
        }
        if (states.isEmpty() || states.get(states.size() - 1).state() != point.state()) {
            states.add(point);
        }
    }
}
