package io.flowlens.metrics.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.flowlens.metrics.calc.Bucket;

/** The flow of bucket i beside the result of bucket i + lag, only where both have a value. */
class LagAlignmentTest {

    private static final LocalDate MONDAY = LocalDate.parse("2026-01-05");

    /** Flow 1..weeks in the weeks from MONDAY. */
    private static FlowSeries weeklyFlow(int weeks) {
        Map<LocalDate, Double> values = new LinkedHashMap<>();
        for (int i = 0; i < weeks; i++) {
            values.put(MONDAY.plusWeeks(i), (double) (i + 1));
        }
        return new FlowSeries("velocity", Bucket.WEEK, values);
    }

    /** Result 101..(100+weeks) measured on the Wednesday of each week from MONDAY. */
    private static ResultSeries weeklyResult(int fromWeek, int weeks) {
        List<ResultPoint> points = new ArrayList<>();
        for (int i = fromWeek; i < weeks; i++) {
            points.add(new ResultPoint(MONDAY.plusWeeks(i).plusDays(2), 101 + i));
        }
        return ResultSeries.of("happiness", points, Bucket.WEEK, MONDAY.plusWeeks(weeks - 1));
    }

    @Test
    void lagTwoPairsEachWeeksFlowWithTheResultTwoWeeksLater() {
        Correlation c = Correlation.of(weeklyFlow(10), weeklyResult(0, 10), 2);
        assertEquals(8, c.n(), "the last two weeks of flow have no result two weeks later");
        assertEquals(new AlignedPair(MONDAY, MONDAY.plusWeeks(2), 1, 103, false), c.pairs().get(0));
        assertEquals(new AlignedPair(MONDAY.plusWeeks(7), MONDAY.plusWeeks(9), 8, 110, false), c.pairs().get(7));
        assertEquals(2, c.lag());
        assertEquals("velocity", c.flowSeries());
        assertEquals("happiness", c.resultSeries());
    }

    @Test
    void lagZeroPairsTheSameWeek() {
        Correlation c = Correlation.of(weeklyFlow(10), weeklyResult(0, 10), 0);
        assertEquals(10, c.n());
        for (AlignedPair p : c.pairs()) {
            assertEquals(p.flowBucket(), p.resultBucket());
            assertEquals(p.flow() + 100, p.result());
        }
    }

    @Test
    void aFlowBucketWithoutAValueFormsNoPairRatherThanAZero() {
        Map<LocalDate, Double> values = new LinkedHashMap<>(weeklyFlow(10).values());
        values.remove(MONDAY.plusWeeks(3)); // a week without completions has no flow time
        Correlation c = Correlation.of(new FlowSeries("flowTime", Bucket.WEEK, values), weeklyResult(0, 10), 1);
        assertEquals(8, c.n());
        assertTrue(c.pairs().stream().noneMatch(p -> p.flowBucket().equals(MONDAY.plusWeeks(3))));
        assertTrue(c.pairs().stream().noneMatch(p -> p.flow() == 0));
    }

    @Test
    void flowBeforeTheResultsFirstPointFormsNoPairs() {
        Correlation c = Correlation.of(weeklyFlow(10), weeklyResult(4, 10), 0);
        assertEquals(6, c.n());
        assertEquals(MONDAY.plusWeeks(4), c.pairs().get(0).flowBucket());
    }

    @Test
    void carriedForwardResultsArePairedAndMarked() {
        ResultSeries result = ResultSeries.of("quality", List.of(new ResultPoint(MONDAY, 7),
                new ResultPoint(MONDAY.plusWeeks(3), 9)), Bucket.WEEK, MONDAY.plusWeeks(5));
        Correlation c = Correlation.of(weeklyFlow(10), result, 1);
        assertEquals(5, c.n());
        List<Boolean> carried = c.pairs().stream().map(AlignedPair::resultCarried).toList();
        assertEquals(List.of(true, true, false, true, true), carried);
        assertEquals(List.of(7.0, 7.0, 9.0, 9.0, 9.0), c.pairs().stream().map(AlignedPair::result).toList());
    }

    @Test
    void monthlySeriesLagByMonths() {
        Map<LocalDate, Double> flow = new LinkedHashMap<>();
        List<ResultPoint> points = new ArrayList<>();
        LocalDate november = LocalDate.parse("2025-11-01");
        for (int m = 0; m < 12; m++) {
            flow.put(november.plusMonths(m), (double) m);
            points.add(new ResultPoint(november.plusMonths(m).plusDays(14), m * m));
        }
        Correlation c = Correlation.of(new FlowSeries("load", Bucket.MONTH, flow),
                ResultSeries.of("cost", points, Bucket.MONTH), 3);
        assertEquals(9, c.n());
        assertEquals(new AlignedPair(LocalDate.parse("2025-12-01"), LocalDate.parse("2026-03-01"), 1, 16, false),
                c.pairs().get(1));
    }

    @Test
    void aLagOutsideZeroToSixOrMismatchedBucketsAreRefused() {
        FlowSeries flow = weeklyFlow(10);
        ResultSeries result = weeklyResult(0, 10);
        Correlation.of(flow, result, 6);
        IllegalArgumentException seven = assertThrows(IllegalArgumentException.class,
                () -> Correlation.of(flow, result, 7));
        assertTrue(seven.getMessage().contains("lag"), seven.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Correlation.of(flow, result, -1));
        ResultSeries monthly = ResultSeries.of("x", List.of(new ResultPoint(MONDAY, 1)), Bucket.MONTH);
        assertThrows(IllegalArgumentException.class, () -> Correlation.of(flow, monthly, 0));
    }

    @Test
    void aFlowSeriesMustBeKeyedByBucketStartsWithFiniteValues() {
        IllegalArgumentException tuesday = assertThrows(IllegalArgumentException.class,
                () -> new FlowSeries("velocity", Bucket.WEEK, Map.of(MONDAY.plusDays(1), 1.0)));
        assertTrue(tuesday.getMessage().contains("2026-01-06"), tuesday.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new FlowSeries("velocity", Bucket.WEEK, Map.of(MONDAY, Double.POSITIVE_INFINITY)));
        Map<LocalDate, Double> withNull = new LinkedHashMap<>();
        withNull.put(MONDAY, null);
        assertThrows(IllegalArgumentException.class, () -> new FlowSeries("velocity", Bucket.WEEK, withNull));
        assertThrows(IllegalArgumentException.class, () -> new FlowSeries(" ", Bucket.WEEK, Map.of()));
    }
}
