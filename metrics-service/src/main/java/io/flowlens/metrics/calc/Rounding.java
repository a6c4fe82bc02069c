package io.flowlens.metrics.calc;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How responses round: figures are kept exact (whole seconds, counts, sums) until the very end
 * and rounded once, from the exact ratio, half away from zero. Rounding a double instead would
 * round 0.125 computed as 0.12499999... the wrong way.
 */
public final class Rounding {

    public static final long SECONDS_PER_DAY = 86_400L;

    private Rounding() {
    }

    /** numerator ÷ denominator to {@code decimals} places, half away from zero; null when the denominator is 0. */
    public static Double ratio(long numerator, long denominator, int decimals) {
        if (denominator == 0) {
            return null;
        }
        return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), decimals, RoundingMode.HALF_UP)
                .doubleValue();
    }

    /** Seconds as days to 4 decimals (under ten seconds), half away from zero; null stays null. */
    public static Double days(Long seconds) {
        return seconds == null ? null : ratio(seconds, SECONDS_PER_DAY, 4);
    }
}
