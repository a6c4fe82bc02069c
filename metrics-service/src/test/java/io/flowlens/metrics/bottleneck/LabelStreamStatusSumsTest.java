package io.flowlens.metrics.bottleneck;

import static io.flowlens.metrics.Fixtures.as;
import static io.flowlens.metrics.Fixtures.awaitDayCounts;
import static io.flowlens.metrics.Fixtures.deletion;
import static io.flowlens.metrics.Fixtures.newTenant;
import static io.flowlens.metrics.Fixtures.post;
import static io.flowlens.metrics.Fixtures.valueStream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.flowlens.common.identity.Roles;
import io.flowlens.metrics.flow.FlowService;
import io.flowlens.metrics.timeline.Subject;
import io.flowlens.metrics.timeline.TimelineStore;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A value stream narrowed by labels answers time in status from sums of its own once they are
 * prepared: the same answer, to the second, as the rules on the whole timelines and as the rows
 * per item (its answer while it is being prepared). Hand-made items cover reopening, waiting,
 * statuses no mapping covered, items without statuses, an item done without start, items still in
 * progress and sub-tasks; labels are added to and removed from items after the stream exists, items
 * move project and are deleted; one stream exists before the items (its sums kept by the write
 * path), one is created after them (prepared by the job), and both must hold the same rows.
 */
@QuarkusTest
class LabelStreamStatusSumsTest {

    @Inject
    StatusTimeQueries queries;

    @Inject
    FlowService flow;

    @Inject
    TimelineStore store;

    /** An upsert whose transitions are (instant, state, status) triples; a null status is left out. */
    static Map<String, Object> item(String tenant, String id, long revision, String project, String type,
            List<String> labels, boolean subtask, String created, String... triples) {
        List<Map<String, Object>> ts = new ArrayList<>();
        for (int k = 0; k < triples.length; k += 3) {
            Map<String, Object> t = new HashMap<>(Map.of("at", triples[k], "state", triples[k + 1]));
            if (triples[k + 2] != null) {
                t.put("status", triples[k + 2]);
            }
            ts.add(t);
        }
        Map<String, Object> it = new HashMap<>(Map.of("itemId", id, "connectionId", "c1", "project", project, "key",
                id.toUpperCase(), "title", "Item " + id, "flowType", type, "labels", labels, "createdAt", created,
                "transitions", ts));
        if (subtask) {
            it.put("hierarchy", "subtask");
        }
        return Map.of("eventId", UUID.randomUUID().toString(), "tenantId", tenant, "type", "item.upserted",
                "revision", revision, "emittedAt", "2026-01-05T10:00:00Z", "item", it);
    }

    static List<Map<String, Object>> firstRevisions(String t) {
        List<String> x = List.of("x");
        return List.of(
                item(t, "a", 1, "shop", "feature", x, false, "2025-06-01T00:00:00Z",
                        "2025-06-02T08:00:00Z", "active", "In Progress", "2025-06-03T00:00:00Z", "waiting", "In Review",
                        "2025-06-04T12:00:00Z", "active", "In Progress", "2025-06-05T00:00:00Z", "done", "Done"),
                // Reopened through statuses no mapping covered.
                item(t, "b", 1, "shop", "feature", List.of("x", "y"), false, "2025-05-31T00:00:00Z",
                        "2025-06-01T00:00:00Z", "active", "In Progress", "2025-06-02T00:00:00Z", "done", "Done",
                        "2025-06-03T00:00:00Z", "new", "Reopened", "2025-06-04T00:00:00Z", "active", "In Progress",
                        "2025-06-05T00:00:00Z", "waiting", "Waiting for Legal", "2025-06-06T07:30:00Z", "done", "Done"),
                // Done without being started: left out, counted.
                item(t, "c", 1, "shop", "defect", x, false, "2025-06-01T00:00:00Z", "2025-06-03T00:00:00Z", "done",
                        "Done"),
                // Without statuses (an older producer), still in progress.
                item(t, "d", 1, "shop", "feature", x, false, "2025-06-01T00:00:00Z",
                        "2025-06-02T00:00:00Z", "active", null, "2025-06-04T00:00:00Z", "waiting", null),
                // In progress; gets label x later.
                item(t, "e", 1, "shop", "risk", List.of("y"), false, "2025-06-01T00:00:00Z",
                        "2025-06-05T12:00:00Z", "active", "In Progress"),
                // Done; loses label x later.
                item(t, "f", 1, "shop", "defect", x, false, "2025-06-01T00:00:00Z",
                        "2025-06-02T00:00:00Z", "active", "Doing", "2025-06-04T00:00:00Z", "done", "Done"),
                // A sub-task, done.
                item(t, "g", 1, "shop", "feature", x, true, "2025-06-01T00:00:00Z",
                        "2025-06-02T00:00:00Z", "waiting", "Parked", "2025-06-03T06:00:00Z", "done", "Done"),
                // Another project: not in the stream, then moved into it.
                item(t, "h", 1, "web", "defect", x, false, "2025-06-01T00:00:00Z",
                        "2025-06-02T00:00:00Z", "active", "Doing", "2025-06-06T00:00:00Z", "done", "Done"),
                // In progress, deleted later.
                item(t, "i", 1, "shop", "debt", x, false, "2025-06-01T00:00:00Z",
                        "2025-06-03T00:00:00Z", "active", "In Progress", "2025-06-04T00:00:00Z", "waiting", "Blocked"),
                // Without the label: never in the stream.
                item(t, "j", 1, "shop", "feature", List.of("z"), false, "2025-06-01T00:00:00Z",
                        "2025-06-02T00:00:00Z", "active", "In Progress", "2025-06-05T00:00:00Z", "done", "Done"));
    }

