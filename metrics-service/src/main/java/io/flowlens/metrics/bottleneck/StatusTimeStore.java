package io.flowlens.metrics.bottleneck;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.flowlens.metrics.timeline.CountedStream;
import io.flowlens.metrics.timeline.StoredItem;
import io.flowlens.metrics.timeline.Subject;

/**
 * The write path of time in status: whenever an item's event is applied, its rows in
 * {@code completed_status_time} (done now) and {@code load_status_time} (in the load now) are
 * replaced by what {@link TimeInStatus} gives on its new timeline, and the sums over them
 * ({@code completed_status_day}, {@code load_status_sum}, per scope and for the portfolio) take
 * the difference, in the same transaction (under the tenant's lock the event path holds).
 */
@ApplicationScoped
public class StatusTimeStore {

    /** The portfolio's own sum rows (every scope). */
    static final String PORTFOLIO = "";

    private static final String INSERT_COMPLETED = "insert into completed_status_time (tenant_id, item_id, "
            + "connection_id, project, flow_type, subtask, completion, status, state, seconds, lead, without_statuses, "
            + "started) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_LOAD = "insert into load_status_time (tenant_id, item_id, connection_id, "
            + "project, flow_type, subtask, since, since_second, status, state, seconds, current, lead, "
            + "without_statuses, work_start) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** One kept row of an item done now. */
    record DoneRow(String connectionId, String project, Instant completion, String flowType, boolean subtask,
            String status, String state, long seconds, boolean lead, boolean withoutStatuses, boolean started) {
    }

    /** One kept row of an item in the load now. */
    record LoadRow(String connectionId, String project, Instant since, String flowType, boolean subtask,
            String status, String state, long seconds, boolean current, boolean lead, boolean withoutStatuses) {
    }

    /** A row of completed_status_day ({@code stream} null) or of a stream's stream_status_day. */
    record DayKey(UUID stream, String connectionId, String project, LocalDate day, String flowType, boolean subtask,
            boolean known, String statusKey, String state, boolean started) implements Comparable<DayKey>, Scoped {
        public int compareTo(DayKey o) {
            return toString().compareTo(o.toString());
        }
    }

    /** A row of load_status_sum ({@code stream} null) or of a stream's stream_status_sum. */
    record SumKey(UUID stream, String connectionId, String project, String flowType, boolean subtask, boolean known,
            String statusKey, String state) implements Comparable<SumKey>, Scoped {
        public int compareTo(SumKey o) {
            return toString().compareTo(o.toString());
        }
    }

    /**
     * Replaces the rows of the written items (a deleted item keeps none) and moves the sums with
     * them: the shared ones, and those of every ready label-narrowed stream the item matched before
     * ({@code before}: the stored items as they were, by id) or matches now.
     */
    public void replace(Connection c, String tenantId, List<StoredItem> items, Map<String, StoredItem> before,
            List<CountedStream> streams) throws SQLException {
        if (items.isEmpty()) {
            return;
        }
        Map<DayKey, long[]> days = new TreeMap<>();
        Map<SumKey, long[]> sums = new TreeMap<>();
        Object[] ids = items.stream().map(StoredItem::itemId).toArray();
        try (PreparedStatement ps = c.prepareStatement("delete from completed_status_time where tenant_id = ? and "
                + "item_id = any(?) returning connection_id, project, completion, flow_type, subtask, status, state, "
                + "seconds, lead, without_statuses, started, item_id")) {
            ps.setString(1, tenantId);
            ps.setArray(2, c.createArrayOf("text", ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    add(days, new DoneRow(rs.getString(1), rs.getString(2),
                            rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4), rs.getBoolean(5),
                            rs.getString(6), rs.getString(7), rs.getLong(8), rs.getBoolean(9), rs.getBoolean(10),
                            rs.getBoolean(11)), -1, matched(streams, before.get(rs.getString(12))));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("delete from load_status_time where tenant_id = ? and "
                + "item_id = any(?) returning connection_id, project, since, flow_type, subtask, status, state, "
                + "seconds, current, lead, without_statuses, item_id")) {
            ps.setString(1, tenantId);
            ps.setArray(2, c.createArrayOf("text", ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    add(sums, new LoadRow(rs.getString(1), rs.getString(2),
                            rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4), rs.getBoolean(5),
                            rs.getString(6), rs.getString(7), rs.getLong(8), rs.getBoolean(9), rs.getBoolean(10),
                            rs.getBoolean(11)), -1, matched(streams, before.get(rs.getString(12))));
                }
            }
        }
        try (PreparedStatement done = c.prepareStatement(INSERT_COMPLETED);
                PreparedStatement load = c.prepareStatement(INSERT_LOAD)) {
            int doneRows = 0;
            int loadRows = 0;
            for (StoredItem item : items) {
                if (item.deleted()) {
                    continue;
                }
                List<UUID> matched = matched(streams, item);
                List<TimeInStatus.Step> steps = TimeInStatus.steps(item.createdAt(), item.transitions(),
                        item.statuses());
                TimeInStatus.ItemTime completed = TimeInStatus.completed(steps);
                if (completed != null) {
                    for (DoneRow row : doneRows(item, TimeInStatus.completion(steps), completed)) {
                        insert(done, tenantId, item.itemId(), row);
                        add(days, row, 1, matched);
                        doneRows++;
                    }
                    continue;
                }
                TimeInStatus.Open open = TimeInStatus.open(steps);
                if (open != null) {
                    // flow_item's work start, as TimelineStore writes it beside these rows (V17).
                    Instant workStart = item.timeline().workStart();
                    for (LoadRow row : loadRows(item, open)) {
                        insert(load, tenantId, item.itemId(), row, workStart);
                        add(sums, row, 1, matched);
                        loadRows++;
                    }
                }
            }
            if (doneRows > 0) {
                done.executeBatch();
            }
            if (loadRows > 0) {
                load.executeBatch();
            }
        }
        upsertDays(c, tenantId, days);
        upsertSums(c, tenantId, sums);
    }

    /** The ready label-narrowed streams whose scopes match a stored item (none for a missing or deleted one). */
    static List<UUID> matched(List<CountedStream> streams, StoredItem item) {
        if (item == null || item.deleted() || streams.isEmpty()) {
            return List.of();
        }
        List<UUID> out = new ArrayList<>();
        for (CountedStream s : streams) {
            if (s.matches(item)) {
                out.add(s.id());
            }
        }
        return out;
    }

    static List<DoneRow> doneRows(StoredItem item, Instant completion, TimeInStatus.ItemTime time) {
        List<DoneRow> rows = new ArrayList<>();
        if (!time.started()) {
            // Left out of time in status, as of flow time; one row so it is counted as left out.
            rows.add(new DoneRow(item.connectionId(), item.project(), completion, item.flowType().wire(),
                    item.subtask(), null, "done", 0, true, false, false));
            return rows;
        }
        boolean lead = true;
        for (Map.Entry<StatusKey, Long> e : time.seconds().entrySet()) {
            rows.add(new DoneRow(item.connectionId(), item.project(), completion, item.flowType().wire(),
                    item.subtask(), e.getKey().status(), e.getKey().state().wire(), e.getValue(), lead,
                    time.withoutStatuses(), true));
            lead = false;
        }
        return rows;
    }

    static List<LoadRow> loadRows(StoredItem item, TimeInStatus.Open open) {
        Map<StatusKey, Long> seconds = new TreeMap<>(StatusKey.ORDER);
        seconds.putAll(open.closed());
        seconds.putIfAbsent(open.current(), 0L);
        List<LoadRow> rows = new ArrayList<>();
        boolean lead = true;
        for (Map.Entry<StatusKey, Long> e : seconds.entrySet()) {
            rows.add(new LoadRow(item.connectionId(), item.project(), open.since(), item.flowType().wire(),
                    item.subtask(), e.getKey().status(), e.getKey().state().wire(), e.getValue(),
                    e.getKey().equals(open.current()), lead, open.withoutStatuses()));
            lead = false;
        }
        return rows;
    }

    private static void add(Map<DayKey, long[]> days, DoneRow r, int sign, List<UUID> streams) {
        LocalDate day = LocalDate.ofInstant(r.completion(), ZoneOffset.UTC);
        List<DayKey> keys = new ArrayList<>();
        for (String[] scope : new String[][] { { r.connectionId(), r.project() }, { PORTFOLIO, PORTFOLIO } }) {
            keys.add(new DayKey(null, scope[0], scope[1], day, r.flowType(), r.subtask(), r.status() != null,
                    r.status() == null ? "" : r.status(), r.state(), r.started()));
        }
        for (UUID stream : streams) {
            keys.add(new DayKey(stream, PORTFOLIO, PORTFOLIO, day, r.flowType(), r.subtask(), r.status() != null,
                    r.status() == null ? "" : r.status(), r.state(), r.started()));
        }
        for (DayKey key : keys) {
            long[] d = days.computeIfAbsent(key, k -> new long[4]);
            d[0] += sign * r.seconds();
            d[1] += sign;
            d[2] += r.lead() ? sign : 0;
            d[3] += r.lead() && r.withoutStatuses() ? sign : 0;
        }
    }

    private static void add(Map<SumKey, long[]> sums, LoadRow r, int sign, List<UUID> streams) {
        List<SumKey> keys = new ArrayList<>();
        for (String[] scope : new String[][] { { r.connectionId(), r.project() }, { PORTFOLIO, PORTFOLIO } }) {
            keys.add(new SumKey(null, scope[0], scope[1], r.flowType(), r.subtask(), r.status() != null,
                    r.status() == null ? "" : r.status(), r.state()));
        }
        for (UUID stream : streams) {
            keys.add(new SumKey(stream, PORTFOLIO, PORTFOLIO, r.flowType(), r.subtask(), r.status() != null,
                    r.status() == null ? "" : r.status(), r.state()));
        }
        for (SumKey key : keys) {
            long[] d = sums.computeIfAbsent(key, k -> new long[6]);
            d[0] += sign * r.seconds();
            d[1] += sign;
            d[2] += r.current() ? sign : 0;
            d[3] += r.current() ? sign * r.since().getEpochSecond() : 0;
            d[4] += r.lead() ? sign : 0;
            d[5] += r.lead() && r.withoutStatuses() ? sign : 0;
        }
    }

    private static void insert(PreparedStatement ps, String tenantId, String itemId, DoneRow r) throws SQLException {
        ps.setString(1, tenantId);
        ps.setString(2, itemId);
        ps.setString(3, r.connectionId());
        ps.setString(4, r.project());
        ps.setString(5, r.flowType());
        ps.setBoolean(6, r.subtask());
        ps.setObject(7, OffsetDateTime.ofInstant(r.completion(), ZoneOffset.UTC));
        ps.setString(8, r.status());
        ps.setString(9, r.state());
        ps.setLong(10, r.seconds());
        ps.setBoolean(11, r.lead());
        ps.setBoolean(12, r.withoutStatuses());
        ps.setBoolean(13, r.started());
        ps.addBatch();
    }

    private static void insert(PreparedStatement ps, String tenantId, String itemId, LoadRow r, Instant workStart)
            throws SQLException {
        ps.setString(1, tenantId);
        ps.setString(2, itemId);
        ps.setString(3, r.connectionId());
        ps.setString(4, r.project());
        ps.setString(5, r.flowType());
        ps.setBoolean(6, r.subtask());
        ps.setObject(7, OffsetDateTime.ofInstant(r.since(), ZoneOffset.UTC));
        ps.setLong(8, r.since().getEpochSecond());
        ps.setString(9, r.status());
        ps.setString(10, r.state());
        ps.setLong(11, r.seconds());
        ps.setBoolean(12, r.current());
        ps.setBoolean(13, r.lead());
        ps.setBoolean(14, r.withoutStatuses());
        if (workStart == null) {
            ps.setNull(15, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(15, OffsetDateTime.ofInstant(workStart, ZoneOffset.UTC));
        }
        ps.addBatch();
    }

    private static void upsertDays(Connection c, String tenantId, Map<DayKey, long[]> days) throws SQLException {
        upsert(c, tenantId, "completed_status_day", "stream_status_day",
                "day, flow_type, subtask, known, status_key, state, started",
                List.of("seconds", "items", "leads", "without_statuses"), days, (ps, p, k) -> {
                    ps.setObject(p++, k.day());
                    ps.setString(p++, k.flowType());
                    ps.setBoolean(p++, k.subtask());
                    ps.setBoolean(p++, k.known());
                    ps.setString(p++, k.statusKey());
                    ps.setString(p++, k.state());
                    ps.setBoolean(p++, k.started());
                    return p;
                });
    }

    private static void upsertSums(Connection c, String tenantId, Map<SumKey, long[]> sums) throws SQLException {
        upsert(c, tenantId, "load_status_sum", "stream_status_sum", "flow_type, subtask, known, status_key, state",
                List.of("seconds", "items", "current_items", "since_sum", "leads", "without_statuses"), sums,
                (ps, p, k) -> {
                    ps.setString(p++, k.flowType());
                    ps.setBoolean(p++, k.subtask());
                    ps.setBoolean(p++, k.known());
                    ps.setString(p++, k.statusKey());
                    ps.setString(p++, k.state());
                    return p;
                });
    }

    /** A row key of a shared table (per connection and project, {@code stream} null) or of a stream's own. */
    interface Scoped {
        UUID stream();

        String connectionId();

        String project();
    }

    /** Binds a key's columns after its scope from parameter {@code p}; returns the next parameter. */
    @FunctionalInterface
    interface KeyBinder<K> {
        int bind(PreparedStatement ps, int p, K key) throws SQLException;
    }

    /**
     * Adds the non-zero differences to their rows: a shared row's into {@code sharedTable}, a label
     * stream's into {@code ownTable}, each a batch of one upsert statement.
     */
    private static <K extends Scoped> void upsert(Connection c, String tenantId, String sharedTable, String ownTable,
            String keyColumns, List<String> sums, Map<K, long[]> rows, KeyBinder<K> keyBinder) throws SQLException {
        rows.values().removeIf(d -> java.util.Arrays.stream(d).allMatch(v -> v == 0));
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement shared = c.prepareStatement(upsertSql(sharedTable, "connection_id, project", keyColumns,
                sums));
                PreparedStatement own = c.prepareStatement(upsertSql(ownTable, "stream_id", keyColumns, sums))) {
            boolean anyShared = false;
            boolean anyOwn = false;
            for (Map.Entry<K, long[]> e : rows.entrySet()) {
                K k = e.getKey();
                PreparedStatement ps = k.stream() == null ? shared : own;
                int p = 1;
                ps.setString(p++, tenantId);
                if (k.stream() == null) {
                    ps.setString(p++, k.connectionId());
                    ps.setString(p++, k.project());
                    anyShared = true;
                } else {
                    ps.setObject(p++, k.stream());
                    anyOwn = true;
                }
                p = keyBinder.bind(ps, p, k);
                for (long v : e.getValue()) {
                    ps.setLong(p++, v);
                }
                ps.addBatch();
            }
            if (anyShared) {
                shared.executeBatch();
            }
            if (anyOwn) {
                own.executeBatch();
            }
        }
    }

    private static String upsertSql(String table, String scope, String keyColumns, List<String> sums) {
        int parameters = 1 + scope.split(",").length + keyColumns.split(",").length + sums.size();
        String set = String.join(", ",
                sums.stream().map(v -> v + " = " + table + "." + v + " + excluded." + v).toList());
        return "insert into " + table + " (tenant_id, " + scope + ", " + keyColumns + ", " + String.join(", ", sums)
                + ") values (" + String.join(", ", java.util.Collections.nCopies(parameters, "?")) + ") on conflict "
                + "(tenant_id, " + scope + ", " + keyColumns + ") do update set " + set;
    }

    /**
     * The back-fill of a label-narrowed stream's own sums, with its day counts (under the tenant's
     * lock, in the same transaction): the rows kept per item of every item its scopes match, summed
     * by the database. Rows left from before are replaced.
     */
    public void prepareStream(Connection c, Subject subject) throws SQLException {
        for (String table : List.of("stream_status_day", "stream_status_sum")) {
            try (PreparedStatement ps = c.prepareStatement("delete from " + table + " where tenant_id = ? and "
                    + "stream_id = ?")) {
                ps.setString(1, subject.tenantId());
                ps.setObject(2, subject.valueStreamId());
                ps.executeUpdate();
            }
        }
        List<Object> params = new ArrayList<>();
        params.add(subject.valueStreamId());
        String items = StatusTimeQueries.filter(subject, "f", params);
        run(c, "insert into stream_status_day (tenant_id, stream_id, day, flow_type, subtask, known, status_key, "
                + "state, started, seconds, items, leads, without_statuses) select t.tenant_id, ?, "
                + "(t.completion at time zone 'UTC')::date, t.flow_type, t.subtask, t.status is not null, "
                + "coalesce(t.status, ''), t.state, t.started, sum(t.seconds), count(*), count(*) filter (where t.lead), "
                + "count(*) filter (where t.lead and t.without_statuses) from flow_item f join completed_status_time t "
                + "on t.tenant_id = f.tenant_id and t.item_id = f.item_id where " + items
                + " group by 1, 3, 4, 5, 6, 7, 8, 9", params);
        run(c, "insert into stream_status_sum (tenant_id, stream_id, flow_type, subtask, known, status_key, state, "
                + "seconds, items, current_items, since_sum, leads, without_statuses) select t.tenant_id, ?, "
                + "t.flow_type, t.subtask, t.status is not null, coalesce(t.status, ''), t.state, sum(t.seconds), "
                + "count(*), count(*) filter (where t.current), coalesce(sum(t.since_second) filter (where t.current), 0), "
                + "count(*) filter (where t.lead), count(*) filter (where t.lead and t.without_statuses) "
                + "from flow_item f join load_status_time t on t.tenant_id = f.tenant_id and t.item_id = f.item_id "
                + "where " + items + " group by 1, 3, 4, 5, 6, 7", params);
    }

    private static void run(Connection c, String sql, List<Object> params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int k = 0; k < params.size(); k++) {
                Object p = params.get(k);
                ps.setObject(k + 1, p instanceof String[] a ? c.createArrayOf("text", a) : p);
            }
            ps.executeUpdate();
        }
    }
}
