package io.flowlens.metrics.calc;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The five Flow Framework metrics for one window, total and per type, and their series per
 * bucket. Inputs are the items completed in the window and the day-end counts of the window's
 * sampled days with the load at {@code to}. Figures stay exact (sums, counts); {@link Rounding}
 * rounds them once where a response shows them.
 */
public final class FlowFigures {

    /** Velocity, flow time, efficiency (exact sums), load and the completed items left out of flow time. */
    public record Figures(long velocity, DurationStats flowTime, long activeSeconds, long flowSeconds, Load load,
            long leftOutNeverStarted) {

        /** Σ active ÷ Σ flow in percent, unrounded; null without flow time. */
        public Double efficiencyPercent() {
            return flowSeconds > 0 ? 100.0 * activeSeconds / flowSeconds : null;
        }

        /** The same, rounded once to 2 decimals half away from zero. */
        public Double efficiencyPercentRounded() {
            return flowSeconds > 0 ? Rounding.ratio(100 * activeSeconds, flowSeconds, 2) : null;
        }
    }

    /**
     * Load: the mean and maximum of the samples at the day ends inside (start, end] and the load
     * at the end itself ({@code atEnd}). With no day end inside, the load at the end is the only
     * sample: mean = max = atEnd.
     */
    public record Load(long sampleSum, int samples, int max, int atEnd) {

        static Load of(int[] samples, int atEnd) {
            if (samples.length == 0) {
                return new Load(atEnd, 1, atEnd, atEnd);
            }
            long sum = 0;
            int max = Integer.MIN_VALUE;
            for (int s : samples) {
                sum += s;
                max = Math.max(max, s);
            }
            return new Load(sum, samples.length, max, atEnd);
        }

        /** Unrounded mean of the samples. */
        public double mean() {
            return (double) sampleSum / samples;
        }

        /** The mean rounded once to 2 decimals, half away from zero. */
        public double meanRounded() {
            return Rounding.ratio(sampleSum, samples, 2);
        }
    }

    /** Shares of each type in percent (two decimals, summing to exactly 100 unless there is nothing). */
    public record Distribution(Map<FlowType, Double> completed, Map<FlowType, Double> load) {
    }

    public record Result(Figures total, Map<FlowType, Figures> byType, Distribution distribution) {
    }

    /**
     * One bucket, clipped to the window: {@code start}/{@code end} are the clipped bounds, and
     * {@code partial} says the window covers only part of the bucket.
     */
    public record SeriesPoint(LocalDate bucketStart, String label, Instant start, Instant end, boolean partial,
            long velocity, DurationStats flowTime, long activeSeconds, long flowSeconds, Load load) {

        public Double efficiencyPercent() {
            return flowSeconds > 0 ? 100.0 * activeSeconds / flowSeconds : null;
        }

        public Double efficiencyPercentRounded() {
            return flowSeconds > 0 ? Rounding.ratio(100 * activeSeconds, flowSeconds, 2) : null;
        }
    }

    private FlowFigures() {
    }

    /** Figures over the items whose completion lies in [from, to); others are not counted. */
    public static Result compute(Window window, List<CompletedItem> all, DayEndCounts counts) {
        List<CompletedItem> completed = all.stream().filter(c -> window.contains(c.completion())).toList();
        Map<FlowType, CompletionStats> byType = new EnumMap<>(FlowType.class);
        for (FlowType type : FlowType.values()) {
            byType.put(type, CompletionStats.of(completed.stream().filter(c -> c.type() == type).toList()));
        }
        return compute(CompletionStats.of(completed), byType, counts);
    }

    /** Figures from the completions of the window already summarised, in total and per type. */
    public static Result compute(CompletionStats all, Map<FlowType, CompletionStats> completedByType,
            DayEndCounts counts) {
        List<LocalDate> days = counts.days();
        Figures total = figures(all, load(counts, null, days, true));
        Map<FlowType, Figures> byType = new EnumMap<>(FlowType.class);
        for (FlowType type : FlowType.values()) {
            byType.put(type, figures(completedByType.getOrDefault(type, CompletionStats.NONE),
                    load(counts, type, days, true)));
        }
        Map<FlowType, Long> completedCounts = new EnumMap<>(FlowType.class);
        Map<FlowType, Long> loadCounts = new EnumMap<>(FlowType.class);
        for (FlowType type : FlowType.values()) {
            completedCounts.put(type, byType.get(type).velocity());
            loadCounts.put(type, (long) byType.get(type).load().atEnd());
        }
        return new Result(total, byType, new Distribution(shares(completedCounts), shares(loadCounts)));
    }

