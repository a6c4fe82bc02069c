package io.flowlens.metrics.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

/** Nearest rank: the smallest value with at least p% of values at or below it; never interpolated. */
class PercentilesTest {

    @Test
    void oneToTwentyGivesTheValuesAtRanksTenSeventeenNineteen() {
        long[] values = LongStream.rangeClosed(1, 20).toArray();
        assertEquals(10L, Percentiles.of(values, 50));
        assertEquals(17L, Percentiles.of(values, 85));
        assertEquals(19L, Percentiles.of(values, 95));
    }

    @Test
    void anOutlierIsTakenAsItIsNotInterpolated() {
        long[] values = { 100, 3, 1, 4, 2 };
        assertEquals(3L, Percentiles.of(values, 50), "rank ceil(2.5) = 3");
        assertEquals(100L, Percentiles.of(values, 85), "rank ceil(4.25) = 5");
        assertEquals(100L, Percentiles.of(values, 95));
    }

    @Test
    void oneValueIsEveryPercentileAndNoValuesIsNull() {
        assertEquals(7L, Percentiles.of(new long[] { 7 }, 50));
        assertEquals(7L, Percentiles.of(new long[] { 7 }, 95));
        assertNull(Percentiles.of(new long[0], 50));
    }

    @Test
    void durationStatsSummariseCountMeanMinMax() {
        DurationStats s = DurationStats.of(new long[] { 86_400, 3 * 86_400, 2 * 86_400, 10 * 86_400 });
        assertEquals(4, s.count());
        assertEquals(4 * 86_400.0, s.mean());
        assertEquals(86_400L, s.min());
        assertEquals(10 * 86_400L, s.max());
        assertEquals(2 * 86_400L, s.p50(), "rank 2 of 4");
        assertEquals(10 * 86_400L, s.p85(), "rank ceil(3.4) = 4");
        assertEquals(DurationStats.EMPTY, DurationStats.of(new long[0]));
    }
}
