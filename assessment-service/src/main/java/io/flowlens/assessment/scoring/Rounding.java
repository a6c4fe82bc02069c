package io.flowlens.assessment.scoring;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Scores are computed exactly and rounded once, at the end, half away from zero to one decimal. */
public final class Rounding {

    /** Enough digits that no intermediate division decides a rounding. */
    static final MathContext EXACT = MathContext.DECIMAL128;

    private Rounding() {
    }

    public static BigDecimal oneDecimal(BigDecimal value) {
        // HALF_UP in BigDecimal rounds half away from zero (-2.25 -> -2.3), unlike Math.round.
        return value.setScale(1, RoundingMode.HALF_UP);
    }
}