    /**
     * One point per bucket that the window touches, in order. A bucket the window covers only in
     * part is clipped to it: its load samples are the day ends inside the clipped bucket and its
     * {@code atEnd} the load at the clipped end (for the last bucket: at {@code to}).
     */
    public static List<SeriesPoint> series(List<CompletedItem> all, DayEndCounts counts, Window window,
            Bucket bucket) {
        TreeMap<LocalDate, List<CompletedItem>> done = new TreeMap<>();
        for (CompletedItem c : all) {
            if (window.contains(c.completion())) {
                done.computeIfAbsent(bucketOf(c.completion(), window, bucket), k -> new ArrayList<>()).add(c);
            }
        }
        Map<LocalDate, CompletionStats> stats = new TreeMap<>();
        done.forEach((start, items) -> stats.put(start, CompletionStats.of(items)));
        return series(stats, counts, window, bucket);
    }

    /**
     * The same points from the completions already summarised per bucket (by the database, say):
     * {@code completedByBucket} maps a bucket's start to {@link CompletionStats#of} its completions
     * in the window; a bucket without an entry had none.
     */
    public static List<SeriesPoint> series(Map<LocalDate, CompletionStats> completedByBucket, DayEndCounts counts,
            Window window, Bucket bucket) {
        TreeMap<LocalDate, CompletionStats> done = new TreeMap<>(completedByBucket);
        TreeMap<LocalDate, List<LocalDate>> days = new TreeMap<>();
        for (LocalDate d = window.firstDate(); !d.isAfter(window.lastDate()); d = d.plusDays(1)) {
            done.putIfAbsent(bucket.startOf(d), CompletionStats.NONE);
            days.putIfAbsent(bucket.startOf(d), new ArrayList<>());
        }
        for (LocalDate d : counts.days()) {
            days.computeIfAbsent(bucket.startOf(d), k -> new ArrayList<>()).add(d);
        }
        List<SeriesPoint> points = new ArrayList<>();
        for (Map.Entry<LocalDate, CompletionStats> e : done.entrySet()) {
            Instant bucketFrom = e.getKey().atStartOfDay(window.zone()).toInstant();
            Instant bucketTo = bucket.next(e.getKey()).atStartOfDay(window.zone()).toInstant();
            Instant start = bucketFrom.isBefore(window.from()) ? window.from() : bucketFrom;
            Instant end = bucketTo.isAfter(window.to()) ? window.to() : bucketTo;
            boolean last = !end.isBefore(window.to());
            Figures f = figures(e.getValue(), load(counts, null, days.getOrDefault(e.getKey(), List.of()), last));
            points.add(new SeriesPoint(e.getKey(), bucket.label(e.getKey()), start, end,
                    !start.equals(bucketFrom) || !end.equals(bucketTo), f.velocity(), f.flowTime(), f.activeSeconds(),
                    f.flowSeconds(), f.load()));
        }
        return points;
    }

    /** The start of the bucket a completion falls in, in the window's zone. */
    public static LocalDate bucketOf(Instant completion, Window window, Bucket bucket) {
        return bucket.startOf(LocalDate.ofInstant(completion, window.zone()));
    }

    private static Figures figures(CompletionStats c, Load load) {
        return new Figures(c.velocity(), c.flowTime(), c.activeSeconds(), c.flowSeconds(), load,
                c.leftOutNeverStarted());
    }

    /**
     * The samples at the given day ends; the end is {@code to} (the load at {@code to}) when
     * {@code endsAtTo}, else the end of the last of the days (a local midnight).
     */
    private static Load load(DayEndCounts counts, FlowType type, List<LocalDate> days, boolean endsAtTo) {
        int[] samples = new int[days.size()];
        for (int k = 0; k < samples.length; k++) {
            samples[k] = counts.load(days.get(k), type);
        }
        int atEnd = endsAtTo || samples.length == 0 ? counts.loadAtTo(type) : samples[samples.length - 1];
        return Load.of(samples, atEnd);
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
