package io.flowlens.ingestion.item;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flowlens.ingestion.domain.FlowMapping;
import io.flowlens.ingestion.domain.Presence;
import io.flowlens.ingestion.domain.Signatures;
import io.flowlens.ingestion.domain.StatusChange;
import io.flowlens.ingestion.domain.Timeline;
import io.flowlens.ingestion.outbox.EventTransitions;
import io.flowlens.ingestion.outbox.ItemEvent;
import io.flowlens.ingestion.outbox.OutboxWriter;
import io.flowlens.ingestion.tracker.ItemChange;

/**
 * Writes tracker facts and derives canonical items from them, on the caller's JDBC
 * connection and transaction (plain JDBC: batched upserts with ON CONFLICT are what makes
 * webhook bursts and 100,000-item imports cheap).
 *
 * <p>Facts first: what a tracker said (item attributes, latest payload instant wins; status
 * changes, each fact once). Then derivation: each item's facts become its timeline with the
 * connection's mapping and, when the result differs from what metrics last got, the revision
 * goes up and an outbox event is written. Webhook batches do both in {@link #apply}; imports
 * stage through {@link #bulk}, which marks items dirty, and derive them page by page with
 * {@link #derive}.
 */
@ApplicationScoped
public class ItemStore {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    // Not marked dirty: apply() derives them in the same transaction, and leaving the flag alone keeps
    // the partial dirty index out of the write path (updates of unchanged indexed columns stay heap-only).
    private static final String INSERT_ITEMS = "insert into item (id, tenant_id, connection_id, external_id, dirty,"
            + " updated_at) select gen_random_uuid(), ?, ?, e, false, now() from unnest(?::text[]) as e"
            + " on conflict (connection_id, external_id) do nothing";

    /**
     * Whether {@code v} states presence and its statement is newer than {@code i}'s: by instant (none is
     * oldest), then a deletion over a restoration. Equal statements are not newer, so a redelivery
     * writes nothing. {@code domain.Presence} is the same rule in Java.
     */
    static final String PRESENCE_NEWER = "(v.deleted is not null and (coalesce(v.presence_at, '-infinity'), v.deleted)"
            + " > (coalesce(i.presence_at, '-infinity'), i.deleted))";

    // Attributes from a newer observation replace older ones; an older observation only fills gaps.
    // One statement per batch: the rows travel as arrays (unnest), one per column.
    /**
     * How an observation {@code v} merges into item {@code i}: attributes from a newer observation
     * replace older ones, an older observation only fills gaps; presence ({@code deleted},
     * {@code presence_at}) is that of the newer presence statement ({@link #PRESENCE_NEWER}, the rule
     * of {@code domain.Presence}), and an observation without one ({@code v.deleted} null) leaves it.
     * The SET list of both the webhook path (below) and imports ({@link BulkStage}).
     */
    static final String MERGE_ATTRIBUTES = """
              project = case when n.newer then coalesce(v.project, i.project) else coalesce(i.project, v.project) end,
              item_key = case when n.newer then coalesce(v.item_key, i.item_key) else coalesce(i.item_key, v.item_key) end,
              title = case when n.newer then coalesce(v.title, i.title) else coalesce(i.title, v.title) end,
              tracker_type = case when n.newer then coalesce(v.tracker_type, i.tracker_type)
                                  else coalesce(i.tracker_type, v.tracker_type) end,
              parent_external_id = case when n.newer then coalesce(v.parent_external_id, i.parent_external_id)
                                        else coalesce(i.parent_external_id, v.parent_external_id) end,
              hierarchy = case when n.newer then coalesce(v.hierarchy, i.hierarchy)
                               else coalesce(i.hierarchy, v.hierarchy) end,
              labels = case when v.labels is not null and (n.newer or i.observed_at is null) then v.labels::jsonb
                            else i.labels end,
              created_at = coalesce(i.created_at, v.created_at),
              observed_at = greatest(i.observed_at, v.observed_at),
              deleted = case when n.presence then v.deleted else i.deleted end,
              presence_at = case when n.presence then v.presence_at else i.presence_at end,
              updated_at = now()""".replace("n.presence", PRESENCE_NEWER).replace(
            "n.newer", "(i.observed_at is null or (v.observed_at is not null and v.observed_at >= i.observed_at))");

