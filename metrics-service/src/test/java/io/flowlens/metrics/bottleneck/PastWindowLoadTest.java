package io.flowlens.metrics.bottleneck;

import static io.flowlens.metrics.Fixtures.as;
import static io.flowlens.metrics.Fixtures.awaitDayCounts;
import static io.flowlens.metrics.Fixtures.deletion;
import static io.flowlens.metrics.Fixtures.newTenant;
import static io.flowlens.metrics.Fixtures.post;
import static io.flowlens.metrics.Fixtures.valueStream;
import static io.flowlens.metrics.bottleneck.TimeInStatusResourceTest.item;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.flowlens.common.identity.Roles;
import io.flowlens.metrics.flow.FlowService;
import io.flowlens.metrics.timeline.Subject;
import io.flowlens.metrics.timeline.TimelineStore;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The load at a {@code to} in the past: the items in progress at {@code to} that changed since are
 * found by the spell of their exit from the load that holds {@code to} (V16) or by their kept row
 * changed since; the answer must be the rules applied to the whole timelines. Hand-made items
 * around one past instant (completed, canceled, moved back, reopened, re-statused after it, left
 * exactly at it, entered exactly at it, created after it, deleted, a sub-task, another project),
 * every instant of their timelines (and a millisecond either side) as {@code to}; and V16's fill of
 * `entered` equals what the write path stores.
 */
@QuarkusTest
class PastWindowLoadTest {

    static final String TO = "2025-06-01T00:00:00Z";

    @Inject
    StatusTimeQueries queries;

    @Inject
    FlowService flow;

    @Inject
    TimelineStore store;

    static Map<String, Object> subtask(Map<String, Object> event) {
        @SuppressWarnings("unchecked")
        Map<String, Object> it = new HashMap<>((Map<String, Object>) event.get("item"));
        it.put("hierarchy", "subtask");
        Map<String, Object> out = new HashMap<>(event);
        out.put("item", it);
        return out;
    }

    static Map<String, Object> labelled(Map<String, Object> event, String label) {
        @SuppressWarnings("unchecked")
        Map<String, Object> it = new HashMap<>((Map<String, Object>) event.get("item"));
        it.put("labels", List.of(label));
        Map<String, Object> out = new HashMap<>(event);
        out.put("item", it);
        return out;
    }

