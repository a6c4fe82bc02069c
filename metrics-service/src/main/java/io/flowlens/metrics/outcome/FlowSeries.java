package io.flowlens.metrics.outcome;

import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.flowlens.metrics.calc.Bucket;

/**
 * A flow metric per week or month, as the flow endpoints compute it (velocity, mean flow time,
 * efficiency, mean load, a type's share, ...).
 *
 * <p><b>A bucket without a value is absent, not zero.</b> A week with no completions has no flow
 * time: leave the week out, and it forms no pair. Put a 0 only where 0 was measured (a velocity
 * of 0 items is a real 0; a flow time of 0 days for a week with no completions is not).
 *
 * @param name   the flow metric's name, unique within one ranking ("velocity", "flowTime.p85")
 * @param bucket {@link Bucket#WEEK} or {@link Bucket#MONTH}
 * @param values value per bucket start (a Monday for weeks, the 1st for months); kept ordered
 *               by date and unmodifiable
 */
public record FlowSeries(String name, Bucket bucket, Map<LocalDate, Double> values) {

    public FlowSeries {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        BucketSteps.checked(Objects.requireNonNull(bucket, "bucket"));
        TreeMap<LocalDate, Double> copy = new TreeMap<>();
        for (Map.Entry<LocalDate, Double> e : values.entrySet()) {
            LocalDate start = Objects.requireNonNull(e.getKey(), "bucket start");
            if (!bucket.startOf(start).equals(start)) {
                throw new IllegalArgumentException(name + ": " + start + " does not start a " + bucket);
            }
            Double value = e.getValue();
            if (value == null || !Double.isFinite(value)) {
                throw new IllegalArgumentException(name + ": the value of " + start
                        + " must be a finite number (leave a bucket without a value out), was " + value);
            }
            copy.put(start, value + 0.0); // -0.0 and 0.0 tie when ranked
        }
        values = Collections.unmodifiableSortedMap(copy);
    }
}