    // Rows are locked in external-id order first (as inserted above): two writers touching the same
    // items then queue instead of deadlocking. RETURNING gives derive what it needs, locked.
    private static final String UPDATE_ITEMS = """
            with locked as materialized (
              select id from item where connection_id = ? and external_id = any(?::text[])
              order by external_id for update)
            update item i set
            """ + MERGE_ATTRIBUTES + """

            from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]::timestamptz[],
                        ?::text[]::timestamptz[], ?::text[]::boolean[], ?::text[], ?::text[], ?::text[]::timestamptz[])
                   as v(external_id, project, item_key, title, tracker_type, labels, created_at, observed_at, deleted,
                        parent_external_id, hierarchy, presence_at)
            where i.id in (select id from locked) and i.external_id = v.external_id
            returning i.id, i.external_id, i.project, i.item_key, i.title, i.tracker_type, i.labels, i.created_at,
              i.deleted, i.revision, i.published_digest, i.parent_external_id, i.hierarchy""";

    // Inserts the batch's status changes and reads back the items' whole history in one round trip;
    // the outer select does not see rows the CTE inserts, so those come from its RETURNING. Rows go
    // in arrival order: when one batch holds the same fact twice, the earlier delivery is its source.
    private static final String INSERT_AND_READ_TRANSITIONS = "with ins as (insert into transition (tenant_id,"
            + " item_id, at, status, category, resolution, tracker_order, raw_event_id)"
            + " select ?, v.item_id, v.at, v.status, v.category, v.resolution, v.tracker_order, v.raw_event_id"
            + " from unnest(?::text[]::uuid[], ?::text[]::timestamptz[], ?::text[], ?::text[], ?::text[],"
            + " ?::text[]::bigint[], ?::text[]::uuid[]) with ordinality"
            + " as v(item_id, at, status, category, resolution, tracker_order, raw_event_id, n) order by v.n"
            + " on conflict (item_id, at, status) do nothing"
            + " returning id, item_id, at, status, category, resolution, tracker_order)"
            + " select id, item_id, at, status, category, resolution, tracker_order from transition"
            + " where item_id = any(?::text[]::uuid[])"
            + " union all select id, item_id, at, status, category, resolution, tracker_order from ins order by 2, 3, 1";

    private static final String UPDATE_DERIVED = """
            update item i set flow_type = v.flow_type, flow_state = v.flow_state, timeline = v.timeline::jsonb,
              revision = v.revision, dq_future = v.dq_future, dq_before_creation = v.dq_before,
              dq_unmapped = v.dq_unmapped, dq_done_without_start = v.dq_dws, published_digest = v.digest,
              dirty = false, updated_at = case when v.touch then now() else i.updated_at end
            from unnest(?::text[]::uuid[], ?::text[], ?::text[], ?::text[], ?::text[]::bigint[], ?::text[]::int[],
                        ?::text[]::int[], ?::text[]::int[], ?::text[]::boolean[], ?::text[], ?::text[]::boolean[])
                   as v(id, flow_type, flow_state, timeline, revision, dq_future, dq_before, dq_unmapped, dq_dws,
                        digest, touch)
            where i.id = any(?::text[]::uuid[]) and i.id = v.id""";

    @Inject
    ObjectMapper json;

    @Inject
    OutboxWriter outbox;

