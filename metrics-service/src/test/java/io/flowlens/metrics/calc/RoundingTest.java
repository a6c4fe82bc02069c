package io.flowlens.metrics.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Exact seconds inside; rounded once, at the end, half away from zero, from the exact ratio. */
class RoundingTest {

    @Test
    void meanFlowTimeRoundsFromTheExactSumOfSeconds() {
        // 25 items summing to 108 s: a mean of exactly 0.00005 days, which rounds up to 0.0001.
        long[] seconds = new long[25];
        seconds[0] = 108;
        DurationStats s = DurationStats.of(seconds);
        assertEquals(0.0001, s.meanDays());
        assertEquals(0.0001, Rounding.days(9L), "9 s = 0.000104 days");
        assertEquals(1.5, Rounding.days(129_600L));
        assertNull(Rounding.days(null));
    }

    @Test
    void percentagesRoundHalfAwayFromZeroWhereADoubleWouldRoundDown() {
        // 3 / 20,000 = 0.015 %: as a double 0.01499999..., which Math.round would take to 0.01.
        FlowFigures.Figures f = new FlowFigures.Figures(1, DurationStats.EMPTY, 3, 20_000,
                new FlowFigures.Load(0, 1, 0, 0), 0);
        assertEquals(0.02, f.efficiencyPercentRounded());
        assertEquals(-0.02, Rounding.ratio(-3, 200, 2), "half away from zero below zero too");
        assertEquals(0.13, new FlowFigures.Load(1, 8, 1, 0).meanRounded(), "1/8 = 0.125");
        assertNull(Rounding.ratio(1, 0, 2));
    }
}
