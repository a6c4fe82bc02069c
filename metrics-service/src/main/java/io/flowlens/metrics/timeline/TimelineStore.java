package io.flowlens.metrics.timeline;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import javax.sql.DataSource;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flowlens.common.contract.ItemEventContract;
import io.flowlens.metrics.calc.DayDelta;
import io.flowlens.metrics.calc.FlowState;
import io.flowlens.metrics.calc.FlowType;
import io.flowlens.metrics.calc.LoadChange;
import io.flowlens.metrics.calc.Timeline;
import io.flowlens.metrics.calc.Transition;
import io.flowlens.metrics.valuestream.Scope;

/**
 * Plain JDBC over flow_item, tenant_zone and day_state_delta: the write side is set-based
 * (JDBC batches inside the caller's transaction), never one ORM round trip per item.
 */
@ApplicationScoped
public class TimelineStore {

    /** Day deltas are always kept in UTC, the portfolio's default zone. */
    public static final String UTC = "UTC";

    /** connection_id and project of the rows that sum every scope of a tenant (the portfolio's). */
    static final String PORTFOLIO_SCOPE = "";

    /** Statuses of prepared day counts (a zone's, a label-narrowed stream's own). */
    public static final String READY = "ready";
    public static final String PREPARING = "preparing";

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DataSource dataSource;

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /**
     * Serialises every change of one tenant's timelines and day deltas for the rest of the
     * transaction: the relay delivers one tenant's events in order anyway, and it keeps the
     * read-compare-write of revisions and the running sums free of races and deadlocks.
     */
    public void lockTenant(Connection c, String tenantId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(hashtextextended(?, 42))")) {
            ps.setString(1, "flow-tenant:" + tenantId);
            ps.execute();
        }
    }

    /**
     * The zones day deltas are kept in for a tenant and are complete (ready); UTC is registered on
     * first use. A zone still being prepared gets no deltas from the write path: its back-fill,
     * under the tenant's lock, reads every timeline committed before it and marks it ready in the
     * same transaction, so nothing is counted twice nor missed.
     */
    public List<String> zones(Connection c, String tenantId) throws SQLException {
        List<String> zones = new ArrayList<>();
        boolean utc = false;
        try (PreparedStatement ps = c.prepareStatement("select zone, status from tenant_zone where tenant_id = ? order by zone")) {
            ps.setString(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    utc |= UTC.equals(rs.getString(1));
                    if (READY.equals(rs.getString(2))) {
                        zones.add(rs.getString(1));
                    }
                }
            }
        }
        if (!utc) {
            insertZone(c, tenantId, UTC, READY);
            zones.add(UTC);
        }
        return zones;
    }

    /** Every ready zone and every ready label-narrowed stream of the tenant: where a batch adds its deltas. */
    public CountTargets targets(Connection c, String tenantId) throws SQLException {
        List<String> zones = zones(c, tenantId);
        Map<String, String> watermarks = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select zone, watermark from tenant_zone where tenant_id = ? "
                + "and status = 'preparing' and watermark is not null")) {
            ps.setString(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    watermarks.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        List<CountedStream> streams = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select v.id, v.time_zone, v.scopes from stream_counts s "
                + "join value_stream v on v.id = s.stream_id where s.tenant_id = ? and s.status = 'ready' "
                + "and v.tenant_id = ? and v.time_zone = s.zone")) {
            ps.setString(1, tenantId);
            ps.setString(2, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    streams.add(new CountedStream(rs.getObject(1, java.util.UUID.class), ZoneId.of(rs.getString(2)),
                            scopes(rs.getString(3))));
                }
            }
        }
        return new CountTargets(zones, watermarks, streams);
    }

    static List<Scope> scopes(String json) {
        try {
            return List.of(JSON.readValue(json, Scope[].class));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored scopes are not readable", e);
        }
    }

    /**
     * Asks for day counts in {@code zone} (a value stream's new zone): registered as preparing, for
     * the back-fill job; nothing when the zone is kept already. Cheap: the request answers at once.
     */
    public boolean requestZone(Connection c, String tenantId, String zone) throws SQLException {
        if (UTC.equals(zone)) {
            return false;
        }
        return insertZone(c, tenantId, zone, PREPARING);
    }

    /** Items a back-fill chunk reads: item batches of the tenant wait for one chunk at most. */
    @Inject
    io.flowlens.metrics.config.MetricsConfig config;

    /**
     * One chunk of the back-fill of a zone being prepared, under the tenant's lock: the day deltas
     * of the next items after the watermark (by item id in byte order), then the watermark moves
     * to the last of them, or the zone is ready when none are left. Item batches in between add
     * deltas in this zone for the items up to the watermark only ({@link CountTargets}), so every
     * item is counted once: by the back-fill if it is beyond the watermark, by the write path
     * otherwise.
     *
     * @return -1 nothing to do (not preparing), 0 ready now, 1 more chunks to go
     */
    public int prepareZone(Connection c, String tenantId, String zone) throws SQLException {
        lockTenant(c, tenantId);
        String watermark;
        try (PreparedStatement ps = c.prepareStatement("select status, watermark from tenant_zone where tenant_id = ? and zone = ?")) {
            ps.setString(1, tenantId);
            ps.setString(2, zone);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !PREPARING.equals(rs.getString(1))) {
                    return -1;
                }
                watermark = rs.getString(2);
            }
        }
        Map<DeltaKey, Integer> deltas = new HashMap<>();
        String last = null;
        int read = 0;
        try (PreparedStatement ps = c.prepareStatement("select item_id, connection_id, project, flow_type, created_at, "
                + "transitions, hierarchy is not distinct from '" + ItemEventContract.SUBTASK + "' from flow_item "
                + "where tenant_id = ? and not deleted and (item_id collate \"C\") > ? "
                + "order by (item_id collate \"C\") limit ?")) {
            ps.setString(1, tenantId);
            ps.setString(2, watermark == null ? "" : watermark);
            ps.setInt(3, config.backfill().chunkItems());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    last = rs.getString(1);
                    read++;
                    Timeline t = Timeline.of(rs.getTimestamp(5).toInstant(), parseTransitions(rs.getString(6)));
                    collect(deltas, rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(7), t,
                            List.of(zone), 1);
                }
            }
        }
        addDeltas(c, tenantId, deltas);
        boolean done = read < config.backfill().chunkItems();
        try (PreparedStatement ps = c.prepareStatement(done
                ? "update tenant_zone set status = 'ready', prepared_at = now(), error = null, watermark = null "
                        + "where tenant_id = ? and zone = ?"
                : "update tenant_zone set watermark = ? where tenant_id = ? and zone = ?")) {
            int k = 1;
            if (!done) {
                ps.setString(k++, last);
            }
            ps.setString(k++, tenantId);
            ps.setString(k, zone);
            ps.executeUpdate();
        }
        return done ? 0 : 1;
    }

    /** Whether day deltas are kept in {@code zone} for the tenant, ready or being prepared (UTC always is). */
    public boolean hasZone(String tenantId, String zone) {
        if (UTC.equals(zone)) {
            return true;
        }
        try (Connection c = connection()) {
            return zoneStatus(c, tenantId, zone) != null;
        } catch (SQLException e) {
            throw new IllegalStateException("reading the tenant's zones failed", e);
        }
    }

    /** Whether the day deltas in {@code zone} are complete (UTC always is). */
    public boolean zoneReady(String tenantId, String zone) {
        return UTC.equals(zone) || READY.equals(status("select status from tenant_zone where tenant_id = ? and zone = ?",
                tenantId, zone));
    }

    /** The status of a stream's own day counts: ready, preparing, failed, or null when it has none. */
    public String streamCountsStatus(String tenantId, java.util.UUID streamId, String zone) {
        return status("select status from stream_counts where tenant_id = ? and stream_id = ? and zone = ?", tenantId,
                streamId, zone);
    }

    /** The status of the day counts in a zone: ready, preparing, failed (UTC: ready). */
    public String zoneStatus(String tenantId, String zone) {
        return UTC.equals(zone) ? READY : status("select status from tenant_zone where tenant_id = ? and zone = ?",
                tenantId, zone);
    }

    private String status(String sql, Object... params) {
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int k = 0; k < params.length; k++) {
                ps.setObject(k + 1, params[k]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the status of day counts failed", e);
        }
    }

    private String zoneStatus(Connection c, String tenantId, String zone) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select status from tenant_zone where tenant_id = ? and zone = ?")) {
            ps.setString(1, tenantId);
            ps.setString(2, zone);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private boolean insertZone(Connection c, String tenantId, String zone, String status) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into tenant_zone (tenant_id, zone, created_at, status) "
                + "values (?, ?, now(), ?) on conflict do nothing")) {
            ps.setString(1, tenantId);
            ps.setString(2, zone);
            ps.setString(3, status);
            return ps.executeUpdate() > 0;
        }
    }

    /**
     * (Re)starts a label-narrowed stream's own day counts: its rows go, and it is registered as
     * preparing in its zone, for the back-fill job. Under the tenant's lock, so no batch adds to the
     * old rows meanwhile.
     */
    public void requestStreamCounts(Connection c, String tenantId, java.util.UUID streamId, String zone,
            boolean newStream) throws SQLException {
        // A new stream has no rows, and the write path adds to ready streams only: nothing to wait
        // for (a back-fill chunk of the tenant may hold the lock). A changed one drops its rows
        // under the lock, so no batch in flight adds to them after they are gone.
        if (!newStream) {
            dropStreamCounts(c, tenantId, streamId);
        }
        try (PreparedStatement ps = c.prepareStatement("insert into stream_counts (stream_id, tenant_id, zone, status, "
                + "requested_at) values (?, ?, ?, 'preparing', now())")) {
            ps.setObject(1, streamId);
            ps.setString(2, tenantId);
            ps.setString(3, zone);
            ps.executeUpdate();
        }
    }

    /** Removes a stream's own day counts (deleted, or no longer narrowed by labels). */
    public void dropStreamCounts(Connection c, String tenantId, java.util.UUID streamId) throws SQLException {
        lockTenant(c, tenantId);
        for (String table : List.of("stream_day_delta", "stream_month_delta", "stream_status_day", "stream_status_sum",
                "stream_counts")) {
            try (PreparedStatement ps = c.prepareStatement("delete from " + table + " where tenant_id = ? and stream_id = ?")) {
                ps.setString(1, tenantId);
                ps.setObject(2, streamId);
                ps.executeUpdate();
            }
        }
    }

    /**
     * The back-fill of a label-narrowed stream's own counts: under the tenant's lock, the day
     * deltas of every stored timeline the stream's scopes match, then ready. False when there was
     * nothing to do (already ready, or the stream is gone).
     */
    public boolean prepareStream(Connection c, String tenantId, java.util.UUID streamId, StreamPreparation also)
            throws SQLException {
        lockTenant(c, tenantId);
        CountedStream stream = null;
        try (PreparedStatement ps = c.prepareStatement("select v.time_zone, v.scopes from stream_counts s join value_stream v "
                + "on v.id = s.stream_id where s.stream_id = ? and s.tenant_id = ? and v.tenant_id = ? "
                + "and s.status = 'preparing' and s.zone = v.time_zone")) {
            ps.setObject(1, streamId);
            ps.setString(2, tenantId);
            ps.setString(3, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    stream = new CountedStream(streamId, ZoneId.of(rs.getString(1)), scopes(rs.getString(2)));
                }
            }
        }
        if (stream == null) {
            return false;
        }
        // Sub-tasks included: they are a key of the counts, left out at query time unless counted.
        Subject subject = new Subject(tenantId, stream.zone(), stream.scopes(), streamId, null, true);
        List<Object> params = new ArrayList<>();
        String sql = "select flow_type, created_at, transitions, hierarchy is not distinct from '"
                + ItemEventContract.SUBTASK + "' from flow_item where " + subject.itemFilter(params);
        Map<StreamDeltaKey, Integer> deltas = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int k = 0; k < params.size(); k++) {
                Object p = params.get(k);
                ps.setObject(k + 1, p instanceof String[] a ? c.createArrayOf("text", a) : p);
            }
            ps.setFetchSize(5_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timeline t = Timeline.of(rs.getTimestamp(2).toInstant(), parseTransitions(rs.getString(3)));
                    String type = rs.getString(1);
                    boolean subtask = rs.getBoolean(4);
                    for (DayDelta d : DayDelta.of(t, stream.zone())) {
                        deltas.merge(new StreamDeltaKey(streamId, d.day(), type, d.state().wire(), subtask), d.delta(),
                                Integer::sum);
                    }
                }
            }
        }
        addStreamDeltas(c, tenantId, deltas);
        also.prepare(c, subject);
        try (PreparedStatement ps = c.prepareStatement("update stream_counts set status = 'ready', prepared_at = now(), "
                + "error = null where stream_id = ?")) {
            ps.setObject(1, streamId);
            ps.executeUpdate();
        }
        return true;
    }

    /** More a label-narrowed stream keeps of its own, prepared in the same transaction (its time in status sums). */
    @FunctionalInterface
    public interface StreamPreparation {
        void prepare(Connection c, Subject stream) throws SQLException;
    }

    /** A preparation left to do: a zone of a tenant, or a stream's own counts. */
    public record Pending(String tenantId, String zone, java.util.UUID streamId) {
    }

    /**
     * Everything still being prepared: streams' own counts first (they read the items of a few
     * projects, seconds), then zones (every timeline of the tenant, minutes at millions of items);
     * oldest first within each.
     */
    public List<Pending> pending() {
        List<Pending> out = new ArrayList<>();
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(
                "select tenant_id, zone, null::uuid, created_at, 1 from tenant_zone where status = 'preparing' union all "
                        + "select tenant_id, null, stream_id, requested_at, 0 from stream_counts where status = 'preparing' "
                        + "order by 5, 4")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Pending(rs.getString(1), rs.getString(2), rs.getObject(3, java.util.UUID.class)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the pending preparations failed", e);
        }
        return out;
    }

    /** Records why a preparation failed; it stays preparing and the job tries it again on its next round. */
    public void failed(Pending p, String error) {
        String sql = p.streamId() == null
                ? "update tenant_zone set error = ? where tenant_id = ? and zone = ?"
                : "update stream_counts set error = ? where tenant_id = ? and stream_id = ?";
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, error);
            ps.setString(2, p.tenantId());
            ps.setObject(3, p.streamId() == null ? p.zone() : p.streamId());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("recording a failed preparation failed", e);
        }
    }

    private void addStreamDeltas(Connection c, String tenantId, Map<StreamDeltaKey, Integer> deltas) throws SQLException {
        TreeMap<StreamDeltaKey, Integer> days = new TreeMap<>(StreamDeltaKey.ORDER);
        TreeMap<StreamDeltaKey, Integer> months = new TreeMap<>(StreamDeltaKey.ORDER);
        deltas.forEach((k, v) -> {
            if (v != 0) {
                days.put(k, v);
                months.merge(new StreamDeltaKey(k.streamId(), k.day().withDayOfMonth(1), k.flowType(), k.state(),
                        k.subtask()), v, Integer::sum);
            }
        });
        upsertStreamDeltas(c, tenantId, "stream_day_delta", "day", days);
        upsertStreamDeltas(c, tenantId, "stream_month_delta", "month", months);
    }

    private static void upsertStreamDeltas(Connection c, String tenantId, String table, String column,
            Map<StreamDeltaKey, Integer> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("insert into " + table + " (tenant_id, stream_id, " + column
                + ", flow_type, state, subtask, delta) values (?, ?, ?, ?, ?, ?, ?) on conflict (tenant_id, stream_id, "
                + column + ", flow_type, state, subtask) do update set delta = " + table + ".delta + excluded.delta")) {
            for (Map.Entry<StreamDeltaKey, Integer> e : rows.entrySet()) {
                if (e.getValue() == 0) {
                    continue;
                }
                StreamDeltaKey k = e.getKey();
                ps.setString(1, tenantId);
                ps.setObject(2, k.streamId());
                ps.setObject(3, k.day());
                ps.setString(4, k.flowType());
                ps.setString(5, k.state());
                ps.setBoolean(6, k.subtask());
                ps.setInt(7, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The stored rows (tombstones included) of some items of one tenant, by item id. */
    public Map<String, StoredItem> load(Connection c, String tenantId, Collection<String> itemIds) throws SQLException {
        Map<String, StoredItem> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select item_id, revision, last_event_id, deleted, connection_id, "
                + "project, item_key, title, flow_type, labels, created_at, transitions, parent_item_id, hierarchy "
                + "from flow_item "
                + "where tenant_id = ? and item_id = any(?)")) {
            ps.setString(1, tenantId);
            ps.setArray(2, c.createArrayOf("text", itemIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    boolean deleted = rs.getBoolean(4);
                    Array labels = rs.getArray(10);
                    out.put(rs.getString(1), new StoredItem(tenantId, rs.getString(1), rs.getLong(2), rs.getString(3),
                            deleted, rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            FlowType.fromWire(rs.getString(9)),
                            labels == null ? List.of() : Arrays.asList((String[]) labels.getArray()),
                            deleted ? null : rs.getTimestamp(11).toInstant(),
                            deleted ? List.of() : parseTransitions(rs.getString(12)), rs.getString(13),
                            rs.getString(14), deleted ? null : parseStatuses(rs.getString(12))));
                }
            }
        }
        return out;
    }

    /** Inserts or replaces items with the facts derived from their timelines. */
    public void write(Connection c, List<StoredItem> items) throws SQLException {
        if (items.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("insert into flow_item (tenant_id, item_id, revision, "
                + "last_event_id, deleted, connection_id, project, item_key, title, flow_type, labels, created_at, "
                + "work_start, completion, active_seconds, flow_seconds, current_state, transitions, parent_item_id, "
                + "hierarchy, applied_at) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, now()) "
                + "on conflict (tenant_id, item_id) do update set revision = excluded.revision, "
                + "last_event_id = excluded.last_event_id, deleted = excluded.deleted, "
                + "connection_id = excluded.connection_id, project = excluded.project, item_key = excluded.item_key, "
                + "title = excluded.title, flow_type = excluded.flow_type, labels = excluded.labels, "
                + "created_at = excluded.created_at, work_start = excluded.work_start, "
                + "completion = excluded.completion, active_seconds = excluded.active_seconds, "
                + "flow_seconds = excluded.flow_seconds, current_state = excluded.current_state, "
                + "transitions = excluded.transitions, parent_item_id = excluded.parent_item_id, "
                + "hierarchy = excluded.hierarchy, applied_at = excluded.applied_at")) {
            for (StoredItem item : items) {
                ps.setString(1, item.tenantId());
                ps.setString(2, item.itemId());
                ps.setLong(3, item.revision());
                ps.setString(4, item.lastEventId());
                ps.setBoolean(5, item.deleted());
                if (item.deleted()) {
                    ps.setString(6, item.connectionId());
                    for (int k = 7; k <= 10; k++) {
                        ps.setNull(k, Types.VARCHAR);
                    }
                    ps.setArray(11, c.createArrayOf("text", new String[0]));
                    for (int k = 12; k <= 14; k++) {
                        ps.setNull(k, Types.TIMESTAMP_WITH_TIMEZONE);
                    }
                    ps.setNull(15, Types.BIGINT);
                    ps.setNull(16, Types.BIGINT);
                    ps.setNull(17, Types.VARCHAR);
                    ps.setNull(18, Types.VARCHAR);
                } else {
                    Timeline t = item.timeline();
                    ps.setString(6, item.connectionId());
                    ps.setString(7, item.project());
                    ps.setString(8, item.key());
                    ps.setString(9, item.title());
                    ps.setString(10, item.flowType().wire());
                    ps.setArray(11, c.createArrayOf("text", item.labels().toArray()));
                    setInstant(ps, 12, item.createdAt());
                    setInstant(ps, 13, t.workStart());
                    setInstant(ps, 14, t.completion());
                    setLong(ps, 15, t.activeTime() == null ? null : t.activeTime().toSeconds());
                    setLong(ps, 16, t.flowTime() == null ? null : t.flowTime().toSeconds());
                    ps.setString(17, t.currentState().wire());
                    ps.setString(18, transitionsJson(item.transitions(), item.statuses()));
                }
                ps.setString(19, item.deleted() ? null : item.parentItemId());
                ps.setString(20, item.deleted() ? null : item.hierarchy());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Replaces the load changes ({@link LoadChange}) of the written items by those of their new
     * timelines; a deleted item keeps none.
     */
    public void replaceLoadChanges(Connection c, String tenantId, List<StoredItem> items) throws SQLException {
        if (items.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("delete from load_change where tenant_id = ? and item_id = any(?)")) {
            ps.setString(1, tenantId);
            ps.setArray(2, c.createArrayOf("text", items.stream().map(StoredItem::itemId).toArray()));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "insert into load_change (tenant_id, item_id, at, delta, entered) values (?, ?, ?, ?, ?)")) {
            int rows = 0;
            for (StoredItem item : items) {
                if (item.deleted()) {
                    continue;
                }
                Instant entered = null;
                for (LoadChange change : LoadChange.of(item.timeline())) {
                    ps.setString(1, tenantId);
                    ps.setString(2, item.itemId());
                    setInstant(ps, 3, change.at());
                    ps.setShort(4, (short) change.delta());
                    // An exit carries its spell's start (changes alternate): the load at a past
                    // instant finds the items that left it since by one index stab (V16).
                    setInstant(ps, 5, change.delta() < 0 ? entered : null);
                    entered = change.at();
                    ps.addBatch();
                    rows++;
                }
            }
            if (rows > 0) {
                ps.executeBatch();
            }
        }
    }

    /** Adds (sign +1) or removes (−1) one item's day deltas, in each zone, to a pending map. */
    public static void collect(Map<DeltaKey, Integer> into, String connectionId, String project, String flowType,
            boolean subtask, Timeline timeline, List<String> zones, int sign) {
        for (String zone : zones) {
            for (DayDelta d : DayDelta.of(timeline, ZoneId.of(zone))) {
                into.merge(new DeltaKey(zone, connectionId, project, d.day(), flowType, d.state().wire(), subtask),
                        sign * d.delta(), Integer::sum);
            }
        }
    }

    public void addDeltas(Connection c, String tenantId, DeltaSink sink) throws SQLException {
        addDeltas(c, tenantId, sink.pending());
        addStreamDeltas(c, tenantId, sink.streams());
    }

    /**
     * Adds pending deltas to day_state_delta and their monthly sums to month_state_delta, in
     * key order (deadlock-free under concurrency).
     */
    public void addDeltas(Connection c, String tenantId, Map<DeltaKey, Integer> deltas) throws SQLException {
        TreeMap<DeltaKey, Integer> days = new TreeMap<>(DeltaKey.ORDER);
        TreeMap<DeltaKey, Integer> months = new TreeMap<>(DeltaKey.ORDER);
        deltas.forEach((k, v) -> {
            if (v != 0) {
                days.put(k, v);
                months.merge(new DeltaKey(k.zone(), k.connectionId(), k.project(), k.day().withDayOfMonth(1),
                        k.flowType(), k.state(), k.subtask()), v, Integer::sum);
                days.merge(new DeltaKey(k.zone(), PORTFOLIO_SCOPE, PORTFOLIO_SCOPE, k.day(), k.flowType(), k.state(),
                        k.subtask()), v, Integer::sum);
                months.merge(new DeltaKey(k.zone(), PORTFOLIO_SCOPE, PORTFOLIO_SCOPE, k.day().withDayOfMonth(1),
                        k.flowType(), k.state(), k.subtask()), v, Integer::sum);
            }
        });
        upsertDeltas(c, tenantId, "day_state_delta", "day", days);
        upsertDeltas(c, tenantId, "month_state_delta", "month", months);
    }

    private static void upsertDeltas(Connection c, String tenantId, String table, String column,
            Map<DeltaKey, Integer> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("insert into " + table + " (tenant_id, zone, connection_id, "
                + "project, " + column + ", flow_type, state, subtask, delta) values (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "on conflict (tenant_id, zone, connection_id, project, " + column + ", flow_type, state, subtask) "
                + "do update set delta = " + table + ".delta + excluded.delta")) {
            for (Map.Entry<DeltaKey, Integer> e : rows.entrySet()) {
                if (e.getValue() == 0) {
                    continue;
                }
                DeltaKey k = e.getKey();
                ps.setString(1, tenantId);
                ps.setString(2, k.zone());
                ps.setString(3, k.connectionId());
                ps.setString(4, k.project());
                ps.setObject(5, k.day());
                ps.setString(6, k.flowType());
                ps.setString(7, k.state());
                ps.setBoolean(8, k.subtask());
                ps.setInt(9, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static String transitionsJson(List<Transition> transitions) {
        return transitionsJson(transitions, null);
    }

    /** The stored timeline; each transition with the tracker status it entered, where known. */
    static String transitionsJson(List<Transition> transitions, List<String> statuses) {
        StringBuilder sb = new StringBuilder(transitions.size() * 64 + 2).append('[');
        for (int k = 0; k < transitions.size(); k++) {
            if (k > 0) {
                sb.append(',');
            }
            sb.append("{\"at\":\"").append(transitions.get(k).at()).append("\",\"state\":\"")
                    .append(transitions.get(k).state().wire()).append('"');
            String status = statuses == null ? null : statuses.get(k);
            if (status != null) {
                sb.append(",\"status\":\"").append(JsonStringEncoder.getInstance().quoteAsString(status)).append('"');
            }
            sb.append('}');
        }
        return sb.append(']').toString();
    }

    /**
     * The tracker statuses beside {@link #parseTransitions}' transitions (null where a transition has
     * none), or null when no transition has one (events of an older producer).
     */
    public static List<String> parseStatuses(String json) {
        try {
            JsonNode array = JSON.readTree(json);
            List<String> out = new ArrayList<>(array.size());
            boolean any = false;
            for (JsonNode t : array) {
                JsonNode status = t.get("status");
                out.add(status == null || status.isNull() ? null : status.asText());
                any |= status != null && !status.isNull();
            }
            return any ? out : null;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored transitions are not readable", e);
        }
    }

    public static List<Transition> parseTransitions(String json) {
        try {
            JsonNode array = JSON.readTree(json);
            List<Transition> out = new ArrayList<>(array.size());
            for (JsonNode t : array) {
                out.add(new Transition(Instant.parse(t.get("at").asText()), FlowState.fromWire(t.get("state").asText())));
            }
            return out;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored transitions are not readable", e);
        }
    }

    private static void setInstant(PreparedStatement ps, int index, Instant at) throws SQLException {
        if (at == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, java.time.OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC));
        }
    }

    private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }
}