    @SuppressWarnings("unchecked")
    @Test
    void theLoadAtAPastToIsTheRulesOnWholeTimelines() throws Exception {
        String t = newTenant();
        List<Map<String, Object>> events = new ArrayList<>(List.of(
                // In progress at TO, completed after it.
                item(t, "a", "shop", "feature", "2025-04-01T00:00:00Z",
                        "2025-05-01T00:00:00Z", "active", "In Progress", "2025-05-20T00:00:00Z", "waiting", "In Review",
                        "2025-06-10T00:00:00Z", "done", "Done"),
                // Done before TO: not in its load.
                item(t, "b", "shop", "defect", "2025-04-01T00:00:00Z",
                        "2025-05-01T00:00:00Z", "active", "In Progress", "2025-05-10T00:00:00Z", "done", "Done"),
                // Done at TO, reopened after it and in progress now: not in its load.
                item(t, "c", "shop", "feature", "2025-04-01T00:00:00Z",
                        "2025-05-01T00:00:00Z", "active", "In Progress", "2025-05-20T00:00:00Z", "done", "Done",
                        "2025-06-05T00:00:00Z", "active", "In Progress"),
                // In progress at TO, done after it, reopened and in progress now (both ways found).
                item(t, "d", "shop", "debt", "2025-04-01T00:00:00Z",
                        "2025-05-02T00:00:00Z", "active", "In Progress", "2025-06-03T00:00:00Z", "done", "Done",
                        "2025-06-10T00:00:00Z", "waiting", "Blocked"),
                // Created after TO.
                item(t, "e", "shop", "feature", "2025-06-02T00:00:00Z",
                        "2025-06-05T00:00:00Z", "active", "In Progress"),
                // In progress at TO, deleted since.
                item(t, "f", "shop", "feature", "2025-04-01T00:00:00Z",
                        "2025-05-01T00:00:00Z", "active", "In Progress", "2025-06-10T00:00:00Z", "done", "Done"),
                // In progress at TO, another status since, still in progress (its kept row changed since).
                item(t, "g", "shop", "risk", "2025-04-01T00:00:00Z",
                        "2025-05-03T00:00:00Z", "active", "In Progress", "2025-06-05T00:00:00Z", "waiting", "In Review"),
                // In progress at TO, unchanged since (the kept rows alone).
                item(t, "h", "shop", "feature", "2025-04-01T00:00:00Z",
                        "2025-05-04T00:00:00Z", "waiting", "Blocked"),
                // Left the load exactly at TO: in it just before.
                item(t, "i", "shop", "defect", "2025-04-01T00:00:00Z",
                        "2025-05-05T00:00:00Z", "active", "In Progress", TO, "done", "Done"),
                // Entered the load exactly at TO: not in it just before.
                item(t, "j", "shop", "defect", "2025-04-01T00:00:00Z", TO, "active", "In Progress",
                        "2025-06-20T00:00:00Z", "done", "Done"),
                // In progress at TO, canceled after it (no completion).
                item(t, "k", "shop", "feature", "2025-04-01T00:00:00Z",
                        "2025-05-06T00:00:00Z", "active", "In Progress", "2025-06-02T00:00:00Z", "canceled", "Won't Do"),
                // In progress at TO, moved back to new after it.
                item(t, "l", "shop", "feature", "2025-04-01T00:00:00Z",
                        "2025-05-07T00:00:00Z", "active", "In Progress", "2025-06-02T00:00:00Z", "new", "To Do"),
                // Two spells before TO, the second holding it; done after it.
                item(t, "n", "shop", "debt", "2025-03-01T00:00:00Z",
                        "2025-03-02T00:00:00Z", "active", "In Progress", "2025-03-05T00:00:00Z", "done", "Done",
                        "2025-05-08T00:00:00Z", "active", "In Progress", "2025-05-08T00:00:00Z", "waiting", "Blocked",
                        "2025-06-04T00:00:00Z", "done", "Done"),
                // Another project, in progress at TO and done after it: the portfolio's only.
                item(t, "w", "web", "feature", "2025-04-01T00:00:00Z",
                        "2025-05-01T00:00:00Z", "active", "In Progress", "2025-06-10T00:00:00Z", "done", "Done")));
        // A sub-task in progress at TO, done after it: counted only where sub-tasks are.
        events.add(subtask(item(t, "m", "shop", "feature", "2025-04-01T00:00:00Z",
                "2025-05-01T00:00:00Z", "active", "In Progress", "2025-06-10T00:00:00Z", "done", "Done")));
        for (int k = 0; k < events.size(); k++) {
            if (k % 2 == 0) {
                events.set(k, labelled(events.get(k), "x"));
            }
        }
        post(events.toArray(Map[]::new));
        post(deletion(t, "f", 2, "c1"));

        String shop = valueStream(t, "Shop", "UTC", List.of(Map.of("connectionId", "c1", "project", "shop")));
        String label = valueStream(t, "Label x", "UTC",
                List.of(Map.of("connectionId", "c1", "project", "shop", "labels", List.of("x"))));
        awaitDayCounts(t, label);
        List<Subject> subjects = new ArrayList<>();
        for (String s : List.of(shop, label)) {
            Subject plain = flow.valueStream(t, UUID.fromString(s));
            subjects.add(plain);
            subjects.add(new Subject(plain.tenantId(), plain.zone(), plain.scopes(), plain.valueStreamId(),
                    plain.name(), true));
        }
        subjects.add(flow.portfolio(t, null));

        // In the load just before TO: a d g h i k l n (shop), m (sub-task), w (web).
        Instant to = Instant.parse(TO);
        assertEquals(8, queries.loadAt(subjects.get(0), to).all().items(), "shop at TO");
        assertEquals(9, queries.loadAt(subjects.get(1), to).all().items(), "shop with sub-tasks at TO");
        assertEquals(9, queries.loadAt(subjects.get(4), to).all().items(), "portfolio at TO");
        as(t, Roles.READER).get("/api/v1/value-streams/" + shop + "/time-in-status?from=2025-03-03&to=2025-06-01")
                .then().statusCode(200).body("load.items", equalTo(8));
        as(t, Roles.READER).get("/api/v1/portfolio/time-in-status?from=2025-03-03&to=2025-06-01")
                .then().statusCode(200).body("load.items", equalTo(9));

        // Every instant of the timelines, and either side of it, as `to`.
        TreeSet<Instant> tos = new TreeSet<>();
        for (Map<String, Object> e : events) {
            for (Map<String, Object> tr : (List<Map<String, Object>>) ((Map<String, Object>) e.get("item"))
                    .get("transitions")) {
                Instant at = Instant.parse((String) tr.get("at"));
                tos.add(at);
                tos.add(at.minusMillis(1));
                tos.add(at.plusMillis(1));
            }
        }
        tos.add(to.plus(Duration.ofDays(15)));
        int seen = 0;
        for (Instant at : tos) {
            for (Subject s : subjects) {
                StatusTotals.Totals rules = queries.fromTimelines(s, at.minus(Duration.ofDays(90)), at)[1];
                assertEquals(rules, queries.loadAt(s, at), s.name() + " subtasks " + s.countSubtasks() + " at " + at);
                seen += rules.all().items();
            }
        }
        assertTrue(seen > 0);

        // Kept rows without a work start (written by the version before V17 during a rolling
        // upgrade) are probed whatever `to`: the same answers.
        try (Connection c = store.connection(); PreparedStatement ps = c.prepareStatement(
                "update load_status_time set work_start = null where tenant_id = ?")) {
            ps.setString(1, t);
            assertTrue(ps.executeUpdate() > 0);
        }
        for (Instant at : tos) {
            for (Subject s : subjects) {
                StatusTotals.Totals rules = queries.fromTimelines(s, at.minus(Duration.ofDays(90)), at)[1];
                assertEquals(rules, queries.loadAt(s, at), "no work start: " + s.name() + " at " + at);
            }
        }
    }

