package io.flowlens.metrics.bottleneck;

import static io.flowlens.metrics.Fixtures.deletion;
import static io.flowlens.metrics.Fixtures.newTenant;
import static io.flowlens.metrics.Fixtures.post;
import static io.flowlens.metrics.Fixtures.valueStream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

import io.flowlens.metrics.flow.FlowService;
import io.flowlens.metrics.timeline.Subject;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What the write path keeps for time in status (rows per item and status, for the items done now
 * and those in the load now) and the database sums gives exactly what the rules give on the whole
 * timelines: random timelines with statuses (and some without, from an older producer), same
 * instants, transitions before creation, reopenings, sub-tasks, labels, late revisions and
 * deletions, windows anywhere, and `to`s before items' last changes (read from their timelines).
 * A failure names the seed, which replays it.
 */
@QuarkusTest
class KeptStatusTimesMatchTheRulesTest {

    static final String[] STATES = { "new", "active", "waiting", "done", "canceled" };
    static final String[] STATUSES = { "To Do", "In Progress", "In Review", "Blocked", "Done", "Won't Do" };
    static final String[] TYPES = { "feature", "defect", "risk", "debt" };
    static final String[] LABELS = { "a", "b", "c" };
    static final Instant BASE = Instant.parse("2025-03-01T00:00:00Z");

    @Inject
    StatusTimeQueries queries;

    @Inject
    FlowService flow;

    static Map<String, Object> randomItem(SplittableRandom r, String tenant, int id, long revision) {
        Instant created = BASE.plus(Duration.ofSeconds(r.nextLong(60L * 24 * 3600)));
        List<Map<String, Object>> ts = new ArrayList<>();
        Instant at = r.nextInt(10) == 0 ? created.minus(Duration.ofHours(r.nextInt(1, 48))) : created;
        boolean withStatuses = r.nextInt(5) != 0;
        int steps = r.nextInt(0, 8);
        for (int k = 0; k < steps; k++) {
            if (r.nextInt(5) != 0) { // else: the same instant as the previous one
                at = at.plus(Duration.ofSeconds(r.nextLong(1, 6L * 24 * 3600)).plusMillis(r.nextInt(1000)));
            }
            Map<String, Object> t = new HashMap<>();
            t.put("at", at.toString());
            t.put("state", STATES[r.nextInt(STATES.length)]);
            if (withStatuses) {
                t.put("status", STATUSES[r.nextInt(STATUSES.length)]);
            }
            ts.add(t);
        }
        List<String> labels = new ArrayList<>();
        for (String l : LABELS) {
            if (r.nextInt(3) == 0) {
                labels.add(l);
            }
        }
        Map<String, Object> item = new HashMap<>(Map.of("itemId", "i" + id, "connectionId", "c1", "project",
                r.nextBoolean() ? "shop" : "web", "key", "I-" + id, "title", "Item " + id, "flowType",
                TYPES[r.nextInt(TYPES.length)], "labels", labels, "createdAt", created.toString(), "transitions", ts));
        if (r.nextInt(6) == 0) {
            item.put("hierarchy", "subtask");
        }
        return Map.of("eventId", UUID.randomUUID().toString(), "tenantId", tenant, "type", "item.upserted",
                "revision", revision, "emittedAt", "2026-01-05T10:00:00Z", "item", item);
    }

    @Test
    void keptRowsEqualTheRulesOnRandomTimelines() {
        for (long seed : new long[] { 11L, 20261130L, System.nanoTime() }) {
            check(seed);
        }
    }

    @SuppressWarnings("unchecked")
    void check(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        String t = newTenant();
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            events.add(randomItem(r, t, i, 1));
        }
        post(events.toArray(Map[]::new));
        List<Map<String, Object>> late = new ArrayList<>();
        for (int i = 0; i < 150; i += 4) {
            late.add(r.nextInt(4) == 0 ? deletion(t, "i" + i, 2, "c1") : randomItem(r, t, i, 2));
        }
        post(late.toArray(Map[]::new));
        List<String> streams = List.of(
                valueStream(t, "Shop", "UTC", List.of(Map.of("connectionId", "c1", "project", "shop"))),
                valueStream(t, "Labels", "Europe/Berlin", List.of(
                        Map.of("connectionId", "c1", "project", "shop", "labels", List.of("a", "b")),
                        Map.of("connectionId", "c1", "project", "web", "labels", List.of("c"),
                                "flowTypes", List.of("defect", "debt")))));
        List<Subject> subjects = new ArrayList<>();
        for (String s : streams) {
            Subject plain = flow.valueStream(t, UUID.fromString(s));
            subjects.add(plain);
            subjects.add(new Subject(plain.tenantId(), plain.zone(), plain.scopes(), plain.valueStreamId(),
                    plain.name(), true));
        }
        subjects.add(flow.portfolio(t, null));
        int loadSeen = 0;
        int completedSeen = 0;
        for (int w = 0; w < 20; w++) {
            Instant from = BASE.plus(Duration.ofSeconds(r.nextLong(-10L * 24 * 3600, 80L * 24 * 3600)));
            Instant to = from.plus(Duration.ofSeconds(r.nextLong(1, 40L * 24 * 3600)).plusMillis(r.nextInt(1000)));
            if (w == 0) {
                to = Instant.parse("2030-01-01T00:00:00Z"); // after every change: kept rows only
            }
            for (Subject s : subjects) {
                String what = "seed " + seed + ", " + s.name() + " subtasks " + s.countSubtasks() + ", [" + from
                        + ", " + to + ")";
                StatusTotals.Totals[] rules = queries.fromTimelines(s, from, to);
                assertEquals(rules[0], queries.completed(s, from, to), what + " completed");
                assertEquals(rules[1], queries.loadAt(s, to), what + " load at to");
                completedSeen += rules[0].all().items();
                loadSeen += rules[1].all().items();
            }
        }
        assertTrue(completedSeen > 0 && loadSeen > 0, "seed " + seed + ": the windows saw completions and load");
    }
}
