package io.flowlens.ingestion.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An item's life in flow states, derived from the status changes its tracker reported,
 * ordered by the instants in the payloads (never by arrival or position in a file; ties at one
 * instant as {@link #chronological} says). Unmapped statuses count as
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
        // Mapped first (null = unmapped): the same-instant rule needs the flow states.
        List<FlowState> mappedStates = new ArrayList<>(changes.size());
        for (StatusChange c : changes) {
            mappedStates.add(mapping.stateOf(c.status(), c.category(), c.resolution()).orElse(null));
        }
        List<Integer> order = chronological(changes, mappedStates);

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
            FlowState state = mappedStates.get(i);
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
        // From the states the item held: a start replaced at its own instant (active and done at one
        // instant) was never held, so metrics leaves such an item out of flow time as never started too.
        boolean doneWithoutStart = current == FlowState.DONE
                && states.stream().noneMatch(p -> p.state().isStarted());
        return new Timeline(List.copyOf(entries), List.copyOf(states), current,
                new Quality(future, beforeCreation, unmapped, doneWithoutStart));
    }

    /**
     * The indexes of {@code changes} by instant. Changes at one instant: when the tracker gave
     * each its own order (Jira history id, event id), by that order; otherwise by flow state,
     * {@code new < waiting < active < canceled < done} (an unmapped status counts as
     * {@code waiting}), so the later one decides the state from that instant on. Never by
     * position in a file or by arrival.
     */
    static List<Integer> chronological(List<StatusChange> changes, List<FlowState> mappedStates) {
        List<Integer> order = new ArrayList<>(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing(i -> changes.get(i).at()));
        int from = 0;
        while (from < order.size()) {
            Instant at = changes.get(order.get(from)).at();
            int to = from + 1;
            boolean allOrdered = changes.get(order.get(from)).order() != null;
            while (to < order.size() && changes.get(order.get(to)).at().equals(at)) {
                allOrdered &= changes.get(order.get(to)).order() != null;
                to++;
            }
            if (to - from > 1) {
                Comparator<Integer> byRank = Comparator.comparing(i -> rank(mappedStates.get(i)));
                Comparator<Integer> tie = allOrdered
                        ? Comparator.<Integer, Long>comparing(i -> changes.get(i).order()).thenComparing(byRank)
                        : byRank;
                // Last resort: the status name, so any arrival order gives one timeline.
                tie = tie.thenComparing(i -> changes.get(i).status());
                order.subList(from, to).sort(tie);
            }
            from = to;
        }
        return order;
    }

    private static int rank(FlowState state) {
        if (state == null) {
            return 1;
        }
        return switch (state) {
            case NEW -> 0;
            case WAITING -> 1;
            case ACTIVE -> 2;
            case CANCELED -> 3;
            case DONE -> 4;
        };
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
