package io.flowlens.metrics.calc;

import java.time.Instant;

/** The item was in {@code state} from {@code start} (inclusive) to {@code end} (exclusive; null = still). */
public record StateInterval(FlowState state, Instant start, Instant end) {
}