    /** V16's copy of the changes stored before it gives `entered` exactly as the write path stores it. */
    @Test
    void theMigrationFillsEnteredAsTheWritePathDoes() throws Exception {
        String t = newTenant();
        post(item(t, "a", "shop", "feature", "2025-04-01T00:00:00Z",
                "2025-05-01T00:00:00Z", "active", "In Progress", "2025-05-02T00:00:00Z", "waiting", "Blocked",
                "2025-05-03T00:00:00Z", "done", "Done", "2025-05-04T00:00:00Z", "active", "In Progress",
                "2025-05-05T00:00:00Z", "new", "To Do", "2025-05-06T00:00:00Z", "active", "In Progress"),
                item(t, "b", "shop", "feature", "2025-04-01T00:00:00Z",
                        "2025-05-01T00:00:00Z", "active", "In Progress", "2025-05-01T00:00:00Z", "done", "Done",
                        "2025-05-02T00:00:00Z", "waiting", "Blocked", "2025-05-03T00:00:00Z", "canceled", "Won't Do"));
        String fill;
        try (InputStream in = getClass().getResourceAsStream("/db/migration/V16__load_spells.sql")) {
            String migration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int start = migration.indexOf("select tenant_id, item_id, at, delta,");
            fill = migration.substring(start, migration.indexOf(';', start)).replace("load_change_v7", "load_change");
        }
        String rows = "select item_id || ' ' || at || ' ' || delta || ' ' || coalesce(entered::text, '-') "
                + "from load_change where tenant_id = ? order by 1";
        try (Connection c = store.connection()) {
            c.setAutoCommit(false);
            try {
                List<String> kept = StoredBeforeStatusesAreFilledByTheMigrationTest.rows(c, rows, t);
                // a: +1, -1 (done), +1, -1 (new), +1; b: +1 at its waiting, -1 at its cancel.
                assertEquals(7, kept.size(), kept.toString());
                assertEquals(3, kept.stream().filter(r -> r.contains(" -1 ") && !r.endsWith(" -")).count(),
                        kept.toString());
                try (Statement s = c.createStatement()) {
                    s.execute("create temporary table v16_filled on commit drop as " + fill);
                }
                assertEquals(kept, StoredBeforeStatusesAreFilledByTheMigrationTest.rows(c,
                        rows.replace("from load_change", "from v16_filled"), t));
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }
    /**
     * V17's copy of the kept load rows gives each the work start flow_item has, as the write path
     * stores it beside them; and the write path's is flow_item's for every kept row.
     */
    @Test
    void theMigrationFillsWorkStartAsTheWritePathDoes() throws Exception {
        String t = newTenant();
        post(item(t, "a", "shop", "feature", "2025-04-01T00:00:00Z",
                "2025-05-01T00:00:00Z", "active", "In Progress", "2025-05-02T00:00:00Z", "waiting", "Blocked",
                "2025-05-03T00:00:00Z", "done", "Done", "2025-05-04T00:00:00Z", "active", "In Progress"),
                item(t, "b", "shop", "feature", "2025-04-01T00:00:00Z",
                        "2025-05-01T00:00:00Z", "waiting", "Blocked", "2025-05-02T00:00:00Z", "active", "Review"),
                item(t, "c", "shop", "defect", "2025-04-01T00:00:00Z",
                        "2025-05-01T00:00:00Z", "active", "In Progress", "2025-05-02T00:00:00Z", "done", "Done"));
        String fill;
        try (InputStream in = getClass().getResourceAsStream("/db/migration/V17__load_work_start.sql")) {
            String migration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int start = migration.indexOf("select s.tenant_id, s.item_id,");
            fill = migration.substring(start, migration.indexOf(';', start)).replace("load_status_time_v11",
                    "load_status_time");
        }
        String rows = "select item_id || ' ' || coalesce(status, '-') || ' ' || coalesce(work_start::text, '-') "
                + "from load_status_time where tenant_id = ? order by 1";
        try (Connection c = store.connection()) {
            c.setAutoCommit(false);
            try {
                List<String> kept = StoredBeforeStatusesAreFilledByTheMigrationTest.rows(c, rows, t);
                // a (reopened): In Progress, Blocked, Done; b: Blocked, Review; all started 2025-05-01; c: done.
                assertEquals(5, kept.size(), kept.toString());
                assertEquals(5, kept.stream().filter(r -> r.endsWith(" 2025-05-01 00:00:00+00")).count(),
                        kept.toString());
                assertEquals(List.of(), StoredBeforeStatusesAreFilledByTheMigrationTest.rows(c,
                        "select s.item_id from load_status_time s left join flow_item f on f.tenant_id = s.tenant_id "
                                + "and f.item_id = s.item_id where s.tenant_id = ? "
                                + "and s.work_start is distinct from f.work_start", t));
                try (Statement s = c.createStatement()) {
                    s.execute("create temporary table v17_filled on commit drop as " + fill);
                }
                assertEquals(kept, StoredBeforeStatusesAreFilledByTheMigrationTest.rows(c,
                        rows.replace("from load_status_time", "from v17_filled"), t));
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }
}