    static List<Map<String, Object>> laterRevisions(String t) {
        List<String> x = List.of("x");
        return List.of(
                // Label x added; and it moved on since.
                item(t, "e", 2, "shop", "risk", List.of("y", "x"), false, "2025-06-01T00:00:00Z",
                        "2025-06-05T12:00:00Z", "active", "In Progress", "2025-06-06T00:00:00Z", "waiting", "Blocked"),
                // Label x removed.
                item(t, "f", 2, "shop", "defect", List.of(), false, "2025-06-01T00:00:00Z",
                        "2025-06-02T00:00:00Z", "active", "Doing", "2025-06-04T00:00:00Z", "done", "Done"),
                // Moved into the stream's project, reopened and in progress again.
                item(t, "h", 2, "shop", "defect", x, false, "2025-06-01T00:00:00Z",
                        "2025-06-02T00:00:00Z", "active", "Doing", "2025-06-06T00:00:00Z", "done", "Done",
                        "2025-06-06T18:00:00Z", "active", "Doing"),
                deletion(t, "i", 2, "c1"),
                // Still labelled, one more status: the old rows out, the new ones in.
                item(t, "a", 2, "shop", "feature", x, false, "2025-06-01T00:00:00Z",
                        "2025-06-02T08:00:00Z", "active", "In Progress", "2025-06-03T00:00:00Z", "waiting", "In Review",
                        "2025-06-04T12:00:00Z", "active", "QA", "2025-06-05T00:00:00Z", "done", "Done"));
    }

    static final List<Map<String, Object>> SCOPES = List.of(
            Map.of("connectionId", "c1", "project", "shop", "labels", List.of("x")),
            Map.of("connectionId", "c1", "project", "web", "labels", List.of("x", "q"), "flowTypes", List.of("defect")));

