package io.flowlens.metrics.calc;

/**
 * The buckets flow times are counted in ahead of time, so a window's percentiles need the exact
 * values of a few buckets only: 0..7 seconds one bucket each (anything below 0 in 0), then 8 buckets
 * per doubling (each ~9 % wide). Monotone: a larger flow time never falls in a lower bucket, so the
 * value at a rank lies in the bucket where the cumulative count reaches that rank. The database
 * keeps the same function ({@code flow_time_bucket}); a test holds the two equal.
 */
public final class FlowTimeBuckets {

    /** The bucket of completions without a flow time (never started). */
    public static final int NEVER_STARTED = -1;

    private FlowTimeBuckets() {
    }

    public static int of(long seconds) {
        if (seconds < 8) {
            return (int) Math.max(seconds, 0);
        }
        int exponent = 63 - Long.numberOfLeadingZeros(seconds); // ≥ 3
        return 8 * (exponent - 2) + (int) ((seconds >> (exponent - 3)) & 7);
    }

    /** The bucket of a completed item: {@link #NEVER_STARTED} without a flow time. */
    public static int of(Long flowSeconds) {
        return flowSeconds == null ? NEVER_STARTED : of(flowSeconds.longValue());
    }
}
