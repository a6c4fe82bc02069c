package io.flowlens.metrics.flow;

import static io.flowlens.metrics.Fixtures.awaitDayCounts;
import static io.flowlens.metrics.Fixtures.deletion;
import static io.flowlens.metrics.Fixtures.newTenant;
import static io.flowlens.metrics.Fixtures.post;
import static io.flowlens.metrics.Fixtures.upsert;
import static io.flowlens.metrics.Fixtures.valueStream;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.flowlens.metrics.calc.CompletedItem;
import io.flowlens.metrics.calc.CompletionStats;
import io.flowlens.metrics.calc.DayEndCounts;
import io.flowlens.metrics.calc.FlowType;
import io.flowlens.metrics.calc.Window;
import io.flowlens.metrics.timeline.CompletionHistograms;
import io.flowlens.metrics.timeline.Subject;
import io.flowlens.metrics.timeline.TimelineQueries;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What is pre-aggregated (the shared day counts per zone and scope, the portfolio's roll-up rows,
 * a label-narrowed stream's own counts, the load changes of {@code to}'s day, the completions
 * summarised by the database with nearest-rank percentiles, the completion histogram with the
 * exact flow times of its percentile buckets) gives exactly what
 * the rules give on the whole timelines, on randomised timelines: same-instant transitions,
 * transitions before creation, reopenings, reclassifications, sub-tasks, deletions, late revisions
 * applied after the counts were prepared, and windows whose ends fall anywhere in a day. A failure
 * names the seed, which replays it.
 */
@QuarkusTest
class PreAggregatedCountsMatchTheRulesTest {

    static final String[] STATES = { "new", "active", "waiting", "done", "canceled" };
    static final String[] TYPES = { "feature", "defect", "risk", "debt" };
    static final String[] LABELS = { "a", "b", "c" };
    static final Instant BASE = Instant.parse("2025-03-01T00:00:00Z");

    @Inject
    TimelineQueries queries;

    @Inject
    FlowService flow;

    @Inject
    CompletionHistograms histograms;

    @Inject
    javax.sql.DataSource dataSource;

