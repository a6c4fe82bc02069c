package io.flowlens.ingestion.item;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.flowlens.ingestion.domain.FlowMapping;
import io.flowlens.ingestion.mapping.ConnectionMappings;
import io.flowlens.ingestion.mapping.SeenCategories;
import io.flowlens.ingestion.outbox.ItemEvent;
import io.flowlens.ingestion.outbox.OutboxWriter;
import io.flowlens.ingestion.outbox.ParkedEvents;
import io.flowlens.ingestion.tracker.ItemChange;

/**
 * The one owner of item facts: every write to {@code item}, {@code transition} and the rows that
 * hang off a connection goes through here, on the caller's JDBC connection and transaction.
 * Behind it live the SQL ({@link ItemStore} for webhook batches and derivation, {@link BulkStage}
 * for imports and replays), the pure derivation ({@code domain.Timeline}) and the outbox writer,
 * which nudges the relay itself once the caller's transaction commits.
 *
 * <p>Lock order, the same for every operation: the connection row first (share for writers of
 * facts, exclusive for a replay's swap and for forgetting), then items in id or external-id order.
 */
@ApplicationScoped
public class ItemFacts {

    private static final TypeReference<Map<String, Map<String, String>>> OVERRIDES = new TypeReference<>() {
    };

    @Inject
    ItemStore store;

    @Inject
    OutboxWriter outbox;

    @Inject
    ObjectMapper json;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SeenCategories seen;

    /** What {@link #apply} did: the items it touched (by external id) and those that changed. */
    public record Applied(Map<String, java.util.UUID> idsByExternalId, java.util.Set<UUID> changed) {
    }

    /** What erasing a tenant removed, per kind of row. */
    public record Erased(long connections, long rawEvents, long importFiles, long items, long transitions, long jobs,
            long outboxEvents, long parkedEvents) {
    }

    /**
     * Share-locks the connections (by id, in id order) and reads their mappings: a mapping change,
     * a replay's swap or a deletion waits for this transaction, and one that committed first is
     * seen. A connection missing from the answer was deleted.
     */
    public Map<UUID, FlowMapping> lockForWriting(Connection c, Map<UUID, String> kinds) throws SQLException {
        return lock(c, kinds, "share");
    }

    /** Connections share-locked for writing (with their mappings), and those another transaction holds. */
    public record Locked(Map<UUID, FlowMapping> mappings, java.util.Set<UUID> busy) {
    }

    /**
     * As {@link #lockForWriting}, without waiting for a connection that a replay's swap, a deletion
     * or a mapping change holds: such a connection is answered as busy (the caller writes its
     * deliveries later), so one tenant's long swap does not hold up every other tenant's webhooks.
     */
    public Locked lockForWritingUnlessBusy(Connection c, Map<UUID, String> kinds) throws SQLException {
        Map<UUID, FlowMapping> mappings = lock(c, kinds, "share skip locked");
        java.util.Set<UUID> busy = new java.util.HashSet<>();
        if (mappings.size() < kinds.size()) {
            List<UUID> missing = kinds.keySet().stream().filter(id -> !mappings.containsKey(id)).toList();
            try (PreparedStatement ps = c.prepareStatement("select id from connection where id = any(?)")) {
                ps.setArray(1, c.createArrayOf("uuid", missing.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        busy.add(rs.getObject(1, UUID.class));
                    }
                }
            }
        }
        return new Locked(mappings, busy);
    }

    /**
     * Locks the connection exclusively: webhook batches and imports of it wait until this
     * transaction ends. Returns its mapping, or null when it is gone.
     */
    public FlowMapping lockExclusively(Connection c, UUID connectionId, String kind) throws SQLException {
        return lock(c, Map.of(connectionId, kind), "update").get(connectionId);
    }

