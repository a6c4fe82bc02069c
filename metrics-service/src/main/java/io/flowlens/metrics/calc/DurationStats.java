package io.flowlens.metrics.calc;

import java.util.Arrays;

/**
 * count, sum, min, max and nearest-rank p50/p85/p95 of durations in whole seconds. The mean is
 * the exact ratio sum ÷ count, rounded only where a response shows it. Empty: count 0 and every
 * other figure null.
 */
public record DurationStats(int count, Long sum, Long min, Long max, Long p50, Long p85, Long p95) {

    public static final DurationStats EMPTY = new DurationStats(0, null, null, null, null, null, null);

    public static DurationStats of(long[] seconds) {
        if (seconds.length == 0) {
            return EMPTY;
        }
        long[] sorted = seconds.clone();
        Arrays.sort(sorted);
        long sum = 0;
        for (long s : sorted) {
            sum += s;
        }
        return new DurationStats(sorted.length, sum, sorted[0], sorted[sorted.length - 1],
                Percentiles.nearestRank(sorted, 50), Percentiles.nearestRank(sorted, 85),
                Percentiles.nearestRank(sorted, 95));
    }

    /** The mean in seconds (unrounded); null when empty. */
    public Double mean() {
        return count == 0 ? null : (double) sum / count;
    }

    /** The mean in days, rounded once to 4 decimals half away from zero; null when empty. */
    public Double meanDays() {
        return count == 0 ? null : Rounding.ratio(sum, count * Rounding.SECONDS_PER_DAY, 4);
    }
}
