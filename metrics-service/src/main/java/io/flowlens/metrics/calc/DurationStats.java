package io.flowlens.metrics.calc;

import java.util.Arrays;

/**
 * count, mean, min, max and nearest-rank p50/p85/p95 of durations in seconds. Empty: count 0
 * and every other figure null.
 */
public record DurationStats(int count, Double mean, Long min, Long max, Long p50, Long p85, Long p95) {

    public static final DurationStats EMPTY = new DurationStats(0, null, null, null, null, null, null);

    public static DurationStats of(long[] seconds) {
        if (seconds.length == 0) {
            return EMPTY;
        }
        long[] sorted = seconds.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (long s : sorted) {
            sum += s;
        }
        return new DurationStats(sorted.length, sum / sorted.length, sorted[0], sorted[sorted.length - 1],
                Percentiles.nearestRank(sorted, 50), Percentiles.nearestRank(sorted, 85),
                Percentiles.nearestRank(sorted, 95));
    }
}