    private Map<UUID, FlowMapping> lock(Connection c, Map<UUID, String> kinds, String mode) throws SQLException {
        Map<UUID, FlowMapping> out = new HashMap<>();
        Map<UUID, String> seenVersions = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select id, updated_at, mapping::text, "
                + SeenCategories.VERSION_COLUMN + " from connection where id = any(?) order by id for " + mode)) {
            ps.setArray(1, c.createArrayOf("uuid", kinds.keySet().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    Instant version = rs.getObject(2, OffsetDateTime.class).toInstant();
                    String overrides = rs.getString(3);
                    out.put(id, ConnectionMappings.effective(id, version, kinds.get(id), () -> readOverrides(overrides)));
                    seenVersions.put(id, rs.getString(4));
                }
            }
        }
        // With the categories each status was seen with (cached per version: read only after a change).
        for (Map.Entry<UUID, String> v : seenVersions.entrySet()) {
            out.put(v.getKey(), seen.withSeen(c, v.getKey(), v.getValue(), out.get(v.getKey())));
        }
        return out;
    }

    private Map<String, Map<String, String>> readOverrides(String text) {
        try {
            return text == null ? Map.of() : json.readValue(text, OVERRIDES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a connection's stored mapping is not readable", e);
        }
    }

    /**
     * Applies a batch of facts (webhook deliveries) and derives every item they touch; the caller
     * holds the connection's share lock ({@link #lockForWriting}). {@code sources.get(i)} is the
     * raw event {@code changes.get(i)} came from.
     */
    public Applied apply(Connection c, String tenantId, UUID connectionId, List<ItemChange> changes,
            List<UUID> sources, FlowMapping mapping) throws SQLException {
        // Categories stated for the first time (or changed) are recorded, and this batch derives with them.
        FlowMapping m = seen.record(c, connectionId, mapping,
                changes.stream().flatMap(ch -> ch.statuses().stream()).toList());
        ItemStore.Applied a = store.apply(c, tenantId, connectionId, changes, sources, m);
        return new Applied(a.idsByExternalId(), a.changed());
    }

    /** Starts staging an import (COPY into a temporary table of this transaction); see {@link BulkStage}. */
    public BulkStage stageImport(Connection c, String tenantId, UUID connectionId, UUID importId) throws SQLException {
        return store.bulk(c, tenantId, connectionId, importId);
    }

    /** Starts staging a replay of the connection's raw layer; ends with {@link BulkStage#finishReplay}. */
    public BulkStage stageReplay(Connection c, String tenantId, UUID connectionId) throws SQLException {
        return store.bulk(c, tenantId, connectionId, null);
    }

    /** Re-derives a page of the connection's items; those that changed get a revision and an outbox event. */
    public int derivePage(Connection c, String tenantId, UUID connectionId, FlowMapping mapping, List<UUID> itemIds)
            throws SQLException {
        return store.derive(c, tenantId, connectionId, mapping, itemIds);
    }

    /** A page of the connection's items whose facts changed since they were derived. */
    public List<UUID> dirtyItems(Connection c, String tenantId, UUID connectionId, UUID after, int limit)
            throws SQLException {
        return store.dirtyItems(c, tenantId, connectionId, after, limit);
    }

    /** A page of the connection's items after {@code after} (null: from the start), in id order. */
    public List<UUID> itemsAfter(Connection c, String tenantId, UUID connectionId, UUID after, int limit)
            throws SQLException {
        return store.itemsAfter(c, tenantId, connectionId, after, limit);
    }

    /** Planner statistics for item and transition, when missing or outgrown (see {@link ItemStore#refreshStatistics}). */
    public void refreshStatistics(Connection c) throws SQLException {
        store.refreshStatistics(c);
    }

    /** As {@link #refreshStatistics(Connection)} with a growth factor (the background check). */
    public void refreshStatistics(Connection c, int factor) throws SQLException {
        store.refreshStatistics(c, factor);
    }

    /**
     * Forgets a connection: waits for its writers (row lock), tells metrics every item it had
     * published is gone ({@code item.deleted}, in this transaction), and removes the connection
     * with its raw layer (webhook bodies, import files), items, status changes and jobs.
     * Returns false when there was no such connection of this tenant.
     */
    public boolean forgetConnection(Connection c, String tenantId, UUID connectionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select id from connection where tenant_id = ? and id = ? for update")) {
            ps.setString(1, tenantId);
            ps.setObject(2, connectionId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
            }
        }
        List<ItemEvent> events = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select id, revision from item where tenant_id = ?"
                + " and connection_id = ? and published_digest is not null and published_digest <> 'deleted'")) {
            ps.setString(1, tenantId);
            ps.setObject(2, connectionId);
            try (ResultSet rs = ps.executeQuery()) {
                Instant now = Instant.now();
                while (rs.next()) {
                    events.add(new ItemEvent(UUID.randomUUID(), tenantId, ItemEvent.DELETED, rs.getLong(2) + 1, now,
                            ItemEvent.Item.deleted(rs.getObject(1, UUID.class), connectionId)));
                }
            }
        }
        deleteRowsOf(c, List.of(connectionId));
        ParkedEvents.forgetConnection(c, tenantId, connectionId);
        outbox.append(c, events);
        return true;
    }

    /**
     * Erases every row of a tenant (connections with their raw events, import files, items,
     * status changes, jobs and mappings; its outbox rows and parked events) in the caller's
     * transaction. Sends metrics nothing: metrics erases its own copy of the tenant. A tenant
     * with nothing left answers zeros.
     */
    public Erased forgetTenant(Connection c, String tenantId) throws SQLException {
        List<UUID> connections = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select id from connection where tenant_id = ? order by id for update")) {
            ps.setString(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    connections.add(rs.getObject(1, UUID.class));
                }
            }
        }
        java.sql.Array ids = c.createArrayOf("uuid", connections.toArray());
        long rawEvents = count(c, "select count(*) from raw_event where connection_id = any(?)", ids);
        long importFiles = count(c, "select count(*) from import_file where connection_id = any(?)", ids);
        long items = count(c, "select count(*) from item where connection_id = any(?)", ids);
        long jobs = count(c, "select count(*) from job where tenant_id = ?", tenantId);
        Map<String, Long> removed = deleteRowsOf(c, connections);
        long outboxEvents = delete(c, "delete from outbox where tenant_id = ?", tenantId);
        long parked = ParkedEvents.forgetTenant(c, tenantId);
        // Raw events, import files, items and jobs go with their connection (on delete cascade).
        return new Erased(connections.size(), rawEvents, importFiles, items, removed.getOrDefault("transitions", 0L),
                jobs, outboxEvents, parked);
    }

    /** Status changes of the connections' items, then the connections (the rest goes by cascade). */
    private static Map<String, Long> deleteRowsOf(Connection c, List<UUID> connections) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        if (connections.isEmpty()) {
            return out;
        }
        java.sql.Array ids = c.createArrayOf("uuid", connections.toArray());
        // Status changes have no foreign key to their item (V3): they go explicitly, the rest by cascade.
        try (PreparedStatement ps = c.prepareStatement("delete from transition where item_id in"
                + " (select id from item where connection_id = any(?))")) {
            ps.setArray(1, ids);
            out.put("transitions", (long) ps.executeUpdate());
        }
        try (PreparedStatement ps = c.prepareStatement("delete from connection where id = any(?)")) {
            ps.setArray(1, ids);
            out.put("connections", (long) ps.executeUpdate());
        }
        return out;
    }

    private static long count(Connection c, String sql, Object arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long delete(Connection c, String sql, Object arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, arg);
            return ps.executeUpdate();
        }
    }
}
