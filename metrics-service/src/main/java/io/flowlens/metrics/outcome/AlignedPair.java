package io.flowlens.metrics.outcome;

import java.time.LocalDate;

/**
 * One point of the scatter a correlation summarises: the flow of one bucket beside the result
 * {@code lag} buckets later.
 *
 * @param flowBucket    start of the flow's bucket
 * @param resultBucket  start of the result's bucket ({@code lag} buckets after {@code flowBucket})
 * @param flow          the flow value
 * @param result        the result value (a bucket mean, or carried forward)
 * @param resultCarried whether the result value was carried forward from an earlier bucket
 */
public record AlignedPair(LocalDate flowBucket, LocalDate resultBucket, double flow, double result,
        boolean resultCarried) {
}
