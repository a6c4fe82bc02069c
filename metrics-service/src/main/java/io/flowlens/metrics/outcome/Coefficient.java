package io.flowlens.metrics.outcome;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A correlation coefficient with its 95% interval.
 *
 * <p>How to read one: from −1 to 1. Near 1, weeks with more of the flow metric tend to be weeks
 * with more of the result; near −1, with less; near 0, no straight-line (Pearson) or
 * same-order (Spearman) link. It says nothing about which one drives the other, or whether a
 * third thing drives both: correlation, not cause.
 *
 * @param value      the coefficient, raw (not rounded)
 * @param interval95 where the true value plausibly lies, at 95% (Fisher's z)
 */
public record Coefficient(double value, ConfidenceInterval interval95) {

    /** Decimals a response shows. */
    public static final int DECIMALS = 4;

    public Coefficient {
        if (!(value >= -1 && value <= 1)) {
            throw new IllegalArgumentException("a coefficient lies in [-1, 1], was " + value);
        }
        Objects.requireNonNull(interval95, "interval95");
    }

    /**
     * Rounds for a response, once, at the end: to 4 decimals, half away from zero
     * (0.12345 → 0.1235, −0.12345 → −0.1235), of the decimal the double prints as. Done with
     * {@link BigDecimal}: {@code Math.round} rounds halves towards positive infinity, so it would
     * turn −0.00005 into 0 rather than −0.0001.
     */
    public static double rounded(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("only a finite number can be rounded, was " + value);
        }
        return BigDecimal.valueOf(value).setScale(DECIMALS, RoundingMode.HALF_UP).doubleValue();
    }

    /** The value and both bounds rounded with {@link #rounded(double)}. */
    public Coefficient rounded() {
        return new Coefficient(rounded(value), interval95.rounded());
    }
}
