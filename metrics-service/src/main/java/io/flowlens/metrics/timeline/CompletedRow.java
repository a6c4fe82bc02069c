package io.flowlens.metrics.timeline;

import java.time.Instant;

import io.flowlens.metrics.calc.FlowType;

/** A completed item as the scatter list shows it. */
public record CompletedRow(String itemId, String key, String title, FlowType flowType, Instant completedAt,
        Instant workStartedAt, Long flowSeconds, Long activeSeconds) {
}