    static Map<String, Object> randomItem(SplittableRandom r, String tenant, int id, long revision) {
        Instant created = BASE.plus(Duration.ofMinutes(r.nextLong(60L * 24 * 60)));
        List<String> ts = new ArrayList<>();
        Instant at = r.nextInt(10) == 0 ? created.minus(Duration.ofHours(r.nextInt(1, 48))) : created;
        int steps = r.nextInt(0, 7);
        for (int k = 0; k < steps; k++) {
            if (r.nextInt(5) != 0) { // else: the same instant as the previous one
                at = at.plus(Duration.ofMinutes(r.nextLong(1, 6 * 24 * 60)));
            }
            ts.add(at.toString());
            ts.add(STATES[r.nextInt(STATES.length)]);
        }
        List<String> labels = new ArrayList<>();
        for (String l : LABELS) {
            if (r.nextInt(3) == 0) {
                labels.add(l);
            }
        }
        Map<String, Object> event = upsert(tenant, "i" + id, revision, "c1", r.nextBoolean() ? "shop" : "web",
                TYPES[r.nextInt(TYPES.length)], labels, created.toString(), ts.toArray(String[]::new));
        if (r.nextInt(6) == 0) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = new java.util.HashMap<>((Map<String, Object>) event.get("item"));
            item.put("hierarchy", "subtask");
            Map<String, Object> withHierarchy = new java.util.HashMap<>(event);
            withHierarchy.put("item", item);
            return withHierarchy;
        }
        return event;
    }

    @Test
    void dayCountsAndLoadAtToEqualTheRulesOnRandomTimelines() {
        for (long seed : new long[] { 7L, 20261129L, System.nanoTime() }) {
            check(seed);
        }
    }

    @Test
    void theDatabasesFlowTimeBucketsAreTheRules() throws java.sql.SQLException {
        List<Long> values = new ArrayList<>(List.of(Long.MIN_VALUE, -1L, 0L, Long.MAX_VALUE));
        for (int bit = 0; bit < 63; bit++) {
            for (long d = -1; d <= 1; d++) {
                values.add((1L << bit) + d);
            }
        }
        SplittableRandom r = new SplittableRandom(11);
        for (int k = 0; k < 2_000; k++) {
            values.add(r.nextLong(0, 400L * 86_400));
        }
        try (java.sql.Connection c = dataSource.getConnection();
                java.sql.PreparedStatement ps = c.prepareStatement(
                        "select v, flow_time_bucket(v) from unnest(?::bigint[]) v")) {
            ps.setArray(1, c.createArrayOf("bigint", values.toArray(Long[]::new)));
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                int n = 0;
                while (rs.next()) {
                    n++;
                    assertEquals(io.flowlens.metrics.calc.FlowTimeBuckets.of(rs.getLong(1)), rs.getInt(2),
                            "bucket of " + rs.getLong(1));
                }
                assertEquals(values.size(), n);
            }
        }
    }

    void check(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        String t = newTenant();
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            events.add(randomItem(r, t, i, 1));
        }
        post(events.subList(0, 60).toArray(Map[]::new));
        List<String> streams = List.of(
                valueStream(t, "Shop", "UTC", List.of(Map.of("connectionId", "c1", "project", "shop"))),
                valueStream(t, "Labels", "Europe/Berlin", List.of(
                        Map.of("connectionId", "c1", "project", "shop", "labels", List.of("a", "b")),
                        Map.of("connectionId", "c1", "project", "web", "labels", List.of("c"),
                                "flowTypes", List.of("defect", "debt")))),
                valueStream(t, "Types", "America/New_York", List.of(
                        Map.of("connectionId", "c1", "project", "web", "flowTypes", List.of("feature", "risk")))));
        // Half the items after the streams exist, while and after their counts are prepared.
        post(events.subList(60, 120).toArray(Map[]::new));
        for (String s : streams) {
            awaitDayCounts(t, s);
        }
        // Late revisions: reclassified or rescheduled items, sub-tasks becoming standard, deletions.
        List<Map<String, Object>> late = new ArrayList<>();
        for (int i = 0; i < 120; i += 3) {
            late.add(r.nextInt(4) == 0 ? deletion(t, "i" + i, 2, "c1") : randomItem(r, t, i, 2));
        }
        post(late.toArray(Map[]::new));

        List<Subject> subjects = new ArrayList<>();
        for (String s : streams) {
            Subject plain = flow.valueStream(t, UUID.fromString(s));
            subjects.add(plain);
            subjects.add(new Subject(plain.tenantId(), plain.zone(), plain.scopes(), plain.valueStreamId(),
                    plain.name(), true));
        }
        subjects.add(flow.portfolio(t, null));
        subjects.add(flow.portfolio(t, "Europe/Berlin"));
        for (int w = 0; w < 25; w++) {
            Instant from = BASE.plus(Duration.ofMinutes(r.nextLong(-10L * 24 * 60, 80L * 24 * 60)));
            if (w % 4 == 1) { // from at a UTC midnight: the histogram's whole days start at from itself
                from = from.truncatedTo(java.time.temporal.ChronoUnit.DAYS);
            }
            // Some windows long enough for the histogram's 64-day spans.
            Instant to = from.plus(Duration.ofMinutes(r.nextLong(1, (w % 3 == 0 ? 140L : 40L) * 24 * 60)));
            if (r.nextBoolean()) { // a local midnight
                to = LocalDate.ofInstant(to, java.time.ZoneOffset.UTC).atStartOfDay(java.time.ZoneOffset.UTC)
                        .toInstant();
                if (!to.isAfter(from)) {
                    to = to.plus(Duration.ofDays(1));
                }
            }
            for (Subject s : subjects) {
                Window window = new Window(from, to, s.zone());
                DayEndCounts counted = queries.dayEndCounts(s, window);
                DayEndCounts rules = queries.fromTimelines(s, window);
                String what = "seed " + seed + ", " + s.name() + " subtasks " + s.countSubtasks() + ", " + window;
                assertEquals(rules.days(), counted.days(), what);
                for (LocalDate d : rules.days()) {
                    for (int type = 0; type < TYPES.length; type++) {
                        assertArrayEquals(rules.byDay().get(d)[type], counted.byDay().get(d)[type], what + " " + d);
                    }
                }
                for (FlowType type : FlowType.values()) {
                    assertEquals(rules.loadAtTo(type), counted.loadAtTo(type), what + " load at to, " + type);
                }
                // Completions summarised by the database against the rule on the same items.
                List<CompletedItem> completed = queries.completed(s, from, to);
                Map<FlowType, CompletionStats> summarised = queries.completionStats(s, from, to);
                assertEquals(CompletionStats.of(completed), summarised.get(null), what + " completions");
                for (FlowType type : FlowType.values()) {
                    assertEquals(CompletionStats.of(completed.stream().filter(c -> c.type() == type).toList()),
                            summarised.getOrDefault(type, CompletionStats.NONE), what + " completions " + type);
                }
                // The completion histogram's spans, edges and exact buckets against the same rule.
                if (!s.narrowedByLabels()) {
                    Map<FlowType, CompletionStats> histogram = histograms.completionStats(s, from, to);
                    assertEquals(CompletionStats.of(completed), histogram.get(null), what + " histogram");
                    for (FlowType type : FlowType.values()) {
                        assertEquals(CompletionStats.of(completed.stream().filter(c -> c.type() == type).toList()),
                                histogram.getOrDefault(type, CompletionStats.NONE), what + " histogram " + type);
                    }
                }
            }
        }
    }
}
