package io.flowlens.metrics.timeline;

import java.time.Instant;

import io.flowlens.metrics.calc.FlowState;
import io.flowlens.metrics.calc.FlowType;

/** An item in the load now. */
public record WipRow(String itemId, String key, String title, FlowType flowType, FlowState state,
        Instant workStartedAt) {
}
