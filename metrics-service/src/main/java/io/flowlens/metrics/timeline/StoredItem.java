package io.flowlens.metrics.timeline;

import java.time.Instant;
import java.util.List;

import io.flowlens.common.contract.ItemEventContract;
import io.flowlens.metrics.calc.FlowType;
import io.flowlens.metrics.calc.Timeline;
import io.flowlens.metrics.calc.Transition;

/**
 * An item as kept: the latest applied revision, its scope and whole timeline. A tombstone
 * ({@code deleted}) keeps only the revision and event id. {@code statuses} runs beside
 * {@code transitions}: the tracker status each transition entered (contract version 3), null
 * where the event did not say; null as a whole when none did.
 */
public record StoredItem(String tenantId, String itemId, long revision, String lastEventId, boolean deleted,
        String connectionId, String project, String key, String title, FlowType flowType, List<String> labels,
        Instant createdAt, List<Transition> transitions, String parentItemId, String hierarchy,
        List<String> statuses) {

    public StoredItem(String tenantId, String itemId, long revision, String lastEventId, boolean deleted,
            String connectionId, String project, String key, String title, FlowType flowType, List<String> labels,
            Instant createdAt, List<Transition> transitions, String parentItemId, String hierarchy) {
        this(tenantId, itemId, revision, lastEventId, deleted, connectionId, project, key, title, flowType, labels,
                createdAt, transitions, parentItemId, hierarchy, null);
    }

    /** A sub-task counts beside its parent only in value streams that ask for it. */
    public boolean subtask() {
        return ItemEventContract.SUBTASK.equals(hierarchy);
    }

    public Timeline timeline() {
        return Timeline.of(createdAt, transitions);
    }
}
