package io.flowlens.metrics.outcome;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.flowlens.metrics.calc.Bucket;

/**
 * Spearman's ρ, Pearson's r, their Fisher intervals and when there is no coefficient, against
 * values worked out by hand (the sums are in the comments).
 */
class CoefficientRulesTest {

    private static final double EXACT = 1e-12;
    private static final LocalDate MONDAY = LocalDate.parse("2026-01-05");

    /** Lag 0 over weeks from MONDAY: flow[i] beside result[i]. */
    private static Correlation correlate(double[] flow, double[] result) {
        Map<LocalDate, Double> f = new LinkedHashMap<>();
        List<ResultPoint> points = new ArrayList<>();
        for (int i = 0; i < flow.length; i++) {
            f.put(MONDAY.plusWeeks(i), flow[i]);
            points.add(new ResultPoint(MONDAY.plusWeeks(i), result[i]));
        }
        return Correlation.of(new FlowSeries("flow", Bucket.WEEK, f), ResultSeries.of("result", points, Bucket.WEEK), 0);
    }

    @Test
    void monotoneButCurvedDataHasRhoOneAndRBelowOne() {
        // y = x²: x̄ = 3.5, ȳ = 91/6; Σ(x−x̄)² = 17.5, Σ(y−ȳ)² = 2275 − 6·(91/6)² = 5369/6,
        // Σ(x−x̄)(y−ȳ) = Σx³ − 6·3.5·91/6 = 441 − 318.5 = 122.5
        Correlation c = correlate(new double[] { 1, 2, 3, 4, 5, 6 }, new double[] { 1, 4, 9, 16, 25, 36 });
        assertEquals(1.0, c.spearman().value(), EXACT);
        assertEquals(122.5 / Math.sqrt(17.5 * 5369 / 6), c.pearson().value(), EXACT);
        assertEquals(0.978917, c.pearson().value(), 1e-6);
        assertEquals(6, c.n());
        assertNull(c.reason());
        assertEquals("correlation, not cause", c.caveat());
    }

    @Test
    void tiesShareTheirMeanRankAndRhoIsPearsonOfRanks() {
        // ranks of x: 1, 2.5, 2.5, 4, 5, 6; of y: 1, 3, 2, 4, 6, 5; both means 3.5
        // Σdxdy = 6.25 + .5 + 1.5 + .25 + 3.75 + 3.75 = 16, Σdx² = 17, Σdy² = 17.5
        Correlation c = correlate(new double[] { 1, 2, 2, 3, 4, 5 }, new double[] { 10, 30, 20, 40, 60, 50 });
        assertEquals(16 / Math.sqrt(17 * 17.5), c.spearman().value(), EXACT);
        assertEquals(0.927634, c.spearman().value(), 1e-6);
        // the no-ties shortcut 1 − 6Σd²/(n(n²−1)) = 1 − 6·2.5/210 = 0.928571 is not it with ties
        assertTrue(Math.abs(c.spearman().value() - (1 - 15.0 / 210)) > 5e-4);
        assertRanks(new double[] { 1, 2.5, 2.5, 4, 5, 6 },
                Coefficients.averageRanks(new double[] { 1, 2, 2, 3, 4, 5 }, 6));
    }

    @Test
    void averageRanksOfRepeatedValuesAndMinusZero() {
        // sorted 1 1 5 5 5 9: the 1s share ranks 1-2, the 5s ranks 3-5
        assertRanks(new double[] { 4, 1.5, 4, 1.5, 4, 6 },
                Coefficients.averageRanks(new double[] { 5, 1, 5, 1, 5, 9 }, 6));
        ResultPoint minusZero = new ResultPoint(MONDAY, -0.0);
        assertEquals(0, Double.compare(0.0, minusZero.value()), "-0.0 is stored as 0.0, so it ties with 0.0");
    }

    private static void assertRanks(double[] expected, double[] actual) {
        assertArrayEquals(expected, actual, EXACT);
    }

    @Test
    void oppositeOrderIsMinusOneWithAnIntervalPinnedAtMinusOne() {
        Correlation c = correlate(new double[] { 1, 2, 3, 4, 5, 6, 7 }, new double[] { 70, 60, 50, 40, 30, 20, 10 });
        assertEquals(-1.0, c.spearman().value(), EXACT);
        assertEquals(-1.0, c.pearson().value(), EXACT);
        assertEquals(-1.0, c.pearson().interval95().low());
        assertEquals(-1.0, c.pearson().interval95().high());
    }

    @Test
    void aNegativeLinkWithNoiseHasANegativeRhoAndItsInterval() {
        // x = 1..8, y = 8 6 7 4 5 2 3 1: ranks of y 8 6 7 4 5 2 3 1;
        // d = x − rank(y) = −7 −4 −4 0 0 4 4 7, Σd² = 49+16+16+16+16+49 = 162 (no ties: 1 − 6Σd²/(n(n²−1)))
        Correlation c = correlate(new double[] { 1, 2, 3, 4, 5, 6, 7, 8 }, new double[] { 8, 6, 7, 4, 5, 2, 3, 1 });
        double rho = 1 - 6 * 162.0 / (8 * 63);
        assertEquals(rho, c.spearman().value(), EXACT);
        assertEquals(-0.928571, rho, 1e-6);
        // Pearson equals ρ here because y is a permutation of 1..8 (values are their own ranks)
        assertEquals(rho, c.pearson().value(), EXACT);
        double z = 0.5 * Math.log((1 + rho) / (1 - rho));
        assertEquals(Math.tanh(z - 1.96 / Math.sqrt(5)), c.spearman().interval95().low(), EXACT);
        assertEquals(Math.tanh(z + 1.96 / Math.sqrt(5)), c.spearman().interval95().high(), EXACT);
        assertTrue(c.spearman().interval95().high() < 0, "on 8 points this link excludes 0");
    }

