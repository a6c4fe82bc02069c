package io.flowlens.metrics.outcome;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

import io.flowlens.metrics.calc.FlowType;

/**
 * The exact flow figures of one whole week or month, as the {@code /flow} series computes them
 * (completions in the bucket; load sampled at its day ends), from which every
 * {@link FlowMetric} of the bucket follows.
 *
 * @param start          the bucket's first local day
 * @param velocity       items completed in the bucket
 * @param completedByType items completed per flow type (summing to {@code velocity})
 * @param flowTimeP50    nearest-rank median flow time in seconds; null without flow time
 * @param flowTimeP85    nearest-rank 85th percentile in seconds; null without flow time
 * @param activeSeconds  Σ active time of the completed items that started
 * @param flowSeconds    Σ flow time of the same items
 * @param loadSampleSum  Σ of the load samples at the bucket's day ends
 * @param loadSamples    how many samples
 * @param loadMax        the largest sample
 */
public record FlowBucket(LocalDate start, long velocity, Map<FlowType, Long> completedByType, Long flowTimeP50,
        Long flowTimeP85, long activeSeconds, long flowSeconds, long loadSampleSum, int loadSamples, int loadMax) {

    public FlowBucket {
        Objects.requireNonNull(start, "start");
        EnumMap<FlowType, Long> copy = new EnumMap<>(FlowType.class);
        long sum = 0;
        for (FlowType t : FlowType.values()) {
            long n = completedByType.getOrDefault(t, 0L);
            copy.put(t, n);
            sum += n;
        }
        if (sum != velocity) {
            throw new IllegalArgumentException("the completions per type (" + sum + ") must sum to the velocity ("
                    + velocity + ") of " + start);
        }
        if (loadSamples < 1) {
            throw new IllegalArgumentException("a bucket has at least one load sample");
        }
        completedByType = Map.copyOf(copy);
    }

    /** Nothing completed and nothing in progress at any of its day ends: no sign of work yet. */
    public boolean idle() {
        return velocity == 0 && loadMax == 0;
    }

    /**
     * The metric's unrounded value in this bucket, or null where it has none (a flow time without
     * completions is unknown, not 0).
     *
     * @param type the flow type of {@link FlowMetric#DISTRIBUTION}; ignored otherwise
     */
    public Double value(FlowMetric metric, FlowType type) {
        return switch (metric) {
            case VELOCITY -> (double) velocity;
            case FLOW_TIME_P50 -> flowTimeP50 == null ? null : flowTimeP50 / 86_400.0;
            case FLOW_TIME_P85 -> flowTimeP85 == null ? null : flowTimeP85 / 86_400.0;
            case EFFICIENCY -> flowSeconds > 0 ? 100.0 * activeSeconds / flowSeconds : null;
            case LOAD_MEAN -> (double) loadSampleSum / loadSamples;
            case DISTRIBUTION -> velocity > 0 ? 100.0 * completedByType.get(Objects.requireNonNull(type, "type"))
                    / velocity : null;
        };
    }

    /**
     * The same value as a response shows it: rounded once, from the exact figures, half away from
     * zero, like the {@code /flow} series (days to 4 decimals, percentages and the mean load to 2).
     */
    public Double shown(FlowMetric metric, FlowType type) {
        return switch (metric) {
            case VELOCITY -> (double) velocity;
            case FLOW_TIME_P50 -> io.flowlens.metrics.calc.Rounding.days(flowTimeP50);
            case FLOW_TIME_P85 -> io.flowlens.metrics.calc.Rounding.days(flowTimeP85);
            case EFFICIENCY -> io.flowlens.metrics.calc.Rounding.ratio(100 * activeSeconds, flowSeconds, 2);
            case LOAD_MEAN -> io.flowlens.metrics.calc.Rounding.ratio(loadSampleSum, loadSamples, 2);
            case DISTRIBUTION -> io.flowlens.metrics.calc.Rounding.ratio(100 * completedByType.get(type), velocity, 2);
        };
    }
}
