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
        double[] values = Arrays.copyOf(v, n);
        int[] slots = new int[n];
        for (int i = 0; i < n; i++) {
            slots[i] = i;
        }
        double[] ranks = new double[n];
        ranksOfSelected(values, order(values), slots, ranks);
        return ranks;
    }

    /**
     * The positions of {@code v} ordered by value. Computed once per series, so the ranks over
     * each lag's pairs cost one walk instead of one sort: sorting was most of the cost of a
     * ranking (FlowRankingTest's micro-measure).
     */
    static int[] order(double[] v) {
        int n = v.length;
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        int[] order = new int[n];
        int[] taken = new int[n]; // equal values share a lower bound: the next free place after it
        for (int i = 0; i < n; i++) {
            int at = lowerBound(sorted, n, v[i]);
            order[at + taken[at]++] = i;
        }
        return order;
    }

    /**
     * Average ranks of a selection of {@code v}: {@code slot[i]} is where entry i's rank goes in
     * {@code ranks}, or −1 for an entry outside the selection (a bucket without a partner at this
     * lag). Ties are judged among the selected entries only.
     */
    static void ranksOfSelected(double[] v, int[] order, int[] slot, double[] ranks) {
        int n = order.length;
        int ranked = 0;
        for (int group = 0; group < n; ) {
            double value = v[order[group]];
            int end = group;
            int selected = 0;
            while (end < n && v[order[end]] == value) {
                if (slot[order[end]] >= 0) {
                    selected++;
                }
                end++;
            }
            double mean = ranked + (selected + 1) / 2.0; // mean of the ranks ranked+1 .. ranked+selected
            for (int j = group; j < end; j++) {
                int at = slot[order[j]];
                if (at >= 0) {
                    ranks[at] = mean;
                }
            }
            ranked += selected;
            group = end;
        }
    }

    /**
     * The first position in {@code sorted[0..n)} whose value is not less than {@code value};
     * written so the JIT can use conditional moves, as a search over random data mispredicts
     * half its branches.
     */
    private static int lowerBound(double[] sorted, int n, double value) {
        int base = 0;
        int length = n;
        while (length > 1) {
            int half = length >>> 1;
            base = sorted[base + half - 1] < value ? base + half : base;
            length -= half;
        }
        return sorted[base] < value ? base + 1 : base;
    }
}