    @Test
    void fivePairsAreTooFewSixAreEnough() {
        double[] x = { 3, 1, 4, 1.5, 5, 9 };
        double[] y = { 2, 7, 1, 8, 2.5, 8.5 };
        Correlation five = correlate(Arrays.copyOf(x, 5), Arrays.copyOf(y, 5));
        assertEquals(5, five.n());
        assertEquals(NoCoefficientReason.TOO_FEW_POINTS, five.reason());
        assertEquals("too few points", five.reason().words());
        assertNull(five.spearman());
        assertNull(five.pearson());
        assertFalse(five.hasCoefficient());
        assertEquals(5, five.pairs().size(), "the pairs are returned even without a coefficient");
        assertEquals("correlation, not cause", five.caveat());

        Correlation six = correlate(x, y);
        assertEquals(6, six.n());
        assertTrue(six.hasCoefficient());
        assertNull(six.reason());
    }

    @Test
    void aSeriesThatDoesNotVaryGivesAReasonNeverNaN() {
        double[] tenths = { 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1 };
        // in doubles the mean of ten 0.1 is not 0.1: a variance test would see a tiny spread here
        double mean = 0;
        for (double t : tenths) {
            mean += t;
        }
        assertTrue(mean / 10 != 0.1);
        Correlation flat = correlate(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, tenths);
        assertEquals(NoCoefficientReason.SERIES_DOES_NOT_VARY, flat.reason());
        assertEquals("a series does not vary", flat.reason().words());
        assertNull(flat.spearman());
        Correlation flatFlow = correlate(tenths, new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 });
        assertEquals(NoCoefficientReason.SERIES_DOES_NOT_VARY, flatFlow.reason());
        // too few points is said first when both hold
        Correlation both = correlate(new double[] { 1, 1, 1 }, new double[] { 2, 3, 4 });
        assertEquals(NoCoefficientReason.TOO_FEW_POINTS, both.reason());
    }

    @Test
    void differencesTooSmallForDoublesToSquareCountAsNotVarying() {
        // deviations of about 1e-170 square to about 1e-340, below the smallest double: the sums
        // of squares become 0, and 0/0 must not come out as NaN
        double[] tiny = { 1e-170, 2e-170, 3e-170, 4e-170, 5e-170, 6e-170 };
        Correlation c = correlate(tiny, new double[] { 1, 2, 3, 4, 5, 7 });
        assertEquals(NoCoefficientReason.SERIES_DOES_NOT_VARY, c.reason());
        assertNull(c.pearson());
    }

    @Test
    void aResultCarriedUnchangedOverEveryPairDoesNotVary() {
        Map<LocalDate, Double> flow = new LinkedHashMap<>();
        for (int i = 0; i < 8; i++) {
            flow.put(MONDAY.plusWeeks(i), (double) i);
        }
        ResultSeries once = ResultSeries.of("value", List.of(new ResultPoint(MONDAY, 42)), Bucket.WEEK,
                MONDAY.plusWeeks(7));
        Correlation c = Correlation.of(new FlowSeries("velocity", Bucket.WEEK, flow), once, 0);
        assertEquals(8, c.n());
        assertEquals(NoCoefficientReason.SERIES_DOES_NOT_VARY, c.reason());
    }

    @Test
    void fisherIntervalOnFourPairsIsWideAndUndefinedOnThree() {
        // n = 4: 1.96 / √1; atanh(0.5) = 0.549306; tanh(0.549306 ∓ 1.96) = −0.887641, 0.986860
        ConfidenceInterval ci = ConfidenceInterval.fisher95(0.5, 4).orElseThrow();
        assertEquals(-0.887641, ci.low(), 1e-6);
        assertEquals(0.986860, ci.high(), 1e-6);
        assertEquals(Optional.empty(), ConfidenceInterval.fisher95(0.5, 3));
        assertEquals(Optional.empty(), ConfidenceInterval.fisher95(0.5, 0));
        // n = 10, r = 0.9: 1.96 / √7 = 0.740810; tanh(1.472219 ∓ 0.740810) = 0.623927, 0.976360
        ConfidenceInterval ten = ConfidenceInterval.fisher95(0.9, 10).orElseThrow();
        assertEquals(0.623927, ten.low(), 1e-6);
        assertEquals(0.976360, ten.high(), 1e-6);
        ConfidenceInterval one = ConfidenceInterval.fisher95(1, 6).orElseThrow();
        assertEquals(new ConfidenceInterval(1, 1), one);
    }

    @Test
    void theIntervalNarrowsAsPairsGrow() {
        double previous = 2;
        for (int n = 4; n <= 200; n *= 2) {
            ConfidenceInterval ci = ConfidenceInterval.fisher95(0.3, n).orElseThrow();
            double width = ci.high() - ci.low();
            assertTrue(width < previous, "n = " + n);
            assertTrue(ci.low() < 0.3 && 0.3 < ci.high());
            previous = width;
        }
    }
}
