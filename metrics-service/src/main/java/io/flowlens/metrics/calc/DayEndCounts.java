package io.flowlens.metrics.calc;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The number of items in each (type, state) at the end of each sampled day: the running sum
 * of the day deltas, starting from the counts at the end of the day before the first sample.
 */
public final class DayEndCounts {

    private static final int TYPES = FlowType.values().length;
    private static final int STATES = FlowState.values().length;

    private final LinkedHashMap<LocalDate, int[][]> byDay;

    private DayEndCounts(LinkedHashMap<LocalDate, int[][]> byDay) {
        this.byDay = byDay;
    }

    public static int[][] empty() {
        return new int[TYPES][STATES];
    }

    /**
     * @param baseline counts [type][state] at the end of the day before {@code days.get(0)}
     * @param deltas   deltas [type][state] per day, for days within the sampled range
     * @param days     the sampled days in order, without gaps
     */
    public static DayEndCounts cumulate(int[][] baseline, Map<LocalDate, int[][]> deltas, List<LocalDate> days) {
        LinkedHashMap<LocalDate, int[][]> out = new LinkedHashMap<>();
        int[][] running = new int[TYPES][STATES];
        for (int t = 0; t < TYPES; t++) {
            System.arraycopy(baseline[t], 0, running[t], 0, STATES);
        }
        for (LocalDate day : days) {
            int[][] d = deltas.get(day);
            if (d != null) {
                for (int t = 0; t < TYPES; t++) {
                    for (int s = 0; s < STATES; s++) {
                        running[t][s] += d[t][s];
                    }
                }
            }
            int[][] copy = new int[TYPES][];
            for (int t = 0; t < TYPES; t++) {
                copy[t] = running[t].clone();
            }
            out.put(day, copy);
        }
        return new DayEndCounts(out);
    }

    /** Counts from whole timelines (the path for scopes narrowed by labels, and for tests). */
    public static DayEndCounts fromTimelines(List<Map.Entry<FlowType, Timeline>> items, Window window) {
        List<LocalDate> days = window.sampledDays();
        int[][] baseline = empty();
        Map<LocalDate, int[][]> deltas = new LinkedHashMap<>();
        LocalDate first = days.isEmpty() ? null : days.get(0);
        for (Map.Entry<FlowType, Timeline> item : items) {
            int t = item.getKey().ordinal();
            for (DayDelta d : DayDelta.of(item.getValue(), window.zone())) {
                if (first == null) {
                    break;
                }
                if (d.day().isBefore(first)) {
                    baseline[t][d.state().ordinal()] += d.delta();
                } else {
                    deltas.computeIfAbsent(d.day(), k -> empty())[t][d.state().ordinal()] += d.delta();
                }
            }
        }
        return cumulate(baseline, deltas, days);
    }

    public Map<LocalDate, int[][]> byDay() {
        return byDay;
    }

    public List<LocalDate> days() {
        return List.copyOf(byDay.keySet());
    }

    /** Items in a state at the end of a day, all types. */
    public int count(LocalDate day, FlowState state) {
        int sum = 0;
        for (int[] perType : byDay.get(day)) {
            sum += perType[state.ordinal()];
        }
        return sum;
    }

    /** Flow load (active + waiting) at the end of a day; {@code type} null for all types. */
    public int load(LocalDate day, FlowType type) {
        int[][] c = byDay.get(day);
        int sum = 0;
        for (int t = 0; t < TYPES; t++) {
            if (type == null || type.ordinal() == t) {
                sum += c[t][FlowState.ACTIVE.ordinal()] + c[t][FlowState.WAITING.ordinal()];
            }
        }
        return sum;
    }
}
