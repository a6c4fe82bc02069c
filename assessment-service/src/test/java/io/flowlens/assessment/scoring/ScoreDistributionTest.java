package io.flowlens.assessment.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** Percentile rank and quartiles from counts per reported score. */
class ScoreDistributionTest {

    private static ScoreDistribution of(String... scores) {
        ScoreDistribution distribution = new ScoreDistribution();
        for (String s : scores) {
            distribution.add(ScoreDistribution.tenths(new BigDecimal(s)));
        }
        return distribution;
    }

    @Test
    void percentileRankCountsHalfOfTheEqualScoresIncludingOurOwn() {
        ScoreDistribution cohort = of("10.0", "20.0", "20.0", "30.0");
        // below 1, equal 2: (1 + 0.5 × 2) / 4 × 100 = 50.0
        assertEquals(new BigDecimal("50.0"), cohort.percentileRank(200));
        // (0 + 0.5) / 4 × 100 = 12.5
        assertEquals(new BigDecimal("12.5"), cohort.percentileRank(100));
        // (3 + 0.5) / 4 × 100 = 87.5
        assertEquals(new BigDecimal("87.5"), cohort.percentileRank(300));
    }

    @Test
    void percentileRankRoundsHalfAwayFromZero() {
        // Six scores, ours the lowest alone: 0.5 / 6 × 100 = 8.333… → 8.3; second of 3 equal at the top: (3 + 1.5) / 6 = 75.0
        ScoreDistribution cohort = of("1.0", "2.0", "3.0", "4.0", "4.0", "4.0");
        assertEquals(new BigDecimal("8.3"), cohort.percentileRank(10));
        assertEquals(new BigDecimal("75.0"), cohort.percentileRank(40));
    }

    @Test
    void quartilesInterpolateBetweenOrderStatistics() {
        ScoreDistribution cohort = of("10.0", "20.0", "20.0", "30.0");
        assertEquals(new BigDecimal("17.5"), cohort.quantile(0.25)); // 10 + 0.75 × 10
        assertEquals(new BigDecimal("20.0"), cohort.quantile(0.5));
        assertEquals(new BigDecimal("22.5"), cohort.quantile(0.75)); // 20 + 0.25 × 10
        ScoreDistribution odd = of("50.0", "10.0", "40.0", "20.0", "30.0");
        assertEquals(new BigDecimal("30.0"), odd.quantile(0.5));
        assertEquals(new BigDecimal("20.0"), odd.quantile(0.25));
    }

    @Test
    void aChangedScoreMovesBetweenCounters() {
        ScoreDistribution cohort = of("10.0", "20.0");
        cohort.remove(100);
        cohort.add(300);
        assertEquals(2, cohort.size());
        assertEquals(new BigDecimal("25.0"), cohort.quantile(0.5));
    }
}
