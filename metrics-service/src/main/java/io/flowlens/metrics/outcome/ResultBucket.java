package io.flowlens.metrics.outcome;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A result series' value in one week or month.
 *
 * @param start  the bucket's first day (a Monday for weeks, the 1st for months)
 * @param value  the mean of the points in the bucket, or, when it has none, the value of the last
 *               bucket before it that had points
 * @param points how many points the mean is over; 0 for a carried-forward value
 */
public record ResultBucket(LocalDate start, double value, int points) {

    public ResultBucket {
        Objects.requireNonNull(start, "start");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be a finite number, was " + value);
        }
        if (points < 0) {
            throw new IllegalArgumentException("points must not be negative, was " + points);
        }
    }

    /** Whether the value was carried forward from an earlier bucket rather than measured in this one. */
    public boolean carried() {
        return points == 0;
    }
}
