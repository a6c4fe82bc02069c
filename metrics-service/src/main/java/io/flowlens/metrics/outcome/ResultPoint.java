package io.flowlens.metrics.outcome;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One measurement of a business result: the value it had on a local date of the value stream's
 * time zone (an NPS survey closed on 2026-03-04 with 41, a month's cost of delay, a
 * customer-centricity index from an assessment).
 *
 * @param date  the local date the value belongs to
 * @param value the value, a finite number in the result's own unit
 */
public record ResultPoint(LocalDate date, double value) {

    public ResultPoint {
        Objects.requireNonNull(date, "date");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be a finite number, was " + value);
        }
        // -0.0 and 0.0 are one value: adding 0.0 makes them one, so they tie when ranked.
        value = value + 0.0;
    }
}
