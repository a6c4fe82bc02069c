package io.flowlens.metrics.event;

import java.time.Instant;
import java.util.List;

import io.flowlens.metrics.calc.FlowType;
import io.flowlens.metrics.calc.Transition;

/**
 * One canonical item event (docs/contracts.md): the item's whole current state, or its deletion.
 * {@code parentItemId} and {@code hierarchy} are optional (null when the producer does not say).
 * {@code statuses} runs beside {@code transitions}: the tracker status each entered (version 3),
 * null where a transition has none; null as a whole when none has one.
 */
public record ItemEvent(String eventId, String tenantId, boolean deleted, long revision, Instant emittedAt,
        String itemId, String connectionId, String project, String key, String title, FlowType flowType,
        List<String> labels, Instant createdAt, List<Transition> transitions, String parentItemId, String hierarchy,
        List<String> statuses) {
}
