package io.flowlens.metrics.calc;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The number of items in each (type, state) at the end of each sampled day of a window (the
 * running sum of the day deltas, from the counts at the end of the day before the window's first
 * local date), and the load per type at the window's end {@code to} itself, whether or not
 * {@code to} is a local midnight.
 */
public final class DayEndCounts {

    private static final int TYPES = FlowType.values().length;
    private static final int STATES = FlowState.values().length;

    private final int[][] baseline;
    private final LinkedHashMap<LocalDate, int[][]> byDay;
    private final int[] loadAtTo;

    private DayEndCounts(int[][] baseline, LinkedHashMap<LocalDate, int[][]> byDay, int[] loadAtTo) {
        this.baseline = baseline;
        this.byDay = byDay;
        this.loadAtTo = loadAtTo;
    }

    public static int[][] empty() {
        return new int[TYPES][STATES];
    }

    /**
     * @param baseline counts [type][state] at the end of the day before the window's first local date
     * @param deltas   deltas [type][state] per day, for days within the sampled range
     * @param days     the sampled days in order, without gaps
     * @return day-end counts whose load at {@code to} is that of the last day end (or of the
     *         baseline) until {@link #withIntraday} adds the changes of {@code to}'s own day
     */
    public static DayEndCounts cumulate(int[][] baseline, Map<LocalDate, int[][]> deltas, List<LocalDate> days) {
        LinkedHashMap<LocalDate, int[][]> out = new LinkedHashMap<>();
        int[][] running = copy(baseline);
        for (LocalDate day : days) {
            int[][] d = deltas.get(day);
            if (d != null) {
                for (int t = 0; t < TYPES; t++) {
                    for (int s = 0; s < STATES; s++) {
                        running[t][s] += d[t][s];
                    }
                }
            }
            out.put(day, copy(running));
        }
        int[][] last = days.isEmpty() ? baseline : out.get(days.get(days.size() - 1));
        int[] atTo = new int[TYPES];
        for (int t = 0; t < TYPES; t++) {
            atTo[t] = last[t][FlowState.ACTIVE.ordinal()] + last[t][FlowState.WAITING.ordinal()];
        }
        return new DayEndCounts(copy(baseline), out, atTo);
    }

    /**
     * The load at {@code to} = the load at the end of the day before {@code to}'s local day (the
     * last sampled day, or the baseline when no day ends inside the window) plus the load changes
     * per type in [start of {@code to}'s day, {@code to}) ({@link LoadChange}); none when
     * {@code to} is a local midnight.
     */
    public DayEndCounts withIntraday(int[] loadChangesPerType) {
        int[] atTo = loadAtTo.clone();
        for (int t = 0; t < TYPES; t++) {
            atTo[t] += loadChangesPerType[t];
        }
        return new DayEndCounts(baseline, byDay, atTo);
    }

    /** Counts from whole timelines: the rules themselves, against which the day counts are held. */
    public static DayEndCounts fromTimelines(List<Map.Entry<FlowType, Timeline>> items, Window window) {
        Accumulator a = new Accumulator(window);
        for (Map.Entry<FlowType, Timeline> item : items) {
            a.add(item.getKey(), item.getValue());
        }
        return a.counts();
    }

    /** Counts from timelines read one at a time (constant memory however many items). */
    public static final class Accumulator {
        private final Window window;
        private final List<LocalDate> days;
        private final LocalDate first;
        private final LocalDate last;
        private final int[][] baseline = empty();
        private final Map<LocalDate, int[][]> deltas = new HashMap<>();
        private final int[] loadAtTo = new int[TYPES];

        public Accumulator(Window window) {
            this.window = window;
            this.days = window.sampledDays();
            this.first = window.firstDate();
            this.last = days.isEmpty() ? null : days.get(days.size() - 1);
        }

        public void add(FlowType type, Timeline timeline) {
            int t = type.ordinal();
            for (DayDelta d : DayDelta.of(timeline, window.zone())) {
                if (d.day().isBefore(first)) {
                    baseline[t][d.state().ordinal()] += d.delta();
                } else if (last != null && !d.day().isAfter(last)) {
                    deltas.computeIfAbsent(d.day(), k -> empty())[t][d.state().ordinal()] += d.delta();
                }
            }
            FlowState atTo = timeline.stateJustBefore(window.to());
            if (atTo != null && atTo.inLoad()) {
                loadAtTo[t]++;
            }
        }

        public DayEndCounts counts() {
            DayEndCounts c = cumulate(baseline, deltas, days);
            return new DayEndCounts(c.baseline, c.byDay, loadAtTo.clone());
        }
    }

    private static int[][] copy(int[][] counts) {
        int[][] out = new int[TYPES][];
        for (int t = 0; t < TYPES; t++) {
            out[t] = counts[t].clone();
        }
        return out;
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

    /** Flow load at the window's end {@code to} (the state just before it); {@code type} null for all types. */
    public int loadAtTo(FlowType type) {
        int sum = 0;
        for (int t = 0; t < TYPES; t++) {
            if (type == null || type.ordinal() == t) {
                sum += loadAtTo[t];
            }
        }
        return sum;
    }
}
