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
        return sorted[rank(sorted.length, p) - 1];
    }

    /** The 1-based rank of the nearest-rank p-th percentile among n ≥ 1 values. */
    public static int rank(int n, int p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
        }
        return Math.max((int) Math.ceil(p / 100.0 * n), 1);
    }

    /** Sorts a copy and returns the nearest-rank percentile. */
    public static Long of(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return nearestRank(sorted, p);
    }
}
