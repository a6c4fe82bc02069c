package io.flowlens.metrics.timeline;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import io.flowlens.metrics.calc.DayDelta;

/**
 * Collects the day-delta changes of a batch: an item's old timeline out, its new one in, in every
 * ready zone and in every ready label-narrowed stream the item (old or new) matches.
 */
public final class DeltaSink {

    private final CountTargets targets;
    private final Map<DeltaKey, Integer> pending = new HashMap<>();
    private final Map<StreamDeltaKey, Integer> streams = new HashMap<>();

    public DeltaSink(CountTargets targets) {
        this.targets = targets;
    }

    public void add(StoredItem item) {
        collect(item, 1);
    }

    public void remove(StoredItem item) {
        collect(item, -1);
    }

    private void collect(StoredItem item, int sign) {
        TimelineStore.collect(pending, item.connectionId(), item.project(), item.flowType().wire(), item.subtask(),
                item.timeline(), targets.zonesOf(item.itemId()), sign);
        for (CountedStream s : targets.streams()) {
            if (s.matches(item)) {
                collectStream(streams, s.id(), s.zone(), item, sign);
            }
        }
    }

    static void collectStream(Map<StreamDeltaKey, Integer> into, java.util.UUID stream, ZoneId zone, StoredItem item,
            int sign) {
        for (DayDelta d : DayDelta.of(item.timeline(), zone)) {
            into.merge(new StreamDeltaKey(stream, d.day(), item.flowType().wire(), d.state().wire(), item.subtask()),
                    sign * d.delta(), Integer::sum);
        }
    }

    Map<DeltaKey, Integer> pending() {
        return pending;
    }

    Map<StreamDeltaKey, Integer> streams() {
        return streams;
    }
}
