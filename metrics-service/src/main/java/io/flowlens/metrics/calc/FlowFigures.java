package io.flowlens.metrics.calc;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The five Flow Framework metrics for one window, total and per type, and their series per
 * bucket. Inputs are the items completed in the window and the day-end counts of the window's
 * sampled days.
 */
public final class FlowFigures {

    /** Velocity, flow time, efficiency, load and the completed items left out of flow time. */
    public record Figures(long velocity, DurationStats flowTime, Double efficiencyPercent, Load load,
            long leftOutNeverStarted) {
    }

    /** Load sampled at each day's end: mean and max over the days, and the last sample. Null without days. */
    public record Load(Double mean, Integer max, Integer atEnd) {
    }

    /** Shares of each type in percent (two decimals, summing to exactly 100 unless there is nothing). */
    public record Distribution(Map<FlowType, Double> completed, Map<FlowType, Double> load) {
    }

    public record Result(Figures total, Map<FlowType, Figures> byType, Distribution distribution) {
    }

    public record SeriesPoint(LocalDate start, String label, long velocity, DurationStats flowTime,
            Double efficiencyPercent, Load load) {
    }

    private FlowFigures() {
    }

    /** Figures over the items whose completion lies in [from, to); others are not counted. */
    public static Result compute(Window window, List<CompletedItem> all, DayEndCounts counts) {
        List<CompletedItem> completed = all.stream().filter(c -> window.contains(c.completion())).toList();
        Figures total = figures(completed, counts, null, counts.days());
        Map<FlowType, Figures> byType = new EnumMap<>(FlowType.class);
        for (FlowType type : FlowType.values()) {
            byType.put(type, figures(completed.stream().filter(c -> c.type() == type).toList(), counts, type,
                    counts.days()));
        }
        Map<FlowType, Long> completedCounts = new EnumMap<>(FlowType.class);
        Map<FlowType, Long> loadCounts = new EnumMap<>(FlowType.class);
        for (FlowType type : FlowType.values()) {
            completedCounts.put(type, byType.get(type).velocity());
            Integer atEnd = byType.get(type).load().atEnd();
            loadCounts.put(type, atEnd == null ? 0L : atEnd.longValue());
        }
        return new Result(total, byType, new Distribution(shares(completedCounts), shares(loadCounts)));
    }

    /** One point per bucket that the window's days touch, in order. */
    public static List<SeriesPoint> series(List<CompletedItem> all, DayEndCounts counts, Window window,
            Bucket bucket) {
        List<CompletedItem> completed = all.stream().filter(c -> window.contains(c.completion())).toList();
        TreeMap<LocalDate, List<CompletedItem>> done = new TreeMap<>();
        TreeMap<LocalDate, List<LocalDate>> days = new TreeMap<>();
        for (LocalDate d = window.firstDate(); !d.isAfter(window.lastDate()); d = d.plusDays(1)) {
            done.putIfAbsent(bucket.startOf(d), new ArrayList<>());
            days.putIfAbsent(bucket.startOf(d), new ArrayList<>());
        }
        for (CompletedItem c : completed) {
            done.computeIfAbsent(bucket.startOf(LocalDate.ofInstant(c.completion(), window.zone())),
                    k -> new ArrayList<>()).add(c);
        }
        for (LocalDate d : counts.days()) {
            days.computeIfAbsent(bucket.startOf(d), k -> new ArrayList<>()).add(d);
        }
        List<SeriesPoint> points = new ArrayList<>();
        for (Map.Entry<LocalDate, List<CompletedItem>> e : done.entrySet()) {
            Figures f = figures(e.getValue(), counts, null, days.getOrDefault(e.getKey(), List.of()));
            points.add(new SeriesPoint(e.getKey(), bucket.label(e.getKey()), f.velocity(), f.flowTime(),
                    f.efficiencyPercent(), f.load()));
        }
        return points;
    }

    private static Figures figures(List<CompletedItem> completed, DayEndCounts counts, FlowType type,
            List<LocalDate> days) {
        long leftOut = 0;
        long activeSum = 0;
        long flowSum = 0;
        long[] flow = new long[completed.size()];
        int n = 0;
        for (CompletedItem c : completed) {
            if (c.flowSeconds() == null) {
                leftOut++;
                continue;
            }
            flow[n++] = c.flowSeconds();
            flowSum += c.flowSeconds();
            activeSum += c.activeSeconds();
        }
        long[] started = java.util.Arrays.copyOf(flow, n);
        Double efficiency = flowSum > 0 ? 100.0 * activeSum / flowSum : null;
        return new Figures(completed.size(), DurationStats.of(started), efficiency, load(counts, type, days), leftOut);
    }

    private static Load load(DayEndCounts counts, FlowType type, List<LocalDate> days) {
        if (days.isEmpty()) {
            return new Load(null, null, null);
        }
        long sum = 0;
        int max = Integer.MIN_VALUE;
        int last = 0;
        for (LocalDate d : days) {
            last = counts.load(d, type);
            sum += last;
            max = Math.max(max, last);
        }
        return new Load((double) sum / days.size(), max, last);
    }

    /** Largest-remainder rounding to hundredths of a percent, so the shares sum to exactly 100. */
    static Map<FlowType, Double> shares(Map<FlowType, Long> counts) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        Map<FlowType, Double> out = new EnumMap<>(FlowType.class);
        if (total == 0) {
            counts.keySet().forEach(t -> out.put(t, 0.0));
            return out;
        }
        Map<FlowType, Long> hundredths = new EnumMap<>(FlowType.class);
        Map<FlowType, Long> remainders = new EnumMap<>(FlowType.class);
        long assigned = 0;
        for (Map.Entry<FlowType, Long> e : counts.entrySet()) {
            long scaled = e.getValue() * 10_000;
            hundredths.put(e.getKey(), scaled / total);
            remainders.put(e.getKey(), scaled % total);
            assigned += scaled / total;
        }
        List<FlowType> byRemainder = new ArrayList<>(counts.keySet());
        byRemainder.sort((a, b) -> Long.compare(remainders.get(b), remainders.get(a)));
        for (int k = 0; assigned < 10_000; k++, assigned++) {
            FlowType t = byRemainder.get(k % byRemainder.size());
            hundredths.merge(t, 1L, Long::sum);
        }
        hundredths.forEach((t, h) -> out.put(t, h / 100.0));
        return out;
    }
}
