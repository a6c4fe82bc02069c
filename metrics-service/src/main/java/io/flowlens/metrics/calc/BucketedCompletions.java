package io.flowlens.metrics.calc;

import java.util.Arrays;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntFunction;

/**
 * A group of completed items (one type, or all) as counts and exact sums per flow-time bucket
 * ({@link FlowTimeBuckets}), kept ahead of time. Velocity, the items left out, the sums behind
 * efficiency and the mean come from the counts and sums; min, max and the nearest-rank
 * percentiles need the exact flow times of the few buckets that hold them
 * ({@link #bucketsNeeded()}), found by walking the cumulative counts. {@link #stats} gives exactly
 * {@link CompletionStats#of} of the same items (a test holds the two equal on random items).
 */
public final class BucketedCompletions {

    static final int[] PERCENTILES = { 50, 85, 95 };

    /** bucket → {items, Σ flow seconds, Σ active seconds of the started}. */
    private final TreeMap<Integer, long[]> buckets = new TreeMap<>();

    public void add(int bucket, long items, long flowSum, long activeSum) {
        long[] b = buckets.computeIfAbsent(bucket, k -> new long[3]);
        b[0] += items;
        b[1] += flowSum;
        b[2] += activeSum;
    }

    public void add(CompletedItem c) {
        if (c.flowSeconds() == null) {
            add(FlowTimeBuckets.NEVER_STARTED, 1, 0, 0);
        } else {
            add(FlowTimeBuckets.of(c.flowSeconds()), 1, c.flowSeconds(), c.activeSeconds());
        }
    }

    public void addAll(BucketedCompletions other) {
        other.buckets.forEach((bucket, b) -> add(bucket, b[0], b[1], b[2]));
    }

    /** Items counted in a bucket. */
    public long count(int bucket) {
        long[] b = buckets.get(bucket);
        return b == null ? 0 : b[0];
    }

    public long velocity() {
        return buckets.values().stream().mapToLong(b -> b[0]).sum();
    }

    /** The buckets holding the smallest and largest flow time and the p50, p85 and p95 ranks. */
    public SortedSet<Integer> bucketsNeeded() {
        SortedSet<Integer> needed = new TreeSet<>();
        long started = velocity() - count(FlowTimeBuckets.NEVER_STARTED);
        if (started <= 0) {
            return needed;
        }
        Map<Integer, long[]> timed = buckets.tailMap(0, true);
        Integer min = null;
        Integer max = null;
        for (Map.Entry<Integer, long[]> e : timed.entrySet()) {
            if (e.getValue()[0] > 0) {
                min = min == null ? e.getKey() : min;
                max = e.getKey();
            }
        }
        needed.add(min);
        needed.add(max);
        for (int p : PERCENTILES) {
            needed.add((int) locate(timed, Percentiles.rank(Math.toIntExact(started), p))[0]);
        }
        return needed;
    }

    /**
     * The figures. {@code exactValues} gives every flow time of the window in one of
     * {@link #bucketsNeeded()} (any order); a bucket whose values do not match its count means the
     * two were not read from the same state, an {@link IllegalStateException}.
     */
    public CompletionStats stats(IntFunction<long[]> exactValues) {
        long velocity = velocity();
        long leftOut = count(FlowTimeBuckets.NEVER_STARTED);
        long started = velocity - leftOut;
        if (started <= 0) {
            return new CompletionStats(velocity, leftOut, DurationStats.EMPTY, 0, 0);
        }
        Map<Integer, long[]> timed = buckets.tailMap(0, true);
        long flowSum = 0;
        long activeSum = 0;
        for (long[] b : timed.values()) {
            flowSum += b[1];
            activeSum += b[2];
        }
        SortedSet<Integer> needed = bucketsNeeded();
        Map<Integer, long[]> sorted = new TreeMap<>();
        for (int bucket : needed) {
            long[] values = exactValues.apply(bucket).clone();
            if (values.length != count(bucket)) {
                throw new IllegalStateException("bucket " + bucket + " counts " + count(bucket) + " items but "
                        + values.length + " flow times were read");
            }
            Arrays.sort(values);
            sorted.put(bucket, values);
        }
        int n = Math.toIntExact(started);
        Long[] p = new Long[PERCENTILES.length];
        for (int k = 0; k < PERCENTILES.length; k++) {
            long[] at = locate(timed, Percentiles.rank(n, PERCENTILES[k]));
            p[k] = sorted.get((int) at[0])[(int) at[1] - 1];
        }
        long[] lowest = sorted.get(needed.first());
        long[] highest = sorted.get(needed.last());
        return new CompletionStats(velocity, leftOut, new DurationStats(n, flowSum, lowest[0],
                highest[highest.length - 1], p[0], p[1], p[2]), activeSum, flowSum);
    }

    /** The bucket where the cumulative count reaches {@code rank}, and the rank within it (1-based). */
    private static long[] locate(Map<Integer, long[]> timed, long rank) {
        long before = 0;
        for (Map.Entry<Integer, long[]> e : timed.entrySet()) {
            long items = e.getValue()[0];
            if (items > 0 && before + items >= rank) {
                return new long[] { e.getKey(), rank - before };
            }
            before += items;
        }
        throw new IllegalStateException("rank " + rank + " beyond " + before + " items");
    }
}
