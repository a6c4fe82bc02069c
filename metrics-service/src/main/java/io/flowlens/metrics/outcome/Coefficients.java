package io.flowlens.metrics.outcome;

import java.util.Arrays;

/**
 * Pearson's r and Spearman's ρ over the first {@code n} entries of two primitive arrays: no
 * boxing, no streams, since a ranking computes 70 of them per request.
 */
final class Coefficients {

    private Coefficients() {
    }

    /**
     * Whether not every value is the same. Tested by equality, not by a variance of 0: the mean
     * of ten times 0.1 is not exactly 0.1 in doubles, so a constant series has a tiny non-zero
     * variance and would give a meaningless r.
     */
    static boolean varies(double[] v, int n) {
        for (int i = 1; i < n; i++) {
            if (v[i] != v[0]) {
                return true;
            }
        }
        return false;
    }

    /**
     * Pearson's r: Σ(x−x̄)(y−ȳ) / √(Σ(x−x̄)² · Σ(y−ȳ)²), two passes for accuracy, clamped to
     * [−1, 1] against rounding; NaN only when a sum of squares underflows to 0, which the caller
     * treats as a series that does not vary.
     */
    static double pearson(double[] x, double[] y, int n) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxx += dx * dx;
            syy += dy * dy;
            sxy += dx * dy;
        }
        if (sxx == 0 || syy == 0) {
            return Double.NaN;
        }
        double r = sxy / (Math.sqrt(sxx) * Math.sqrt(syy));
        return Math.max(-1, Math.min(1, r));
    }

    /** Spearman's ρ: Pearson's r of the average ranks, which handles ties correctly. */
    static double spearman(double[] x, double[] y, int n) {
        return pearson(averageRanks(x, n), averageRanks(y, n), n);
    }

    /**
     * Ranks 1..n by value; equal values share the mean of the ranks they occupy (2, 2 after a 1
     * take ranks 2 and 3, so both get 2.5).
     */
    static double[] averageRanks(double[] v, int n) {
        double[] sorted = Arrays.copyOf(v, n);
        Arrays.sort(sorted);
        double[] ranks = new double[n];
        for (int i = 0; i < n; i++) {
            int first = firstIndexOf(sorted, v[i]);
            int last = lastIndexOf(sorted, v[i], first);
            ranks[i] = (first + last) / 2.0 + 1; // mean of the 1-based ranks first+1 .. last+1
        }
        return ranks;
    }

    private static int firstIndexOf(double[] sorted, double value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int lastIndexOf(double[] sorted, double value, int from) {
        int lo = from;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }
}
