package io.flowlens.metrics.outcome;

import java.time.LocalDate;

import io.flowlens.metrics.calc.Bucket;

/**
 * Bucket starts as consecutive whole numbers, so "k buckets later" is an addition and a series
 * can sit in a plain array. Weeks and months only: a correlation over days would pair mostly
 * carried-forward values.
 */
final class BucketSteps {

    private BucketSteps() {
    }

    static Bucket checked(Bucket bucket) {
        if (bucket != Bucket.WEEK && bucket != Bucket.MONTH) {
            throw new IllegalArgumentException("bucket must be WEEK or MONTH, was " + bucket);
        }
        return bucket;
    }

    /** The number of the bucket starting at {@code start}; one more for each following bucket. */
    static long index(Bucket bucket, LocalDate start) {
        return switch (bucket) {
            // 1970-01-01 was a Thursday: Monday 1969-12-29 (epoch day -3) is week 0.
            case WEEK -> Math.floorDiv(start.toEpochDay() + 3, 7);
            case MONTH -> start.getYear() * 12L + start.getMonthValue() - 1;
            case DAY -> throw new IllegalArgumentException("bucket must be WEEK or MONTH, was DAY");
        };
    }

    static LocalDate next(Bucket bucket, LocalDate start) {
        return bucket == Bucket.WEEK ? start.plusWeeks(1) : start.plusMonths(1);
    }
}
