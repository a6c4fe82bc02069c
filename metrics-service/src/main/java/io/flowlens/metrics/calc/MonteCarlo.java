package io.flowlens.metrics.calc;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Monte Carlo forecasts from a history of daily throughput: every simulated day draws one
 * day of the history at random (with replacement). The same seed gives the same answer.
 */
public final class MonteCarlo {

    /** A "when" trial that has not finished after this many days is counted as never. */
    public static final int MAX_DAYS = 3660;

    private final int[] history;
    private final int trials;
    private final long seed;

    public MonteCarlo(int[] dailyThroughput, int trials, long seed) {
        if (dailyThroughput.length == 0) {
            throw new IllegalArgumentException("history must have at least one day");
        }
        this.history = dailyThroughput.clone();
        this.trials = trials;
        this.seed = seed;
    }

    /** The totals of every trial over {@code days} days, sorted ascending. */
    public long[] howManyTrials(int days) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] totals = new long[trials];
        for (int t = 0; t < trials; t++) {
            long sum = 0;
            for (int d = 0; d < days; d++) {
                sum += history[random.nextInt(history.length)];
            }
            totals[t] = sum;
        }
        Arrays.sort(totals);
        return totals;
    }

    /**
     * The largest number of items that at least {@code confidence}% of the trials reach:
     * the value at index ⌊(100 − c)/100 · n⌋ of the ascending totals.
     */
    public static long atLeast(long[] sortedTotals, int confidence) {
        int index = (int) Math.floor((100 - confidence) / 100.0 * sortedTotals.length);
        return sortedTotals[Math.min(index, sortedTotals.length - 1)];
    }

    /** For each trial the number of days needed to finish {@code items}, sorted; MAX_VALUE = never. */
    public long[] whenTrials(long items) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] days = new long[trials];
        boolean anyThroughput = Arrays.stream(history).anyMatch(v -> v > 0);
        for (int t = 0; t < trials; t++) {
            if (!anyThroughput) {
                days[t] = Long.MAX_VALUE;
                continue;
            }
            long sum = 0;
            int d = 0;
            while (sum < items && d < MAX_DAYS) {
                sum += history[random.nextInt(history.length)];
                d++;
            }
            days[t] = sum >= items ? d : Long.MAX_VALUE;
        }
        Arrays.sort(days);
        return days;
    }

    /**
     * The date by which at least {@code confidence}% of the trials are done (nearest rank), day 1
     * being {@code firstDay}; null when that share of trials never finishes.
     */
    public static LocalDate doneBy(long[] sortedDays, int confidence, LocalDate firstDay) {
        Long days = Percentiles.nearestRank(sortedDays, confidence);
        if (days == null || days == Long.MAX_VALUE) {
            return null;
        }
        return firstDay.plusDays(Math.max(days, 1) - 1);
    }
}
