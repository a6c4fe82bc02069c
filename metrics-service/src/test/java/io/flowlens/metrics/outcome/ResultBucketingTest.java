package io.flowlens.metrics.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.flowlens.metrics.calc.Bucket;

/** Result points into weeks or months: mean per bucket, carried forward, nothing before the first point. */
class ResultBucketingTest {

    private static ResultPoint point(String date, double value) {
        return new ResultPoint(LocalDate.parse(date), value);
    }

    private static ResultBucket bucket(String start, double value, int points) {
        return new ResultBucket(LocalDate.parse(start), value, points);
    }

    @Test
    void aWeekHoldsTheMeanOfItsPointsFromMondayToSunday() {
        ResultSeries s = ResultSeries.of("happiness", List.of(
                point("2026-03-02", 10), point("2026-03-04", 20), point("2026-03-08", 30), // Mon, Wed, Sun
                point("2026-03-09", 5)), Bucket.WEEK, LocalDate.parse("2026-03-15"));
        assertEquals(List.of(bucket("2026-03-02", 20, 3), bucket("2026-03-09", 5, 1)), s.buckets());
    }

    @Test
    void emptyBucketsCarryTheLastValueForwardUpToThroughAndSaySo() {
        ResultSeries s = ResultSeries.of("cost", List.of(point("2026-03-03", 10), point("2026-03-25", 40)),
                Bucket.WEEK, LocalDate.parse("2026-04-05")); // a Sunday: its week starts 2026-03-30
        assertEquals(List.of(
                bucket("2026-03-02", 10, 1),
                bucket("2026-03-09", 10, 0),
                bucket("2026-03-16", 10, 0),
                bucket("2026-03-23", 40, 1),
                bucket("2026-03-30", 40, 0)), s.buckets());
        assertTrue(s.buckets().get(1).carried());
    }

    @Test
    void nothingIsMadeUpBeforeTheFirstPoint() {
        ResultSeries s = ResultSeries.of("quality", List.of(point("2026-05-20", 3)), Bucket.WEEK,
                LocalDate.parse("2026-05-31"));
        assertEquals(LocalDate.parse("2026-05-18"), s.buckets().get(0).start(), "the first point's week");
        assertEquals(2, s.buckets().size());
    }

    @Test
    void weeksAreIsoWeeksAcrossTheTurnOfTheYear() {
        // 2026-01-01 is a Thursday: its ISO week starts Monday 2025-12-29; Sunday 2025-12-28 ends the week before
        ResultSeries s = ResultSeries.of("value", List.of(point("2025-12-28", 1), point("2025-12-29", 2),
                point("2026-01-01", 4), point("2026-01-04", 6)), Bucket.WEEK);
        assertEquals(List.of(bucket("2025-12-22", 1, 1), bucket("2025-12-29", 4, 3)), s.buckets());
    }

    @Test
    void monthsAreCalendarMonthsAndTheSamePointsBucketDifferentlyThanWeeks() {
        List<ResultPoint> points = List.of(point("2026-01-31", 1), point("2026-02-01", 3),
                point("2026-02-28", 5), point("2026-04-15", 7));
        ResultSeries months = ResultSeries.of("nps", points, Bucket.MONTH, LocalDate.parse("2026-05-10"));
        assertEquals(List.of(
                bucket("2026-01-01", 1, 1),
                bucket("2026-02-01", 4, 2),
                bucket("2026-03-01", 4, 0),
                bucket("2026-04-01", 7, 1),
                bucket("2026-05-01", 7, 0)), months.buckets());

        ResultSeries weeks = ResultSeries.of("nps", points, Bucket.WEEK, LocalDate.parse("2026-05-10"));
        // 2026-01-31 (Sat) is in the week of 01-26, 2026-02-01 (Sun) too: the week mixes two months
        assertEquals(bucket("2026-01-26", 2, 2), weeks.buckets().get(0));
        assertEquals(bucket("2026-02-02", 2, 0), weeks.buckets().get(1));
        assertEquals(LocalDate.parse("2026-05-04"), weeks.buckets().get(weeks.buckets().size() - 1).start());
    }

    @Test
    void pointsAfterThroughAreLeftOutAndThroughBeforeTheFirstPointGivesNoBuckets() {
        List<ResultPoint> points = List.of(point("2026-03-02", 1), point("2026-03-16", 9));
        ResultSeries s = ResultSeries.of("cost", points, Bucket.WEEK, LocalDate.parse("2026-03-10"));
        assertEquals(List.of(bucket("2026-03-02", 1, 1), bucket("2026-03-09", 1, 0)), s.buckets());
        assertEquals(List.of(), ResultSeries.of("cost", points, Bucket.WEEK, LocalDate.parse("2026-02-28")).buckets());
        assertEquals(List.of(), ResultSeries.of("cost", List.of(), Bucket.WEEK).buckets());
    }

    @Test
    void theOrderOfThePointsDoesNotMatter() {
        List<ResultPoint> points = new ArrayList<>(List.of(point("2026-03-20", 8), point("2026-03-02", 1),
                point("2026-03-18", 2), point("2026-03-03", 3)));
        ResultSeries a = ResultSeries.of("x", points, Bucket.WEEK);
        points.sort((p, q) -> p.date().compareTo(q.date()));
        assertEquals(a, ResultSeries.of("x", points, Bucket.WEEK));
        assertEquals(List.of(bucket("2026-03-02", 2, 2), bucket("2026-03-09", 2, 0), bucket("2026-03-16", 5, 2)),
                a.buckets());
    }

    @Test
    void badInputIsRefusedNamingWhatIsWrong() {
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> point("2026-03-02", Double.NaN));
        assertTrue(nan.getMessage().contains("finite"), nan.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ResultSeries.of("x", List.of(point("2026-03-02", 1)), Bucket.DAY));
        IllegalArgumentException gap = assertThrows(IllegalArgumentException.class, () -> new ResultSeries("x",
                Bucket.WEEK, List.of(bucket("2026-03-02", 1, 1), bucket("2026-03-16", 1, 1))));
        assertTrue(gap.getMessage().contains("consecutive"), gap.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new ResultSeries("x", Bucket.WEEK, List.of(bucket("2026-03-03", 1, 1))), "not a Monday");
        assertThrows(IllegalArgumentException.class,
                () -> new ResultSeries("x", Bucket.WEEK, List.of(bucket("2026-03-02", 1, 0))), "carried first");
    }
}
