package io.flowlens.metrics.bottleneck;

import static io.flowlens.metrics.Fixtures.newTenant;
import static io.flowlens.metrics.Fixtures.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.flowlens.metrics.timeline.TimelineStore;
import io.quarkus.test.junit.QuarkusTest;

/**
 * V11 fills the time-in-status tables for the items stored before it (events without statuses)
 * in SQL; what it fills must be what the write path keeps for the same items. Checked on random
 * timelines without statuses: the rows the write path kept are taken away, the migration's fill
 * is run again (in a transaction rolled back afterwards), and both are compared.
 */
@QuarkusTest
class StoredBeforeStatusesAreFilledByTheMigrationTest {

    static final String[] TABLES = { "completed_status_time", "load_status_time", "completed_status_day",
            "load_status_sum" };
    /**
     * Every column but `lead` (and the sums' `without_statuses`, counted on the lead row): which row
     * of an item leads may differ; only their count per item and per type is read.
     */
    static final Map<String, String> COLUMNS = Map.of(
            "completed_status_time", "item_id, connection_id, project, flow_type, subtask, completion, status, state, "
                    + "seconds, without_statuses, started",
            "load_status_time", "item_id, connection_id, project, flow_type, subtask, since, since_second, status, "
                    + "state, seconds, current, without_statuses",
            "completed_status_day", "connection_id, project, day, flow_type, subtask, known, status_key, state, "
                    + "started, seconds, items",
            "load_status_sum", "connection_id, project, flow_type, subtask, known, status_key, state, seconds, items, "
                    + "current_items, since_sum");
    static final Map<String, String> LEADS = Map.of(
            "completed_status_time", "select item_id || '/' || count(*) filter (where lead) from completed_status_time "
                    + "where tenant_id = ? group by item_id",
            "load_status_time", "select item_id || '/' || count(*) filter (where lead) from load_status_time "
                    + "where tenant_id = ? group by item_id",
            "completed_status_day", "select connection_id || '/' || flow_type || '/' || sum(leads) || '/' "
                    + "|| sum(without_statuses) from "
                    + "completed_status_day where tenant_id = ? group by connection_id, flow_type",
            "load_status_sum", "select connection_id || '/' || flow_type || '/' || sum(leads) || '/' "
                    + "|| sum(without_statuses) from load_status_sum "
                    + "where tenant_id = ? group by connection_id, flow_type");

    @Inject
    TimelineStore store;

    @Test
    @SuppressWarnings("unchecked")
    void theMigrationsFillEqualsTheWritePath() throws Exception {
        String t = newTenant();
        SplittableRandom r = new SplittableRandom(20261130L);
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            // KeptStatusTimesMatchTheRulesTest's random items, their statuses taken away.
            Map<String, Object> e = KeptStatusTimesMatchTheRulesTest.randomItem(r, t, i, 1);
            Map<String, Object> item = (Map<String, Object>) e.get("item");
            for (Object tr : (List<Object>) item.get("transitions")) {
                ((Map<String, Object>) tr).remove("status");
            }
            events.add(e);
        }
        post(events.toArray(Map[]::new));
        String fill;
        try (InputStream in = getClass().getResourceAsStream("/db/migration/V11__time_in_status.sql")) {
            String migration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            fill = migration.substring(migration.indexOf("create temporary table v11_per_state"));
        }
        try (Connection c = store.connection()) {
            c.setAutoCommit(false);
            try {
                Map<String, List<String>> kept = snapshot(c, t);
                assertTrue(kept.get("completed_status_time").size() > 20 && kept.get("load_status_time").size() > 5,
                        "the random items give completions and load");
                try (Statement s = c.createStatement()) {
                    for (String table : TABLES) {
                        s.execute("delete from " + table); // every tenant: the fill inserts for all of them
                    }
                    s.execute(fill);
                }
                Map<String, List<String>> filled = snapshot(c, t);
                for (String table : TABLES) {
                    assertEquals(kept.get(table), filled.get(table), table);
                    assertEquals(kept.get(table + " leads"), filled.get(table + " leads"), table + " leads");
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    static Map<String, List<String>> snapshot(Connection c, String tenant) throws SQLException {
        Map<String, List<String>> out = new java.util.HashMap<>();
        for (String table : TABLES) {
            String columns = COLUMNS.get(table);
            out.put(table, rows(c, "select concat_ws('|', " + columns + ") from " + table
                    + " where tenant_id = ? and (" + (table.endsWith("_day") || table.endsWith("_sum")
                            ? "items <> 0 or seconds <> 0" : "true") + ") order by 1", tenant));
            out.put(table + " leads", rows(c, LEADS.get(table) + " order by 1", tenant));
        }
        return out;
    }

    static List<String> rows(Connection c, String sql, String tenant) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
