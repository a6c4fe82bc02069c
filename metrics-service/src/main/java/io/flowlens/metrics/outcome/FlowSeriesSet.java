package io.flowlens.metrics.outcome;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.flowlens.metrics.calc.Bucket;
import io.flowlens.metrics.calc.FlowType;

/**
 * Every flow series of a subject over one window of whole buckets: velocity, flow time p50 and
 * p85, efficiency, mean load, and the share of each flow type ({@link #keys()}, 9 series).
 *
 * <p><b>Before the first sign of work, flow is unknown, not zero.</b> Leading buckets in which
 * nothing was completed and nothing was in progress (a tracker connected last spring, asked about
 * two years) are left out of every series, as a result is unknown before its first point: a year
 * of zeros would otherwise pair with the results and manufacture a correlation. From the first
 * bucket with work on, a 0 is a measured 0.
 */
public final class FlowSeriesSet {

    /** One flow series: a metric, and for {@link FlowMetric#DISTRIBUTION} the type whose share it is. */
    public record Key(FlowMetric metric, FlowType type) {

        public Key {
            Objects.requireNonNull(metric, "metric");
            if ((metric == FlowMetric.DISTRIBUTION) != (type != null)) {
                throw new IllegalArgumentException("a flow type goes with distribution, and only with it");
            }
        }

        /** "velocity", "flowTimeP85", "distribution.defect". */
        public String name() {
            return type == null ? metric.wire() : metric.wire() + "." + type.wire();
        }
    }

    private final Bucket bucket;
    private final LinkedHashMap<LocalDate, FlowBucket> buckets = new LinkedHashMap<>();

    private FlowSeriesSet(Bucket bucket) {
        this.bucket = bucket;
    }

    /**
     * @param buckets the window's whole buckets, oldest first, consecutive
     */
    public static FlowSeriesSet of(Bucket bucket, List<FlowBucket> buckets) {
        BucketSteps.checked(Objects.requireNonNull(bucket, "bucket"));
        FlowSeriesSet set = new FlowSeriesSet(bucket);
        LocalDate expected = null;
        boolean started = false;
        for (FlowBucket b : buckets) {
            if (!bucket.startOf(b.start()).equals(b.start())) {
                throw new IllegalArgumentException(b.start() + " does not start a " + bucket);
            }
            if (expected != null && !expected.equals(b.start())) {
                throw new IllegalArgumentException("buckets must be consecutive: expected " + expected + ", got "
                        + b.start());
            }
            expected = BucketSteps.next(bucket, b.start());
            started |= !b.idle();
            if (started) {
                set.buckets.put(b.start(), b);
            }
        }
        return set;
    }

    /** The 9 series in a fixed order: the five metrics, then the share of each type. */
    public static List<Key> keys() {
        List<Key> keys = new ArrayList<>();
        for (FlowMetric m : FlowMetric.values()) {
            if (m == FlowMetric.DISTRIBUTION) {
                for (FlowType t : FlowType.values()) {
                    keys.add(new Key(m, t));
                }
            } else {
                keys.add(new Key(m, null));
            }
        }
        return keys;
    }

    /** The key of a series' {@link Key#name() name}. */
    public static Key key(String name) {
        return keys().stream().filter(k -> k.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no flow series " + name));
    }

    public Bucket bucket() {
        return bucket;
    }

    /** The first bucket with work in it, or null when the window holds none. */
    public LocalDate firstActive() {
        return buckets.isEmpty() ? null : buckets.keySet().iterator().next();
    }

    /** One series; a bucket where the metric has no value is absent. */
    public FlowSeries series(Key key) {
        Map<LocalDate, Double> values = new LinkedHashMap<>();
        buckets.forEach((start, b) -> {
            Double v = b.value(key.metric(), key.type());
            if (v != null) {
                values.put(start, v);
            }
        });
        return new FlowSeries(key.name(), bucket, values);
    }

    /** Every series, in the order of {@link #keys()}. */
    public List<FlowSeries> all() {
        return keys().stream().map(this::series).toList();
    }

    /** The value of a series in a bucket as a response shows it (rounded once); null when none. */
    public Double shown(Key key, LocalDate start) {
        FlowBucket b = buckets.get(start);
        return b == null ? null : b.shown(key.metric(), key.type());
    }
}
