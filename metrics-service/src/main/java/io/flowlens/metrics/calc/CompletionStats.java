package io.flowlens.metrics.calc;

import java.util.Arrays;
import java.util.List;

/**
 * What the window figures need from a group of completed items: velocity, the items left out of
 * flow time (never started), flow-time statistics and the exact sums behind efficiency. {@link #of}
 * is the rule; the queries may hand in the same figures summarised by the database (a test holds
 * the two equal).
 */
public record CompletionStats(long velocity, long leftOutNeverStarted, DurationStats flowTime, long activeSeconds,
        long flowSeconds) {

    public static final CompletionStats NONE = new CompletionStats(0, 0, DurationStats.EMPTY, 0, 0);

    public static CompletionStats of(List<CompletedItem> completed) {
        long leftOut = 0;
        long activeSum = 0;
        long flowSum = 0;
        long[] flow = new long[completed.size()];
        int n = 0;
        for (CompletedItem c : completed) {
            if (c.flowSeconds() == null) {
                leftOut++;
                continue;
            }
            flow[n++] = c.flowSeconds();
            flowSum += c.flowSeconds();
            activeSum += c.activeSeconds();
        }
        return new CompletionStats(completed.size(), leftOut, DurationStats.of(Arrays.copyOf(flow, n)), activeSum,
                flowSum);
    }
}
