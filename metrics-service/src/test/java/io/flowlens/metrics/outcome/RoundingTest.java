package io.flowlens.metrics.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Four decimals, half away from zero, once at the end, from the decimal the double prints as. */
class RoundingTest {

    @Test
    void halvesGoAwayFromZeroOnBothSides() {
        assertEquals(0.1235, Coefficient.rounded(0.12345));
        assertEquals(-0.1235, Coefficient.rounded(-0.12345));
        assertEquals(-0.0001, Coefficient.rounded(-0.00005));
        assertEquals(0.0, Math.round(-0.00005 * 10_000) / 10_000.0, "what Math.round would have given");
        assertEquals(1.0, Coefficient.rounded(0.99995));
        assertEquals(0.9789, Coefficient.rounded(0.978917263677818));
    }

    @Test
    void aNegativeValueRoundedToZeroIsPlainZero() {
        assertEquals(0.0, Coefficient.rounded(-0.00004)); // assertEquals tells 0.0 from -0.0
        assertEquals(0.0, Coefficient.rounded(-0.0));
    }

    @Test
    void aCoefficientRoundsItsValueAndBothBounds() {
        Coefficient c = new Coefficient(0.123449, new ConfidenceInterval(-0.55555, 0.77775));
        assertEquals(new Coefficient(0.1234, new ConfidenceInterval(-0.5556, 0.7778)), c.rounded());
    }
}
