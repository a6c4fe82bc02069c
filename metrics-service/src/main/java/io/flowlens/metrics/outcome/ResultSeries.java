package io.flowlens.metrics.outcome;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import io.flowlens.metrics.calc.Bucket;

/**
 * A business result per week or month, ready to be set beside flow: every bucket from the one of
 * the first point up to the last one asked for, none missing.
 *
 * <ul>
 *   <li>A bucket with points holds their <b>mean</b> (three surveys in March averaging 40).</li>
 *   <li>A bucket without points holds the value of the last bucket before it that had points:
 *       a result is taken to stay where it was last seen until measured again
 *       (<b>carried forward</b>, marked as such).</li>
 *   <li>There is <b>nothing before the first point</b>: a result not yet measured is unknown,
 *       not zero, so the weeks before it form no pairs.</li>
 * </ul>
 *
 * Weeks are ISO weeks starting on Monday, months calendar months, both of the local dates of the
 * value stream's time zone.
 *
 * @param name    what the result is ("happiness", "customer-centricity index"), for the answer
 * @param bucket  {@link Bucket#WEEK} or {@link Bucket#MONTH}
 * @param buckets consecutive buckets, oldest first; the first one is measured, not carried
 */
public record ResultSeries(String name, Bucket bucket, List<ResultBucket> buckets) {

    public ResultSeries {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        BucketSteps.checked(Objects.requireNonNull(bucket, "bucket"));
        buckets = List.copyOf(buckets);
        LocalDate expected = null;
        for (ResultBucket b : buckets) {
            if (!bucket.startOf(b.start()).equals(b.start())) {
                throw new IllegalArgumentException(b.start() + " does not start a " + bucket);
            }
            if (expected == null && b.carried()) {
                throw new IllegalArgumentException("the first bucket must have points; nothing is carried into it");
            }
            if (expected != null && !expected.equals(b.start())) {
                throw new IllegalArgumentException("buckets must be consecutive: expected " + expected
                        + ", got " + b.start());
            }
            expected = BucketSteps.next(bucket, b.start());
        }
    }

    /**
     * Buckets the points, carrying the last value forward up to and including the bucket of
     * {@code through}. Points after that bucket are left out.
     *
     * <p>{@code through} is the last day the result is known for (usually the window's last day).
     * It should not lie in the future: carrying a value into weeks that have not happened yet
     * would pair flow with a result nobody has seen.
     */
    public static ResultSeries of(String name, List<ResultPoint> points, Bucket bucket, LocalDate through) {
        BucketSteps.checked(Objects.requireNonNull(bucket, "bucket"));
        Objects.requireNonNull(through, "through");
        LocalDate lastStart = bucket.startOf(through);
        List<ResultPoint> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparing(ResultPoint::date));

        List<ResultBucket> out = new ArrayList<>();
        int i = 0;
        double carried = 0;
        LocalDate start = sorted.isEmpty() ? null : bucket.startOf(sorted.get(0).date());
        while (start != null && !start.isAfter(lastStart)) {
            double sum = 0;
            int count = 0;
            LocalDate next = BucketSteps.next(bucket, start);
            while (i < sorted.size() && sorted.get(i).date().isBefore(next)) {
                sum += sorted.get(i).value();
                count++;
                i++;
            }
            if (count > 0) {
                carried = sum / count;
            }
            out.add(new ResultBucket(start, carried, count));
            start = next;
        }
        return new ResultSeries(name, bucket, out);
    }

    /** Buckets the points up to the bucket of the last point (nothing carried past it). */
    public static ResultSeries of(String name, List<ResultPoint> points, Bucket bucket) {
        return points.stream().map(ResultPoint::date).max(Comparator.naturalOrder())
                .map(last -> of(name, points, bucket, last))
                .orElseGet(() -> new ResultSeries(name, bucket, List.of()));
    }
}
