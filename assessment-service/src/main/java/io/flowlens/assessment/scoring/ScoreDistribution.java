package io.flowlens.assessment.scoring;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The scores of a cohort as counts per reported value. Reported scores have one decimal on
 * 0–100, so 1,001 counters describe any cohort exactly: ranks and quartiles cost the same for
 * ten organisations or a million, and a changed score is one decrement and one increment.
 */
public final class ScoreDistribution {

    /** Number of possible reported scores: 0.0, 0.1, … 100.0. */
    public static final int VALUES = 1001;

    private final int[] counts;
    private long size;

    public ScoreDistribution() {
        this.counts = new int[VALUES];
    }

    private ScoreDistribution(int[] counts, long size) {
        this.counts = counts;
        this.size = size;
    }

    /** A reported score (one decimal, 0–100) as its counter index. */
    public static int tenths(BigDecimal reported) {
        int t = reported.movePointRight(1).setScale(0, RoundingMode.HALF_UP).intValueExact();
        if (t < 0 || t >= VALUES) {
            throw new IllegalArgumentException("score out of range: " + reported);
        }
        return t;
    }

    public static BigDecimal score(int tenths) {
        return BigDecimal.valueOf(tenths, 1);
    }

    public void add(int tenths) {
        counts[tenths]++;
        size++;
    }

    public void remove(int tenths) {
        if (counts[tenths] == 0) {
            throw new IllegalStateException("no score " + score(tenths) + " to remove");
        }
        counts[tenths]--;
        size--;
    }

    public long size() {
        return size;
    }

    public ScoreDistribution copy() {
        return new ScoreDistribution(counts.clone(), size);
    }

    /** {@code (below + 0.5 × equal) / n × 100}, one decimal; the score itself must be in the cohort. */
    public BigDecimal percentileRank(int tenths) {
        if (size == 0) {
            throw new IllegalStateException("empty cohort");
        }
        long below = 0;
        for (int i = 0; i < tenths; i++) {
            below += counts[i];
        }
        BigDecimal rank = BigDecimal.valueOf(below).add(BigDecimal.valueOf(counts[tenths]).divide(BigDecimal.valueOf(2)))
                .multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(size), Rounding.EXACT);
        return Rounding.oneDecimal(rank);
    }

    /**
     * The {@code p}-quantile by linear interpolation between order statistics (Hyndman–Fan type 7,
     * as PostgreSQL's {@code percentile_cont} and most spreadsheets), one decimal.
     */
    public BigDecimal quantile(double p) {
        if (size == 0) {
            throw new IllegalStateException("empty cohort");
        }
        BigDecimal h = BigDecimal.valueOf(size - 1).multiply(BigDecimal.valueOf(p));
        long lo = h.setScale(0, RoundingMode.FLOOR).longValueExact();
        BigDecimal fraction = h.subtract(BigDecimal.valueOf(lo));
        int a = kth(lo);
        int b = lo + 1 < size ? kth(lo + 1) : a;
        BigDecimal value = score(a).add(score(b).subtract(score(a)).multiply(fraction));
        return Rounding.oneDecimal(value);
    }

    /** The k-th smallest score (0-based) in tenths. */
    private int kth(long k) {
        long seen = 0;
        for (int i = 0; i < VALUES; i++) {
            seen += counts[i];
            if (seen > k) {
                return i;
            }
        }
        throw new IllegalStateException("k beyond size");
    }
}
