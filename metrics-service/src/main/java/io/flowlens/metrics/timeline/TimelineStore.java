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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flowlens.common.contract.ItemEventContract;
import io.flowlens.metrics.calc.DayDelta;
import io.flowlens.metrics.calc.FlowState;
import io.flowlens.metrics.calc.FlowType;
import io.flowlens.metrics.calc.LoadChange;
import io.flowlens.metrics.calc.Timeline;
import io.flowlens.metrics.calc.Transition;

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

    /** The zones day deltas are kept in for a tenant; UTC is registered on first use. */
    public List<String> zones(Connection c, String tenantId) throws SQLException {
        List<String> zones = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select zone from tenant_zone where tenant_id = ? order by zone")) {
            ps.setString(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    zones.add(rs.getString(1));
                }
            }
        }
        if (!zones.contains(UTC)) {
            insertZone(c, tenantId, UTC);
            zones.add(UTC);
        }
        return zones;
    }

    /** {@link #ensureZone(Connection, String, String)} in a transaction of its own or the caller's. */
    @jakarta.transaction.Transactional
    public void ensureZone(String tenantId, String zone) {
        try (Connection c = connection()) {
            ensureZone(c, tenantId, zone);
        } catch (SQLException e) {
            throw new IllegalStateException("preparing day counts in " + zone + " failed", e);
        }
    }

    /**
     * Makes sure day deltas exist in {@code zone} for the tenant, computing them from every
     * stored timeline the first time (a one-off cost per tenant and zone).
     */
    public void ensureZone(Connection c, String tenantId, String zone) throws SQLException {
        if (hasZone(c, tenantId, zone)) {
            return;
        }
        lockTenant(c, tenantId);
        zones(c, tenantId);
        if (hasZone(c, tenantId, zone)) {
            return;
        }
        insertZone(c, tenantId, zone);
        Map<DeltaKey, Integer> deltas = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select connection_id, project, flow_type, created_at, transitions, "
                + "hierarchy is not distinct from '" + ItemEventContract.SUBTASK + "' from flow_item where tenant_id = ? and not deleted")) {
            ps.setString(1, tenantId);
            ps.setFetchSize(5_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timeline t = Timeline.of(rs.getTimestamp(4).toInstant(), parseTransitions(rs.getString(5)));
                    collect(deltas, rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(6), t,
                            List.of(zone), 1);
                    if (deltas.size() > 50_000) {
                        addDeltas(c, tenantId, deltas);
                        deltas.clear();
                    }
                }
            }
        }
        addDeltas(c, tenantId, deltas);
    }

    /** Whether day deltas are kept in {@code zone} for the tenant (UTC always is). */
    public boolean hasZone(String tenantId, String zone) {
        if (UTC.equals(zone)) {
            return true;
        }
        try (Connection c = connection()) {
            return hasZone(c, tenantId, zone);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the tenant's zones failed", e);
        }
    }

    private boolean hasZone(Connection c, String tenantId, String zone) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from tenant_zone where tenant_id = ? and zone = ?")) {
            ps.setString(1, tenantId);
            ps.setString(2, zone);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private void insertZone(Connection c, String tenantId, String zone) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into tenant_zone (tenant_id, zone, created_at) values (?, ?, now()) on conflict do nothing")) {
            ps.setString(1, tenantId);
            ps.setString(2, zone);
            ps.executeUpdate();
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
                            rs.getString(14)));
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
                    ps.setString(18, transitionsJson(item.transitions()));
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
                "insert into load_change (tenant_id, item_id, at, delta) values (?, ?, ?, ?)")) {
            int rows = 0;
            for (StoredItem item : items) {
                if (item.deleted()) {
                    continue;
                }
                for (LoadChange change : LoadChange.of(item.timeline())) {
                    ps.setString(1, tenantId);
                    ps.setString(2, item.itemId());
                    setInstant(ps, 3, change.at());
                    ps.setShort(4, (short) change.delta());
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
        StringBuilder sb = new StringBuilder(transitions.size() * 48 + 2).append('[');
        for (int k = 0; k < transitions.size(); k++) {
            if (k > 0) {
                sb.append(',');
            }
            sb.append("{\"at\":\"").append(transitions.get(k).at()).append("\",\"state\":\"")
                    .append(transitions.get(k).state().wire()).append("\"}");
        }
        return sb.append(']').toString();
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
