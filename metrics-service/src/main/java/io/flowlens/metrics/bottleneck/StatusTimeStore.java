package io.flowlens.metrics.bottleneck;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.flowlens.metrics.timeline.StoredItem;

/**
 * The write path of time in status: whenever an item's event is applied, its rows in
 * {@code completed_status_time} (done now) and {@code load_status_time} (in the load now) are
 * replaced by what {@link TimeInStatus} gives on its new timeline, in the same transaction.
 */
@ApplicationScoped
public class StatusTimeStore {

    private static final String INSERT_COMPLETED = "insert into completed_status_time (tenant_id, item_id, "
            + "connection_id, project, flow_type, subtask, completion, status, state, seconds, lead, without_statuses, "
            + "started) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_LOAD = "insert into load_status_time (tenant_id, item_id, connection_id, "
            + "project, flow_type, subtask, since, since_second, status, state, seconds, current, lead, "
            + "without_statuses) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** Replaces the rows of the written items (a deleted item keeps none). */
    public void replace(Connection c, String tenantId, List<StoredItem> items) throws SQLException {
        if (items.isEmpty()) {
            return;
        }
        Object[] ids = items.stream().map(StoredItem::itemId).toArray();
        for (String table : new String[] { "completed_status_time", "load_status_time" }) {
            try (PreparedStatement ps = c.prepareStatement("delete from " + table
                    + " where tenant_id = ? and item_id = any(?)")) {
                ps.setString(1, tenantId);
                ps.setArray(2, c.createArrayOf("text", ids));
                ps.executeUpdate();
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
                List<TimeInStatus.Step> steps = TimeInStatus.steps(item.createdAt(), item.transitions(),
                        item.statuses());
                TimeInStatus.ItemTime completed = TimeInStatus.completed(steps);
                if (completed != null) {
                    doneRows += completedRows(done, tenantId, item, TimeInStatus.completion(steps), completed);
                    continue;
                }
                TimeInStatus.Open open = TimeInStatus.open(steps);
                if (open != null) {
                    loadRows += loadRows(load, tenantId, item, open);
                }
            }
            if (doneRows > 0) {
                done.executeBatch();
            }
            if (loadRows > 0) {
                load.executeBatch();
            }
        }
    }

    private static int completedRows(PreparedStatement ps, String tenantId, StoredItem item,
            java.time.Instant completion, TimeInStatus.ItemTime time) throws SQLException {
        if (!time.started()) {
            // Left out of time in status, as of flow time; one row so it is counted as left out.
            common(ps, tenantId, item);
            ps.setObject(7, OffsetDateTime.ofInstant(completion, ZoneOffset.UTC));
            ps.setString(8, null);
            ps.setString(9, "done");
            ps.setLong(10, 0);
            ps.setBoolean(11, true);
            ps.setBoolean(12, false);
            ps.setBoolean(13, false);
            ps.addBatch();
            return 1;
        }
        boolean lead = true;
        for (Map.Entry<StatusKey, Long> e : time.seconds().entrySet()) {
            common(ps, tenantId, item);
            ps.setObject(7, OffsetDateTime.ofInstant(completion, ZoneOffset.UTC));
            ps.setString(8, e.getKey().status());
            ps.setString(9, e.getKey().state().wire());
            ps.setLong(10, e.getValue());
            ps.setBoolean(11, lead);
            ps.setBoolean(12, time.withoutStatuses());
            ps.setBoolean(13, true);
            ps.addBatch();
            lead = false;
        }
        return time.seconds().size();
    }

    private static int loadRows(PreparedStatement ps, String tenantId, StoredItem item, TimeInStatus.Open open)
            throws SQLException {
        Map<StatusKey, Long> rows = new java.util.TreeMap<>(StatusKey.ORDER);
        rows.putAll(open.closed());
        rows.putIfAbsent(open.current(), 0L);
        boolean lead = true;
        for (Map.Entry<StatusKey, Long> e : rows.entrySet()) {
            common(ps, tenantId, item);
            ps.setObject(7, OffsetDateTime.ofInstant(open.since(), ZoneOffset.UTC));
            ps.setLong(8, open.since().getEpochSecond());
            ps.setString(9, e.getKey().status());
            ps.setString(10, e.getKey().state().wire());
            ps.setLong(11, e.getValue());
            ps.setBoolean(12, e.getKey().equals(open.current()));
            ps.setBoolean(13, lead);
            ps.setBoolean(14, open.withoutStatuses());
            ps.addBatch();
            lead = false;
        }
        return rows.size();
    }

    private static void common(PreparedStatement ps, String tenantId, StoredItem item) throws SQLException {
        ps.setString(1, tenantId);
        ps.setString(2, item.itemId());
        ps.setString(3, item.connectionId());
        ps.setString(4, item.project());
        ps.setString(5, item.flowType().wire());
        ps.setBoolean(6, item.subtask());
    }
}
