package io.flowlens.metrics.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.flowlens.metrics.calc.Bucket;
import io.flowlens.metrics.calc.FlowType;

/** The flow series a correlation uses: which buckets have a value, and what value. */
class FlowSeriesSetTest {

    static final LocalDate W0 = LocalDate.of(2025, 1, 6);

    static FlowBucket bucket(int week, long feature, long defect, Long p50, Long p85, long active, long flow,
            long loadSum, int samples, int loadMax) {
        return new FlowBucket(W0.plusWeeks(week), feature + defect, Map.of(FlowType.FEATURE, feature, FlowType.DEFECT,
                defect), p50, p85, active, flow, loadSum, samples, loadMax);
    }

    static FlowBucket idle(int week) {
        return bucket(week, 0, 0, null, null, 0, 0, 0, 7, 0);
    }

    @Test
    void leadingBucketsWithoutAnyWorkAreInNoSeriesButLaterZerosAre() {
        FlowSeriesSet set = FlowSeriesSet.of(Bucket.WEEK, List.of(idle(0), idle(1),
                bucket(2, 1, 1, 86_400L, 172_800L, 43_200L, 259_200L, 14, 7, 3), idle(3),
                bucket(4, 0, 0, null, null, 0, 0, 7, 7, 1)));
        assertEquals(W0.plusWeeks(2), set.firstActive());
        FlowSeries velocity = set.series(FlowSeriesSet.key("velocity"));
        assertEquals(Map.of(W0.plusWeeks(2), 2.0, W0.plusWeeks(3), 0.0, W0.plusWeeks(4), 0.0), velocity.values());
        // No completions: no flow time, efficiency or share; load is measured in every bucket.
        assertEquals(Map.of(W0.plusWeeks(2), 1.0), set.series(FlowSeriesSet.key("flowTimeP50")).values());
        assertEquals(Map.of(W0.plusWeeks(2), 2.0), set.series(FlowSeriesSet.key("flowTimeP85")).values());
        assertEquals(100.0 * 43_200 / 259_200, set.series(FlowSeriesSet.key("efficiency")).values().get(W0.plusWeeks(2)));
        assertEquals(Map.of(W0.plusWeeks(2), 2.0, W0.plusWeeks(3), 0.0, W0.plusWeeks(4), 1.0),
                set.series(FlowSeriesSet.key("loadMean")).values());
        assertEquals(Map.of(W0.plusWeeks(2), 50.0), set.series(FlowSeriesSet.key("distribution.defect")).values());
        assertEquals(Map.of(W0.plusWeeks(2), 0.0), set.series(FlowSeriesSet.key("distribution.risk")).values());
    }

    @Test
    void aWindowWithoutWorkHasEmptySeries() {
        FlowSeriesSet set = FlowSeriesSet.of(Bucket.WEEK, List.of(idle(0), idle(1)));
        assertNull(set.firstActive());
        assertEquals(9, set.all().size());
        set.all().forEach(s -> assertEquals(0, s.values().size(), s.name()));
    }

    @Test
    void shownValuesAreRoundedOnceFromTheExactFigures() {
        FlowBucket b = bucket(0, 1, 2, 100_000L, 100_001L, 1, 3, 10, 3, 4);
        assertEquals(1.1574, b.shown(FlowMetric.FLOW_TIME_P50, null)); // 1.157407... days
        assertEquals(33.33, b.shown(FlowMetric.EFFICIENCY, null));
        assertEquals(3.33, b.shown(FlowMetric.LOAD_MEAN, null));
        assertEquals(66.67, b.shown(FlowMetric.DISTRIBUTION, FlowType.DEFECT));
        assertEquals(3.0, b.shown(FlowMetric.VELOCITY, null));
        // The raw value keeps every digit.
        assertEquals(100.0 / 3, b.value(FlowMetric.EFFICIENCY, null));
    }

    @Test
    void nineSeriesWithStableNames() {
        assertEquals(List.of("velocity", "flowTimeP50", "flowTimeP85", "efficiency", "loadMean", "distribution.feature",
                "distribution.defect", "distribution.risk", "distribution.debt"),
                FlowSeriesSet.keys().stream().map(FlowSeriesSet.Key::name).toList());
        assertThrows(IllegalArgumentException.class, () -> new FlowSeriesSet.Key(FlowMetric.VELOCITY, FlowType.RISK));
        assertThrows(IllegalArgumentException.class, () -> new FlowSeriesSet.Key(FlowMetric.DISTRIBUTION, null));
    }

    @Test
    void bucketsMustBeWholeAndConsecutiveAndTypesSumToVelocity() {
        assertThrows(IllegalArgumentException.class, () -> FlowSeriesSet.of(Bucket.WEEK, List.of(idle(0), idle(2))));
        assertThrows(IllegalArgumentException.class, () -> new FlowBucket(W0, 3, Map.of(FlowType.FEATURE, 2L), null,
                null, 0, 0, 0, 7, 0));
        assertThrows(IllegalArgumentException.class, () -> FlowSeriesSet.of(Bucket.DAY, List.of()));
        assertFalse(bucket(0, 0, 0, null, null, 0, 0, 1, 7, 1).idle());
    }
}
