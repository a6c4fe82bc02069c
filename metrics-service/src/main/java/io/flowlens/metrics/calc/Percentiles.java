package io.flowlens.metrics.calc;

import java.util.Arrays;

/**
 * Nearest-rank percentiles: the p-th percentile is the smallest value with at least p% of the
 * values at or below it, i.e. the value at rank ⌈p/100 · n⌉ of the sorted values. Always one of
 * the values, never an interpolation.
 */
public final class Percentiles {

    private Percentiles() {
    }

    /** The nearest-rank percentile of already sorted values; null when there are none. */
    public static Long nearestRank(long[] sorted, int p) {
        if (sorted.length == 0) {
            return null;
        }
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    /** Sorts a copy and returns the nearest-rank percentile. */
    public static Long of(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return nearestRank(sorted, p);
    }
}
