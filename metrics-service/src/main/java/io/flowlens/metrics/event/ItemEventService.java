package io.flowlens.metrics.event;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.flowlens.metrics.timeline.DeltaSink;
import io.flowlens.metrics.timeline.StoredItem;
import io.flowlens.metrics.timeline.TimelineStore;

/**
 * Applies canonical item events: per item the highest revision wins and lower or equal ones
 * are ignored, so redelivery, duplicates and any arrival order give the same state. A batch
 * is one transaction: all of it or nothing.
 */
@ApplicationScoped
public class ItemEventService {

    @Inject
    TimelineStore store;

    @Transactional
    public ApplyResult apply(List<ItemEvent> events) {
        Map<String, List<ItemEvent>> byTenant = new TreeMap<>();
        for (ItemEvent e : events) {
            byTenant.computeIfAbsent(e.tenantId(), k -> new ArrayList<>()).add(e);
        }
        int accepted = 0;
        try (Connection c = store.connection()) {
            for (Map.Entry<String, List<ItemEvent>> tenant : byTenant.entrySet()) {
                accepted += applyTenant(c, tenant.getKey(), tenant.getValue());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("applying item events failed", e);
        }
        return new ApplyResult(accepted, events.size() - accepted);
    }

    private int applyTenant(Connection c, String tenantId, List<ItemEvent> events) throws SQLException {
        // Within the batch, only the highest revision of each item can matter.
        Map<String, ItemEvent> latest = new LinkedHashMap<>();
        for (ItemEvent e : events) {
            latest.merge(e.itemId(), e, (a, b) -> b.revision() > a.revision() ? b : a);
        }
        store.lockTenant(c, tenantId);
        List<String> zones = store.zones(c, tenantId);
        Map<String, StoredItem> kept = store.load(c, tenantId, latest.keySet());
        DeltaSink deltas = new DeltaSink(zones);
        List<StoredItem> writes = new ArrayList<>();
        for (ItemEvent e : latest.values()) {
            StoredItem old = kept.get(e.itemId());
            if (old != null && (e.revision() <= old.revision() || e.eventId().equals(old.lastEventId()))) {
                continue;
            }
            if (old != null && !old.deleted()) {
                deltas.remove(old);
            }
            StoredItem now = e.deleted()
                    ? new StoredItem(tenantId, e.itemId(), e.revision(), e.eventId(), true, e.connectionId(), null,
                            null, null, null, List.of(), null, List.of())
                    : new StoredItem(tenantId, e.itemId(), e.revision(), e.eventId(), false, e.connectionId(),
                            e.project(), e.key(), e.title(), e.flowType(), e.labels(), e.createdAt(), e.transitions());
            if (!now.deleted()) {
                deltas.add(now);
            }
            writes.add(now);
        }
        store.write(c, writes);
        store.addDeltas(c, tenantId, deltas);
        return writes.size();
    }
}
