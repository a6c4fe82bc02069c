package io.flowlens.metrics.outcome;

import java.util.Optional;

/**
 * The range a coefficient's true value plausibly lies in, at 95%. A wide interval (say −0.2 to
 * 0.9 on 8 pairs) means the data cannot tell a strong link from none; an interval that does not
 * include 0 is the least a finding needs.
 *
 * @param low  lower bound, at least −1
 * @param high upper bound, at most 1
 */
public record ConfidenceInterval(double low, double high) {

    /** The z of a two-sided 95% interval of the normal distribution. */
    public static final double Z_95 = 1.96;

    public ConfidenceInterval {
        if (!(low >= -1 && low <= high && high <= 1)) {
            throw new IllegalArgumentException("need -1 <= low <= high <= 1, was [" + low + ", " + high + "]");
        }
    }

    /**
     * Fisher's z interval {@code tanh(atanh(r) ± 1.96 / sqrt(n − 3))}; empty when {@code n ≤ 3},
     * where the formula divides by zero or takes the root of a negative number.
     *
     * <p>Used as it stands for Spearman's ρ as well as Pearson's r, as the definition asks. For ρ
     * it is an approximation that comes out slightly narrow (statisticians sometimes widen it by
     * using 1.06 / (n − 3) as the variance); we keep one formula so the two intervals compare
     * directly. A coefficient of exactly ±1 gives the interval [±1, ±1]: on few points that is
     * the formula's limit, not certainty.
     */
    public static Optional<ConfidenceInterval> fisher95(double r, int n) {
        if (n <= 3 || !(r >= -1 && r <= 1)) {
            return Optional.empty();
        }
        double z = 0.5 * (Math.log1p(r) - Math.log1p(-r)); // atanh(r); ±Infinity at r = ±1
        double half = Z_95 / Math.sqrt(n - 3);
        return Optional.of(new ConfidenceInterval(Math.tanh(z - half), Math.tanh(z + half)));
    }

    /** Both bounds rounded like {@link Coefficient#rounded(double)}. */
    public ConfidenceInterval rounded() {
        return new ConfidenceInterval(Coefficient.rounded(low), Coefficient.rounded(high));
    }
}