    /**
     * Records the facts of {@code changes} for a connection and derives every item they touch with
     * {@code mapping}, in five statements however many changes there are (webhook batches);
     * {@code rawEventIds.get(i)} is the raw delivery {@code changes.get(i)} came from. Imports
     * stage through {@link #bulk} instead.
     */
    public Applied apply(Connection c, String tenantId, UUID connectionId, List<ItemChange> changes,
            List<UUID> rawEventIds, FlowMapping mapping) throws SQLException {
        if (rawEventIds.size() != changes.size()) {
            throw new IllegalArgumentException("one raw event id per change");
        }
        List<ItemChange> merged = mergeByItem(changes);
        // Sorted so concurrent writers insert and lock items in the same order.
        merged.sort(java.util.Comparator.comparing(ItemChange::externalId));
        int m = merged.size();
        String[][] cols = new String[12][m];
        for (int k = 0; k < m; k++) {
            ItemChange ch = merged.get(k);
            cols[0][k] = ch.externalId();
            cols[1][k] = ch.project();
            cols[2][k] = ch.key();
            cols[3][k] = ch.title();
            cols[4][k] = ch.trackerType();
            cols[5][k] = ch.labels() == null ? null : write(ch.labels());
            cols[6][k] = ch.createdAt() == null ? null : ch.createdAt().toString();
            cols[7][k] = ch.observedAt() == null ? null : ch.observedAt().toString();
            // No presence statement: null, which leaves the item's presence as it is.
            cols[8][k] = ch.presence() == null ? null : Boolean.toString(ch.presence().deleted());
            cols[9][k] = ch.parentExternalId();
            cols[10][k] = ch.hierarchy();
            cols[11][k] = ch.presence() == null || ch.presence().at() == null ? null : ch.presence().at().toString();
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_ITEMS)) {
            ps.setString(1, tenantId);
            ps.setObject(2, connectionId);
            ps.setArray(3, c.createArrayOf("text", cols[0]));
            ps.executeUpdate();
        }
        Map<String, UUID> ids = new HashMap<>();
        Map<UUID, StoredItem> items = new java.util.TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(UPDATE_ITEMS)) {
            ps.setObject(1, connectionId);
            ps.setArray(2, c.createArrayOf("text", cols[0]));
            for (int col = 0; col < 12; col++) {
                ps.setArray(col + 3, c.createArrayOf("text", cols[col]));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    ids.put(rs.getString(2), id);
                    items.put(id, new StoredItem(id, rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), read(rs.getString(7)), instant(rs, 8), rs.getBoolean(9), rs.getLong(10),
                            rs.getString(11), new ArrayList<>(), rs.getString(2), rs.getString(12),
                            rs.getString(13)));
                }
            }
        }
        List<String> itemCol = new ArrayList<>();
        List<String> atCol = new ArrayList<>();
        List<String> statusCol = new ArrayList<>();
        List<String> categoryCol = new ArrayList<>();
        List<String> resolutionCol = new ArrayList<>();
        List<String> orderCol = new ArrayList<>();
        List<String> rawCol = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            ItemChange ch = changes.get(i);
            String raw = rawEventIds.get(i) == null ? null : rawEventIds.get(i).toString();
            for (StatusChange sc : ch.statuses()) {
                itemCol.add(ids.get(ch.externalId()).toString());
                atCol.add(sc.at().toString());
                statusCol.add(sc.status());
                categoryCol.add(sc.category());
                resolutionCol.add(sc.resolution());
                orderCol.add(sc.order() == null ? null : sc.order().toString());
                rawCol.add(raw);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_AND_READ_TRANSITIONS)) {
            ps.setString(1, tenantId);
            ps.setArray(2, c.createArrayOf("text", itemCol.toArray()));
            ps.setArray(3, c.createArrayOf("text", atCol.toArray()));
            ps.setArray(4, c.createArrayOf("text", statusCol.toArray()));
            ps.setArray(5, c.createArrayOf("text", categoryCol.toArray()));
            ps.setArray(6, c.createArrayOf("text", resolutionCol.toArray()));
            ps.setArray(7, c.createArrayOf("text", orderCol.toArray()));
            ps.setArray(8, c.createArrayOf("text", rawCol.toArray()));
            ps.setArray(9, c.createArrayOf("text", items.keySet().stream().map(UUID::toString).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    StoredItem it = items.get(rs.getObject(2, UUID.class));
                    it.changes().add(statusChange(rs, 3));
                }
            }
        }
        return new Applied(Map.copyOf(ids), publish(c, tenantId, connectionId, mapping, items.values()));
    }

    /** What {@link #apply} did: the items it touched (by external id) and those that changed. */
    public record Applied(Map<String, UUID> idsByExternalId, Set<UUID> changed) {
    }

    /**
     * One change per item, as applying them one after the other would leave it: attributes of
     * the newest observation win, older ones fill gaps, the newest presence statement decides,
     * status changes add up.
     */
    static List<ItemChange> mergeByItem(List<ItemChange> changes) {
        Map<String, ItemChange> byItem = new LinkedHashMap<>();
        for (ItemChange ch : changes) {
            byItem.merge(ch.externalId(), ch, ItemStore::merge);
        }
        return new ArrayList<>(byItem.values());
    }

    private static ItemChange merge(ItemChange a, ItemChange b) {
        boolean bNewer = a.observedAt() == null || (b.observedAt() != null && !b.observedAt().isBefore(a.observedAt()));
        ItemChange newer = bNewer ? b : a;
        ItemChange older = bNewer ? a : b;
        List<StatusChange> statuses = new ArrayList<>(a.statuses());
        statuses.addAll(b.statuses());
        return new ItemChange(a.externalId(), first(newer.key(), older.key()), first(newer.project(), older.project()),
                first(newer.title(), older.title()), first(newer.trackerType(), older.trackerType()),
                first(newer.labels(), older.labels()), first(older.createdAt(), newer.createdAt()),
                later(a.observedAt(), b.observedAt()), statuses, Presence.newest(a.presence(), b.presence()),
                first(newer.parentExternalId(), older.parentExternalId()),
                first(newer.hierarchy(), older.hierarchy()));
    }

    private static <T> T first(T a, T b) {
        return a != null ? a : b;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null ? a : (a.isAfter(b) ? a : b);
    }

    /**
     * Starts staging a whole import set-based ({@link BulkStage}): records stream with COPY into a
     * temporary table of this transaction and become facts in a few statements at {@link BulkStage#finish}.
     */
    public BulkStage bulk(Connection c, String tenantId, UUID connectionId, UUID importId) throws SQLException {
        return new BulkStage(c, tenantId, connectionId, importId, json);
    }

    /**
     * Analyzes {@code item} and {@code transition} when the planner has no statistics for them, or
     * they have doubled or halved since the last analyze (autovacuum off, or lagging behind a large
     * import). Without statistics the planner takes {@code item_id = any(1,000 ids)}
     * for a large part of the table, and derive reads the whole transition table (parallel seq scan
     * and sort) for every page of 1,000 items: seconds per page, growing with the table. Run outside
     * the import's transaction, so the statistics are committed and seen by it.
     */
    public void refreshStatistics(Connection c) throws SQLException {
        refreshStatistics(c, 2);
    }

    /**
     * As {@link #refreshStatistics(Connection)}, analyzing a table once it has grown (or shrunk) by
     * {@code factor} since its last analyze: each analyze of a large, much-updated table costs up
     * to a second of CPU, so a background check waits for a larger change than an import does.
     */
    public void refreshStatistics(Connection c, int factor) throws SQLException {
        List<String> stale = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select c.relname from pg_class c"
                + " left join pg_stat_user_tables s on s.relid = c.oid"
                + " where c.oid in (to_regclass('item'), to_regclass('transition'))"
                // Size, not churn: webhooks update the same items all day without changing what the planner
                // needs to know, and analyzing item costs half a second of CPU.
                + " and (c.reltuples < 0 or coalesce(s.n_live_tup, 0) > ? * c.reltuples + 10000"
                + " or coalesce(s.n_live_tup, 0) < c.reltuples / ? - 10000)")) {
            ps.setInt(1, factor);
            ps.setInt(2, factor);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stale.add(rs.getString(1));
                }
            }
        }
        for (String table : stale) {
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("analyze " + ("item".equals(table) ? "item" : "transition"));
            }
        }
    }

    /**
     * Re-derives the given items of a connection with {@code mapping}; an item whose canonical
     * state changed gets a new revision and an outbox event. Returns how many changed.
     */
    public int derive(Connection c, String tenantId, UUID connectionId, FlowMapping mapping, List<UUID> itemIds)
            throws SQLException {
        if (itemIds.isEmpty()) {
            return 0;
        }
        Array idArray = c.createArrayOf("uuid", itemIds.toArray());
        Map<UUID, StoredItem> items = new LinkedHashMap<>();
        // By primary key only, the connection checked on the rows found: as an index condition the planner
        // may intersect it with the whole connection's index range (see stage).
        try (PreparedStatement ps = c.prepareStatement("select id, project, item_key, title, tracker_type, labels,"
                + " created_at, deleted, revision, published_digest, connection_id, external_id, parent_external_id,"
                + " hierarchy from item"
                + " where id = any(?) order by id for update")) {
            ps.setArray(1, idArray);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!connectionId.equals(rs.getObject(11, UUID.class))) {
                        throw new IllegalArgumentException("item " + rs.getObject(1) + " is not of connection "
                                + connectionId);
                    }
                    StoredItem it = new StoredItem(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), read(rs.getString(6)), instant(rs, 7),
                            rs.getBoolean(8), rs.getLong(9), rs.getString(10), new ArrayList<>(), rs.getString(12),
                            rs.getString(13), rs.getString(14));
                    items.put(it.id(), it);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("select item_id, at, status, category, resolution,"
                + " tracker_order from transition where item_id = any(?) order by item_id, at, id")) {
            ps.setArray(1, idArray);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    StoredItem it = items.get(rs.getObject(1, UUID.class));
                    if (it != null) {
                        it.changes().add(statusChange(rs, 2));
                    }
                }
            }
        }
        return publish(c, tenantId, connectionId, mapping, items.values()).size();
    }

    /**
     * Derives each item from its facts; an item whose canonical state changed gets a new revision
     * and an outbox event. Returns the ids of those that changed.
     */
    private Set<UUID> publish(Connection c, String tenantId, UUID connectionId, FlowMapping mapping,
            java.util.Collection<StoredItem> items) throws SQLException {
        if (items.isEmpty()) {
            return Set.of();
        }
        Instant now = Instant.now();
        Map<String, UUID> parents = parentIds(c, connectionId, items);
        List<String> firstPublished = new ArrayList<>();
        List<OutboxWriter.Row> events = new ArrayList<>();
        Set<UUID> changed = new java.util.HashSet<>();
        int n = items.size();
        String[][] cols = new String[11][n];
        int k = 0;
        for (StoredItem it : items) {
            Timeline t = Timeline.derive(it.createdAt(), it.changes(), mapping, now);
            String flowType = mapping.typeOf(it.trackerType(), it.labels()).word();
            // The item's own row keeps its flow-state points; the event carries each status change.
            List<ItemEvent.Transition> states = t.states().stream()
                    .map(p -> new ItemEvent.Transition(p.at(), p.state().word())).toList();
            List<ItemEvent.Transition> transitions = EventTransitions.of(it.createdAt(), t);
            ItemEvent.Item state;
            String stateJson = null;
            String digest;
            if (it.deleted()) {
                state = ItemEvent.Item.deleted(it.id(), connectionId);
                digest = "deleted";
            } else if (it.createdAt() == null) {
                // Only status changes known so far (e.g. a Projects event before the issue's): not publishable yet.
                state = null;
                digest = null;
            } else {
                state = new ItemEvent.Item(it.id(), connectionId, it.project(), it.key(), it.title(), flowType,
                        it.labels(), it.createdAt(), transitions, parents.get(it.parentExternalId()), it.hierarchy());
                stateJson = write(state);
                digest = Signatures.sha256Hex(stateJson.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            boolean publish = digest != null && !digest.equals(it.publishedDigest());
            long revision = publish ? it.revision() + 1 : it.revision();
            if (publish) {
                changed.add(it.id());
                if (it.revision() == 0 && !it.deleted()) {
                    firstPublished.add(it.externalId());
                }
                ItemEvent event = new ItemEvent(UUID.randomUUID(), tenantId,
                        it.deleted() ? ItemEvent.DELETED : ItemEvent.UPSERTED, revision, now, state);
                // The item's JSON is already written (for the digest): the outbox payload reuses it.
                events.add(stateJson == null ? outbox.row(event) : outbox.row(event, stateJson));
            }
            cols[0][k] = it.id().toString();
            cols[1][k] = flowType;
            cols[2][k] = t.current().word();
            cols[3][k] = write(states);
            cols[4][k] = Long.toString(revision);
            cols[5][k] = Integer.toString(t.quality().futureInstants());
            cols[6][k] = Integer.toString(t.quality().beforeCreation());
            cols[7][k] = Integer.toString(t.quality().unmappedStatuses());
            cols[8][k] = Boolean.toString(t.quality().doneWithoutStart());
            cols[9][k] = publish ? digest : it.publishedDigest();
            cols[10][k] = Boolean.toString(publish);
            k++;
        }
        try (PreparedStatement ps = c.prepareStatement(UPDATE_DERIVED)) {
            for (int col = 0; col < 11; col++) {
                ps.setArray(col + 1, c.createArrayOf("text", cols[col]));
            }
            ps.setArray(12, c.createArrayOf("text", cols[0]));
            ps.executeUpdate();
        }
        outbox.appendRows(c, events);
        rederiveChildren(c, tenantId, connectionId, mapping, firstPublished, cols[0]);
        return changed;
    }

    /**
     * The canonical ids of the parents {@code items} name, by external id: only parents that are
     * items of the same connection (a parent ingestion does not know gives no {@code parentItemId}).
     */
    private static Map<String, UUID> parentIds(Connection c, UUID connectionId, java.util.Collection<StoredItem> items)
            throws SQLException {
        Object[] wanted = items.stream().map(StoredItem::parentExternalId).filter(java.util.Objects::nonNull)
                .distinct().toArray();
        Map<String, UUID> out = new HashMap<>();
        if (wanted.length == 0) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "select external_id, id from item where connection_id = ? and external_id = any(?::text[])")) {
            ps.setObject(1, connectionId);
            ps.setArray(2, c.createArrayOf("text", wanted));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getObject(2, UUID.class));
                }
            }
        }
        return out;
    }

    /**
     * A parent published for the first time may have children that were published before it
     * existed, without {@code parentItemId}: they are derived again now, so their events name it.
     * Children derived in this call, or still to be derived by an import ({@code dirty}), are left
     * to that derivation. Each item is published for the first time once, so this ends.
     */
    private void rederiveChildren(Connection c, String tenantId, UUID connectionId, FlowMapping mapping,
            List<String> parentExternalIds, String[] derivedNow) throws SQLException {
        if (parentExternalIds.isEmpty()) {
            return;
        }
        List<UUID> children = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select id from item where connection_id = ?"
                + " and parent_external_id = any(?::text[]) and not dirty and id <> all(?::text[]::uuid[]) order by id")) {
            ps.setObject(1, connectionId);
            ps.setArray(2, c.createArrayOf("text", parentExternalIds.toArray()));
            ps.setArray(3, c.createArrayOf("text", derivedNow));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    children.add(rs.getObject(1, UUID.class));
                }
            }
        }
        derive(c, tenantId, connectionId, mapping, children);
    }

    /** Ids of a connection's items whose facts changed since they were last derived, in pages. */
    public List<UUID> dirtyItems(Connection c, String tenantId, UUID connectionId, UUID after, int limit)
            throws SQLException {
        return ids(c, "select id from item where tenant_id = ? and connection_id = ? and dirty and id > ?"
                + " order by id limit ?", tenantId, connectionId, after == null ? new UUID(0, 0) : after, limit);
    }

    /** Ids of a connection's items after {@code after} (null: from the start), for re-deriving them all. */
    public List<UUID> itemsAfter(Connection c, String tenantId, UUID connectionId, UUID after, int limit)
            throws SQLException {
        return ids(c, "select id from item where tenant_id = ? and connection_id = ? and id > ? order by id limit ?",
                tenantId, connectionId, after == null ? new UUID(0, 0) : after, limit);
    }

    private static List<UUID> ids(Connection c, String sql, String tenantId, UUID connectionId, UUID after, int limit)
            throws SQLException {
        List<UUID> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, tenantId);
            ps.setObject(i++, connectionId);
            if (after != null) {
                ps.setObject(i++, after);
            }
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return out;
    }

    private record StoredItem(UUID id, String project, String key, String title, String trackerType,
            List<String> labels, Instant createdAt, boolean deleted, long revision, String publishedDigest,
            List<StatusChange> changes, String externalId, String parentExternalId, String hierarchy) {
    }

    static void setInstant(PreparedStatement ps, int i, Instant at) throws SQLException {
        if (at == null) {
            ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(i, at.atOffset(ZoneOffset.UTC));
        }
    }

    /** A stored status change read from columns {@code at, status, category, resolution, tracker_order} from {@code col}. */
    static StatusChange statusChange(ResultSet rs, int col) throws SQLException {
        long order = rs.getLong(col + 4);
        Long tracked = rs.wasNull() ? null : order;
        return new StatusChange(instant(rs, col), rs.getString(col + 1), rs.getString(col + 2),
                rs.getString(col + 3), tracked);
    }

    static Instant instant(ResultSet rs, int col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> read(String labels) {
        try {
            return labels == null ? List.of() : json.readValue(labels, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
