package io.flowlens.metrics.calc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

/** Monte Carlo forecasts: known answers from constant histories, confidence reading, seeds. */
class MonteCarloTest {

    static final LocalDate TODAY = LocalDate.parse("2026-01-05");

    @Test
    void aConstantHistoryGivesAnExactAnswer() {
        MonteCarlo mc = new MonteCarlo(new int[] { 2, 2, 2 }, 1_000, 1);
        long[] totals = mc.howManyTrials(10);
        assertEquals(20, MonteCarlo.atLeast(totals, 50));
        assertEquals(20, MonteCarlo.atLeast(totals, 95));
        long[] days = mc.whenTrials(7);
        assertEquals(LocalDate.parse("2026-01-08"), MonteCarlo.doneBy(days, 85, TODAY), "4 days of 2: day 4");
    }

    @Test
    void higherConfidenceMeansFewerItemsAndLaterDates() {
        MonteCarlo mc = new MonteCarlo(new int[] { 0, 1, 2, 5, 0, 3, 8 }, 10_000, 42);
        long[] totals = mc.howManyTrials(30);
        assertTrue(MonteCarlo.atLeast(totals, 50) >= MonteCarlo.atLeast(totals, 85));
        assertTrue(MonteCarlo.atLeast(totals, 85) >= MonteCarlo.atLeast(totals, 95));
        long[] days = mc.whenTrials(50);
        assertTrue(!MonteCarlo.doneBy(days, 95, TODAY).isBefore(MonteCarlo.doneBy(days, 50, TODAY)));
    }

    @Test
    void confidenceReadsTheSortedTrials() {
        long[] oneToHundred = LongStream.rangeClosed(1, 100).toArray();
        assertEquals(16, MonteCarlo.atLeast(oneToHundred, 85), "85 of 100 trials reach 16 or more");
        assertEquals(51, MonteCarlo.atLeast(oneToHundred, 50));
        assertEquals(TODAY.plusDays(84), MonteCarlo.doneBy(oneToHundred, 85, TODAY), "nearest rank 85 = day 85");
    }

    @Test
    void theSameSeedGivesTheSameForecastAndNoThroughputNeverFinishes() {
        int[] history = { 0, 4, 1, 0, 7, 2 };
        assertArrayEquals(new MonteCarlo(history, 500, 7).howManyTrials(20),
                new MonteCarlo(history, 500, 7).howManyTrials(20));
        assertArrayEquals(new MonteCarlo(history, 500, 7).whenTrials(30), new MonteCarlo(history, 500, 7).whenTrials(30));
        assertNull(MonteCarlo.doneBy(new MonteCarlo(new int[] { 0, 0 }, 100, 1).whenTrials(1), 50, TODAY));
        assertEquals(0, MonteCarlo.atLeast(new MonteCarlo(new int[] { 0 }, 100, 1).howManyTrials(5), 50));
    }
}