    @Test
    @SuppressWarnings("unchecked")
    void keptAndPreparedSumsAnswerAsTheRulesAndTheRowsPerItem() throws Exception {
        String t = newTenant();
        String before = valueStream(t, "Before", "Europe/Berlin", SCOPES);
        awaitDayCounts(t, before);
        post(firstRevisions(t).toArray(Map[]::new));
        post(laterRevisions(t).toArray(Map[]::new));
        String after = valueStream(t, "After", "Europe/Berlin", SCOPES);
        awaitDayCounts(t, after);

        assertEquals(rows(t, before), rows(t, after), "sums kept by the write path = sums prepared by the job");
        assertTrue(rows(t, before).size() > 10, "the stream has sums of its own");

        List<Instant[]> windows = new ArrayList<>();
        windows.add(new Instant[] { Instant.parse("2025-06-01T00:00:00Z"), Instant.parse("2025-06-08T00:00:00Z") });
        windows.add(new Instant[] { Instant.parse("2025-05-31T22:00:00Z"), Instant.parse("2025-06-07T22:00:00Z") });
        windows.add(new Instant[] { Instant.parse("2025-06-02T10:00:00Z"), Instant.parse("2025-06-05T23:59:59Z") });
        windows.add(new Instant[] { Instant.parse("2025-06-04T00:00:00Z"), Instant.parse("2025-06-04T13:00:00Z") });
        windows.add(new Instant[] { Instant.parse("2025-06-01T00:00:00Z"), Instant.parse("2030-01-01T00:00:00Z") });
        SplittableRandom r = new SplittableRandom(20261130L);
        for (int w = 0; w < 10; w++) {
            Instant from = Instant.parse("2025-05-30T00:00:00Z").plusSeconds(r.nextLong(9L * 24 * 3600));
            windows.add(new Instant[] { from, from.plus(Duration.ofSeconds(r.nextLong(1, 6L * 24 * 3600))) });
        }
        int completedSeen = 0;
        int loadSeen = 0;
        for (String id : List.of(before, after)) {
            Subject plain = flow.valueStream(t, UUID.fromString(id));
            for (boolean subtasks : new boolean[] { false, true }) {
                Subject s = new Subject(t, plain.zone(), plain.scopes(), plain.valueStreamId(), plain.name(), subtasks);
                // The same scopes without sums of their own (no such stream): the rows per item.
                Subject rowsOnly = new Subject(t, plain.zone(), plain.scopes(), UUID.randomUUID(), plain.name(),
                        subtasks);
                for (Instant[] window : windows) {
                    String what = s.name() + " subtasks " + subtasks + ", [" + window[0] + ", " + window[1] + ")";
                    StatusTotals.Totals[] rules = queries.fromTimelines(s, window[0], window[1]);
                    assertEquals(rules[0], queries.completed(s, window[0], window[1]), what + " completed");
                    assertEquals(rules[1], queries.loadAt(s, window[1]), what + " load at to");
                    assertEquals(rules[0], queries.completed(rowsOnly, window[0], window[1]), what + " rows, completed");
                    assertEquals(rules[1], queries.loadAt(rowsOnly, window[1]), what + " rows, load at to");
                    completedSeen += rules[0].all().items();
                    loadSeen += rules[1].all().items();
                }
            }
        }
        assertTrue(completedSeen > 0 && loadSeen > 0, "the windows saw completions and load");

        // Its scopes replaced: its sums go and are prepared again, for the new scopes only; and the
        // write path keeps them from then on.
        List<Map<String, Object>> other = List.of(Map.of("connectionId", "c1", "project", "shop", "labels",
                List.of("y", "z")));
        as(t, Roles.MEMBER).contentType(ContentType.JSON)
                .body(Map.of("name", "After", "timeZone", "UTC", "scopes", other))
                .when().put("/api/v1/value-streams/" + after).then().statusCode(200);
        awaitDayCounts(t, after);
        post(item(t, "j", 2, "shop", "feature", List.of("z", "x"), false, "2025-06-01T00:00:00Z",
                "2025-06-02T00:00:00Z", "active", "In Progress", "2025-06-05T00:00:00Z", "waiting", "In Review"));
        String fresh = valueStream(t, "Fresh", "UTC", other);
        awaitDayCounts(t, fresh);
        assertEquals(rows(t, fresh), rows(t, after), "replaced scopes: the sums of the new scopes alone");
        Subject replaced = flow.valueStream(t, UUID.fromString(after));
        for (Instant[] window : windows) {
            StatusTotals.Totals[] rules = queries.fromTimelines(replaced, window[0], window[1]);
            assertEquals(rules[0], queries.completed(replaced, window[0], window[1]), "replaced, completed");
            assertEquals(rules[1], queries.loadAt(replaced, window[1]), "replaced, load at to");
        }
        assertEquals(rows(t, before), migrationsFill(t, before), "kept = V14's fill");

        // A hand-checked figure: the week's completions of the stream without sub-tasks are a, b
        // and h is in progress again; c left out; f lost its label.
        Subject s = flow.valueStream(t, UUID.fromString(before));
        StatusTotals.Totals week = queries.completed(s, Instant.parse("2025-06-01T00:00:00Z"),
                Instant.parse("2025-06-08T00:00:00Z"));
        assertEquals(2, week.all().items(), "a and b");
    }

