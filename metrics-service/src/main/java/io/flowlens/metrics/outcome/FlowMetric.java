package io.flowlens.metrics.outcome;

import java.util.Locale;

/**
 * The flow metrics a result can be correlated with, per bucket: the figures the {@code /flow}
 * series show, unrounded.
 */
public enum FlowMetric {

    /** Items completed in the bucket (a 0 is a measured 0). */
    VELOCITY("velocity", "items", "Flow velocity"),
    /** Median flow time of the items completed in the bucket, in days; none without completions. */
    FLOW_TIME_P50("flowTimeP50", "days", "Flow time, 50th percentile"),
    /** 85th percentile (nearest rank) of the flow time, in days; none without completions. */
    FLOW_TIME_P85("flowTimeP85", "days", "Flow time, 85th percentile"),
    /** Σ active ÷ Σ flow time of the items completed in the bucket, in percent; none without flow time. */
    EFFICIENCY("efficiency", "percent", "Flow efficiency"),
    /** Mean of the load at the bucket's day ends, in items. */
    LOAD_MEAN("loadMean", "items", "Flow load, mean"),
    /** Share of one flow type among the items completed in the bucket, in percent; none without completions. */
    DISTRIBUTION("distribution", "percent", "Flow distribution, share of a type");

    private final String wire;
    private final String unit;
    private final String label;

    FlowMetric(String wire, String unit, String label) {
        this.wire = wire;
        this.unit = unit;
        this.label = label;
    }

    /** The name a request and a response use ({@code flowTimeP85}). */
    public String wire() {
        return wire;
    }

    public String unit() {
        return unit;
    }

    public String label() {
        return label;
    }

    /** The metric for its wire name (case-sensitive), or null. */
    public static FlowMetric fromWire(String name) {
        for (FlowMetric m : values()) {
            if (m.wire.equals(name)) {
                return m;
            }
        }
        return null;
    }

    /** The wire names, for messages: "velocity, flowTimeP50, ...". */
    public static String wireNames() {
        StringBuilder sb = new StringBuilder();
        for (FlowMetric m : values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(m.wire);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
