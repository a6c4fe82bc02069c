package io.flowlens.metrics.timeline;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Collects the day-delta changes of a batch: an item's old timeline out, its new one in. */
public final class DeltaSink {

    private final List<String> zones;
    private final Map<DeltaKey, Integer> pending = new HashMap<>();

    public DeltaSink(List<String> zones) {
        this.zones = zones;
    }

    public void add(StoredItem item) {
        TimelineStore.collect(pending, item.connectionId(), item.project(), item.flowType().wire(), item.subtask(),
                item.timeline(), zones, 1);
    }

    public void remove(StoredItem item) {
        TimelineStore.collect(pending, item.connectionId(), item.project(), item.flowType().wire(), item.subtask(),
                item.timeline(), zones, -1);
    }

    Map<DeltaKey, Integer> pending() {
        return pending;
    }
}