    @Test
    @SuppressWarnings("unchecked")
    void randomTimelinesWithLabelsChangingAfterTheStreamExists() throws Exception {
        for (long seed : new long[] { 7L, System.nanoTime() }) {
            SplittableRandom r = new SplittableRandom(seed);
            String t = newTenant();
            List<Map<String, Object>> streamScopes = List.of(
                    Map.of("connectionId", "c1", "project", "shop", "labels", List.of("a", "b")),
                    Map.of("connectionId", "c1", "project", "web", "labels", List.of("c"), "flowTypes",
                            List.of("defect", "debt")));
            String before = valueStream(t, "Before", "UTC", streamScopes);
            awaitDayCounts(t, before);
            List<Map<String, Object>> events = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                events.add(KeptStatusTimesMatchTheRulesTest.randomItem(r, t, i, 1));
            }
            post(events.toArray(Map[]::new));
            for (long revision = 2; revision <= 3; revision++) {
                List<Map<String, Object>> late = new ArrayList<>();
                for (int i = 0; i < 120; i += 3) {
                    late.add(r.nextInt(6) == 0 ? deletion(t, "i" + i, revision, "c1")
                            : KeptStatusTimesMatchTheRulesTest.randomItem(r, t, i, revision));
                }
                post(late.toArray(Map[]::new));
            }
            String after = valueStream(t, "After", "UTC", streamScopes);
            awaitDayCounts(t, after);
            assertEquals(rows(t, before), rows(t, after), "seed " + seed + ": kept = prepared");
            assertEquals(rows(t, before), migrationsFill(t, before), "seed " + seed + ": kept = V14's fill");
            Subject s = flow.valueStream(t, UUID.fromString(before));
            for (int w = 0; w < 12; w++) {
                Instant from = KeptStatusTimesMatchTheRulesTest.BASE
                        .plus(Duration.ofSeconds(r.nextLong(-10L * 24 * 3600, 80L * 24 * 3600)));
                Instant to = from.plus(Duration.ofSeconds(r.nextLong(1, 40L * 24 * 3600)));
                for (boolean subtasks : new boolean[] { false, true }) {
                    Subject one = new Subject(t, s.zone(), s.scopes(), s.valueStreamId(), s.name(), subtasks);
                    String what = "seed " + seed + ", subtasks " + subtasks + ", [" + from + ", " + to + ")";
                    StatusTotals.Totals[] rules = queries.fromTimelines(one, from, to);
                    assertEquals(rules[0], queries.completed(one, from, to), what + " completed");
                    assertEquals(rules[1], queries.loadAt(one, to), what + " load at to");
                }
            }
        }
    }

    /**
     * What V14 fills for the streams ready before it, in SQL: its fill run again on every stream's
     * sums taken away, in a transaction rolled back afterwards.
     */
    List<String> migrationsFill(String tenant, String stream) throws Exception {
        String fill;
        try (InputStream in = getClass().getResourceAsStream("/db/migration/V14__stream_status_sums.sql")) {
            String migration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            fill = migration.substring(migration.indexOf("create temporary table v14_member"));
        }
        try (Connection c = store.connection()) {
            c.setAutoCommit(false);
            try {
                try (Statement st = c.createStatement()) {
                    st.execute("delete from stream_status_day");
                    st.execute("delete from stream_status_sum");
                    st.execute(fill);
                }
                return rows(c, tenant, stream);
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    /** A stream's own sums as text, without its id: the kept and the prepared must be the same rows. */
    List<String> rows(String tenant, String stream) throws SQLException {
        try (Connection c = store.connection()) {
            return rows(c, tenant, stream);
        }
    }

    static List<String> rows(Connection c, String tenant, String stream) throws SQLException {
        List<String> out = new ArrayList<>();
        {
            for (String sql : List.of("select 'day', day::text, flow_type, subtask::text, known::text, status_key, "
                    + "state, started::text, seconds::text, items::text, leads::text, without_statuses::text "
                    + "from stream_status_day where tenant_id = ? and stream_id = ? and (seconds, items, leads, "
                    + "without_statuses) <> (0, 0, 0, 0) order by 2, 3, 4, 5, 6, 7, 8",
                    "select 'load', flow_type, subtask::text, known::text, status_key, state, seconds::text, "
                            + "items::text, current_items::text, since_sum::text, leads::text, without_statuses::text "
                            + "from stream_status_sum where tenant_id = ? and stream_id = ? and (seconds, items, "
                            + "current_items, since_sum, leads, without_statuses) <> (0, 0, 0, 0, 0, 0) "
                            + "order by 2, 3, 4, 5, 6")) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, tenant);
                    ps.setObject(2, UUID.fromString(stream));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            StringBuilder row = new StringBuilder();
                            for (int k = 1; k <= 12; k++) {
                                row.append(rs.getString(k)).append('|');
                            }
                            out.add(row.toString());
                        }
                    }
                }
            }
        }
        return out;
    }
}
