package io.flowlens.metrics.bottleneck;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.flowlens.metrics.calc.FlowState;
import io.flowlens.metrics.calc.Transition;

/**
 * Time in status of one item, by the same rules as its flow time (docs/flow-metrics.md): the
 * timeline is the one the instants describe; of several transitions at one instant the last one
 * given decides and the earlier ones were never held; before its first transition an item is
 * {@code new} from its creation. Work start is the first entry into {@code active} or
 * {@code waiting}; completion the entry into {@code done} that it is still in. Between them (or
 * between work start and {@code to} for an item in the load at {@code to}) every stretch counts
 * for the status the item was in, so the statuses of an item add up to its flow time: time in
 * {@code waiting} statuses, in {@code active} ones, and time moved back to {@code new} (a reopen)
 * all count. Unlike flow states, a change of status within one state starts a new stretch.
 * Durations are whole seconds between the instants taken to the second.
 */
public final class TimeInStatus {

    private TimeInStatus() {
    }

    /** From {@code at} on the item was in {@code status} (null: not known), meaning {@code state}. */
    public record Step(Instant at, FlowState state, String status) {

        public StatusKey key() {
            return new StatusKey(status, state);
        }
    }

    /**
     * What one item contributes: whole seconds per status it held between its work start and its
     * end (a status held for less than a second counts as visited, with 0 s). {@code started}
     * false: completed without ever being started, left out of time in status as of flow time.
     * {@code withoutStatuses}: some of that time has no tracker status (its events did not say).
     */
    public record ItemTime(boolean started, Map<StatusKey, Long> seconds, boolean withoutStatuses) {

        static final ItemTime NEVER_STARTED = new ItemTime(false, Map.of(), false);

        public long total() {
            return seconds.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * An item in the load now, as the write path keeps it: the seconds per status from its work
     * start up to {@code since}, and the status it has been in since then; its time up to a later
     * {@code to} adds {@code to − since} to {@code current}.
     */
    public record Open(Map<StatusKey, Long> closed, StatusKey current, Instant since, boolean withoutStatuses) {
    }

    /**
     * The item's steps in time order. {@code statuses} runs beside {@code transitions} (null, or
     * null entries, where not known).
     */
    public static List<Step> steps(Instant createdAt, List<Transition> transitions, List<String> statuses) {
        List<Step> given = new ArrayList<>(transitions.size());
        for (int k = 0; k < transitions.size(); k++) {
            Transition t = transitions.get(k);
            given.add(new Step(t.at(), t.state(), statuses == null ? null : statuses.get(k)));
        }
        // Stable: transitions at one instant keep the order they were given in.
        given.sort(Comparator.comparing(Step::at));
        List<Step> steps = new ArrayList<>(given.size() + 1);
        if (given.isEmpty() || given.get(0).at().isAfter(createdAt)) {
            steps.add(new Step(createdAt, FlowState.NEW, null));
        }
        for (Step s : given) {
            if (!steps.isEmpty() && steps.get(steps.size() - 1).at().equals(s.at())) {
                steps.remove(steps.size() - 1); // the later one at an instant decides; the earlier was never held
            }
            if (!steps.isEmpty()) {
                Step last = steps.get(steps.size() - 1);
                if (last.state() == s.state() && Objects.equals(last.status(), s.status())) {
                    continue; // still in the same status: no new stretch
                }
            }
            steps.add(s);
        }
        return steps;
    }

    /** First entry into active or waiting; null when never started. */
    public static Instant workStart(List<Step> steps) {
        for (Step s : steps) {
            if (s.state().inLoad()) {
                return s.at();
            }
        }
        return null;
    }

    /** The entry into done the item is still in (a change of status within done is no new entry); null when not done. */
    public static Instant completion(List<Step> steps) {
        int k = steps.size() - 1;
        if (k < 0 || steps.get(k).state() != FlowState.DONE) {
            return null;
        }
        while (k > 0 && steps.get(k - 1).state() == FlowState.DONE) {
            k--;
        }
        return steps.get(k).at();
    }

    /** Time in status between work start and completion; null when the item is not done now. */
    public static ItemTime completed(List<Step> steps) {
        Instant completion = completion(steps);
        if (completion == null) {
            return null;
        }
        Instant start = workStart(steps);
        if (start == null || !start.isBefore(completion)) {
            return ItemTime.NEVER_STARTED;
        }
        return between(steps, start, completion);
    }

    /**
     * Time in status between work start and {@code to} for an item in the load at {@code to} (its
     * state just before {@code to}, windows being half-open, is active or waiting); null otherwise.
     */
    public static ItemTime inLoadAt(List<Step> steps, Instant to) {
        Step before = null;
        for (Step s : steps) {
            if (!s.at().isBefore(to)) {
                break;
            }
            before = s;
        }
        if (before == null || !before.state().inLoad()) {
            return null;
        }
        return between(steps, workStart(steps), to);
    }

    /** The item as the write path keeps it while it is in the load now; null when it is not. */
    public static Open open(List<Step> steps) {
        Step last = steps.get(steps.size() - 1);
        if (!last.state().inLoad()) {
            return null;
        }
        Instant start = workStart(steps);
        ItemTime closed = between(steps, start, last.at());
        return new Open(closed.seconds(), last.key(), last.at(), closed.withoutStatuses() || last.status() == null);
    }

    private static ItemTime between(List<Step> steps, Instant from, Instant to) {
        Map<StatusKey, Long> seconds = new TreeMap<>(StatusKey.ORDER);
        boolean unknown = false;
        for (int k = 0; k < steps.size(); k++) {
            Step s = steps.get(k);
            Instant end = k + 1 < steps.size() ? steps.get(k + 1).at() : to;
            Instant a = s.at().isBefore(from) ? from : s.at();
            Instant b = end.isAfter(to) ? to : end;
            if (a.isBefore(b)) {
                seconds.merge(s.key(), b.getEpochSecond() - a.getEpochSecond(), Long::sum);
                unknown |= s.status() == null;
            }
        }
        return new ItemTime(true, seconds, unknown);
    }
}
