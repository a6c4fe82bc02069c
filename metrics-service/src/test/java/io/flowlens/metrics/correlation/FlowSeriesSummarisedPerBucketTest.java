package io.flowlens.metrics.correlation;

import static io.flowlens.metrics.Fixtures.awaitDayCounts;
import static io.flowlens.metrics.Fixtures.deletion;
import static io.flowlens.metrics.Fixtures.newTenant;
import static io.flowlens.metrics.Fixtures.upsert;
import static io.flowlens.metrics.Fixtures.valueStream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.flowlens.metrics.calc.Bucket;
import io.flowlens.metrics.calc.CompletedItem;
import io.flowlens.metrics.calc.CompletionStats;
import io.flowlens.metrics.calc.FlowFigures;
import io.flowlens.metrics.calc.FlowType;
import io.flowlens.metrics.calc.Window;
import io.flowlens.metrics.flow.FlowService;
import io.flowlens.metrics.outcome.FlowBucket;
import io.flowlens.metrics.timeline.Subject;
import io.flowlens.metrics.timeline.TimelineQueries;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The flow side of a correlation reads its completions summarised per bucket by the database
 * (one row per week or month); it gives exactly what the rules give on every completion read item
 * by item: velocity, per-type counts, exact sums, nearest-rank p50/p85 (and min, max, p95), and
 * the load, on random items completed near local week and month boundaries in zones with DST and
 * odd offsets, never started, sub-tasks, narrowed by labels and types, deleted, for value streams
 * and the portfolio, weekly and monthly. {@code /flow?bucket=} reads the same summaries: its whole
 * report (totals, per type, distribution and every field of every point) is held to the one from
 * every completion, on the windows asked and on windows cut anywhere, daily too. A failure names
 * the seed, which replays it.
 */
@QuarkusTest
class FlowSeriesSummarisedPerBucketTest {

    static final String[] STATES = { "new", "active", "waiting" };
    static final String[] TYPES = { "feature", "defect", "risk", "debt" };
    static final String[] LABELS = { "a", "b" };
    /** A Monday; items complete over the ~100 weeks after it. */
    static final LocalDate START = LocalDate.of(2024, 1, 1);
    static final List<ZoneId> ZONES = List.of(ZoneId.of("Europe/Berlin"), ZoneId.of("America/New_York"),
            ZoneId.of("Asia/Kolkata"), ZoneId.of("Australia/Lord_Howe"), ZoneId.of("UTC"));

    @Inject
    CorrelationService correlation;

    @Inject
    TimelineQueries queries;

    @Inject
    FlowService flow;

    @Test
    void theBucketsSummarisedByTheDatabaseAreTheRulesOnEveryCompletion() {
        for (long seed : new long[] { 17L, 20261130L, System.nanoTime() }) {
            check(seed);
        }
    }

    /** A completion instant, often within minutes of a local midnight that starts a week or a month. */
    static Instant done(SplittableRandom r) {
        ZoneId zone = ZONES.get(r.nextInt(ZONES.size()));
        LocalDate day = START.plusDays(r.nextInt(700));
        if (r.nextInt(3) == 0) {
            day = r.nextBoolean() ? Bucket.WEEK.startOf(day) : Bucket.MONTH.startOf(day);
            Instant midnight = day.atStartOfDay(zone).toInstant();
            return midnight.plusSeconds(r.nextLong(-120, 120)).plusMillis(r.nextInt(1000));
        }
        return day.atStartOfDay(zone).toInstant().plusSeconds(r.nextLong(86_400));
    }

    static Map<String, Object> randomItem(SplittableRandom r, String tenant, int id, long revision) {
        Instant done = done(r);
        List<String> ts = new ArrayList<>();
        Instant at = done.minus(Duration.ofMinutes(r.nextLong(0, 40L * 24 * 60)));
        Instant created = at.minus(Duration.ofHours(r.nextInt(0, 72)));
        int steps = r.nextInt(4) == 0 ? 0 : r.nextInt(1, 5); // none: done without ever being started
        for (int k = 0; k < steps; k++) {
            ts.add(at.toString());
            ts.add(k == 0 && steps > 1 ? "active" : STATES[r.nextInt(STATES.length)]);
            at = at.plus(Duration.ofSeconds(r.nextLong(0, Math.max(1, Duration.between(at, done).getSeconds()))));
        }
        ts.add(done.toString());
        // Most end done; some are still open (no completion) or canceled.
        ts.add(r.nextInt(10) < 8 ? "done" : r.nextBoolean() ? "canceled" : "active");
        List<String> labels = new ArrayList<>();
        for (String l : LABELS) {
            if (r.nextInt(2) == 0) {
                labels.add(l);
            }
        }
        Map<String, Object> event = upsert(tenant, "i" + id, revision, "c1", r.nextBoolean() ? "shop" : "web",
                TYPES[r.nextInt(TYPES.length)], labels, created.toString(), ts.toArray(String[]::new));
        if (r.nextInt(6) == 0) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = new HashMap<>((Map<String, Object>) event.get("item"));
            item.put("hierarchy", "subtask");
            Map<String, Object> withHierarchy = new HashMap<>(event);
            withHierarchy.put("item", item);
            return withHierarchy;
        }
        return event;
    }

    @SuppressWarnings("unchecked")
    void check(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        String t = newTenant();
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 900; i++) {
            events.add(randomItem(r, t, i, 1));
        }
        for (int i = 0; i < events.size(); i += 300) {
            io.flowlens.metrics.Fixtures.post(events.subList(i, i + 300).toArray(Map[]::new));
        }
        List<Map<String, Object>> late = new ArrayList<>();
        for (int i = 0; i < 900; i += 7) {
            late.add(r.nextInt(3) == 0 ? deletion(t, "i" + i, 2, "c1") : randomItem(r, t, i, 2));
        }
        io.flowlens.metrics.Fixtures.post(late.toArray(Map[]::new));
        List<String> streams = List.of(
                valueStream(t, "Shop", "Europe/Berlin", List.of(Map.of("connectionId", "c1", "project", "shop"))),
                valueStream(t, "Labels", "America/New_York", List.of(
                        Map.of("connectionId", "c1", "project", "shop", "labels", List.of("a")),
                        Map.of("connectionId", "c1", "project", "web", "flowTypes", List.of("defect", "debt")))),
                valueStream(t, "Howe", "Australia/Lord_Howe", List.of(
                        Map.of("connectionId", "c1", "project", "web", "flowTypes", List.of("feature", "risk")))));
        for (String s : streams) {
            awaitDayCounts(t, s);
        }
        List<Subject> subjects = new ArrayList<>();
        for (String s : streams) {
            Subject plain = flow.valueStream(t, UUID.fromString(s));
            subjects.add(plain);
            subjects.add(new Subject(plain.tenantId(), plain.zone(), plain.scopes(), plain.valueStreamId(),
                    plain.name(), true));
        }
        subjects.add(flow.portfolio(t, null));
        subjects.add(flow.portfolio(t, "Australia/Lord_Howe"));
        int compared = 0;
        int flowReports = 0;
        for (int w = 0; w < 6; w++) {
            LocalDate from = START.plusDays(r.nextInt(-30, 300));
            LocalDate to = from.plusDays(r.nextInt(70, 500));
            for (Bucket bucket : List.of(Bucket.WEEK, Bucket.MONTH)) {
                for (Subject s : subjects) {
                    String what = "seed " + seed + ", " + s.name() + " subtasks " + s.countSubtasks() + ", " + bucket
                            + " " + from + ".." + to;
                    Window window = correlation.window(s, from.toString(), to.toString(), bucket);
                    List<FlowBucket> expected = correlation.flowBucketsFromItems(s, window, bucket);
                    assertEquals(expected, correlation.flowBuckets(s, window, bucket), what);
                    compared += summaryIsTheRule(s, window, bucket, what);
                    // A window cut anywhere (part buckets at both ends), as the /flow series has them.
                    Instant cutFrom = window.from().plusSeconds(r.nextLong(-5L * 86_400, 5L * 86_400));
                    Instant cutTo = window.to().plusSeconds(r.nextLong(-5L * 86_400, 5L * 86_400));
                    Window cut = new Window(cutFrom, cutTo, s.zone());
                    compared += summaryIsTheRule(s, cut, bucket, what + " cut " + cut);
                    var counts = queries.dayEndCounts(s, cut);
                    // The load states alone give the same load at every day end and at the end.
                    var loadOnly = queries.dayEndCounts(s, cut, true);
                    assertEquals(counts.days(), loadOnly.days(), what + " cut " + cut);
                    for (FlowType type : new FlowType[] { null, FlowType.FEATURE, FlowType.DEBT }) {
                        for (LocalDate d : counts.days()) {
                            assertEquals(counts.load(d, type), loadOnly.load(d, type), what + " load " + d);
                        }
                        assertEquals(counts.loadAtTo(type), loadOnly.loadAtTo(type), what + " load at to");
                    }
                    Map<LocalDate, CompletionStats> stats = new HashMap<>();
                    queries.completedPerBucket(s, cut, bucket).forEach((k, v) -> stats.put(k, v.stats()));
                    assertEquals(FlowFigures.series(queries.completed(s, cut.from(), cut.to()), counts, cut, bucket),
                            FlowFigures.series(stats, counts, cut, bucket), what + " cut " + cut);
                    // /flow?bucket= reads the same summaries: its whole report (totals, per type,
                    // distribution, every field of every point) is the one from every completion.
                    Window asked = flow.window(s, from.toString(), to.toString());
                    assertEquals(flow.flowFromItems(s, asked, bucket), flow.flow(s, asked, bucket), what + " /flow");
                    assertEquals(flow.flowFromItems(s, cut, bucket), flow.flow(s, cut, bucket), what + " /flow cut " + cut);
                    flowReports += 2;
                    if (bucket == Bucket.WEEK) {
                        // Without bucket= too (the same totals, load from the load's states alone).
                        assertEquals(flow.flowFromItems(s, cut, null), flow.flow(s, cut, null), what + " no bucket " + cut);
                    }
                }
            }
        }
        assertTrue(compared > 500, "seed " + seed + ": only " + compared + " buckets with completions compared");
        // Daily series, over shorter windows cut anywhere, as /flow gives them too (3+ days, so a cut
        // of up to a day at each end never empties the window).
        for (int w = 0; w < 4; w++) {
            LocalDate from = START.plusDays(r.nextInt(-10, 600));
            for (Subject s : subjects) {
                Window window = flow.window(s, from.toString(), from.plusDays(r.nextInt(3, 60)).toString());
                Window cut = new Window(window.from().plusSeconds(r.nextLong(-86_400, 86_400)),
                        window.to().plusSeconds(r.nextLong(-86_400, 86_400)), s.zone());
                String what = "seed " + seed + ", " + s.name() + " subtasks " + s.countSubtasks() + ", day " + cut;
                assertEquals(flow.flowFromItems(s, cut, Bucket.DAY), flow.flow(s, cut, Bucket.DAY), what);
                flowReports++;
            }
        }
        assertTrue(flowReports > 200, "seed " + seed + ": only " + flowReports + " /flow reports compared");
    }

    /** The summary of each bucket against {@link CompletionStats#of} its completions; how many buckets had any. */
    int summaryIsTheRule(Subject s, Window window, Bucket bucket, String what) {
        // Every figure of the summary, also those the correlation does not show (min, max, p95).
        TreeMap<LocalDate, List<CompletedItem>> items = new TreeMap<>();
        for (CompletedItem c : queries.completed(s, window.from(), window.to())) {
            items.computeIfAbsent(FlowFigures.bucketOf(c.completion(), window, bucket),
                    k -> new ArrayList<>()).add(c);
        }
        Map<LocalDate, TimelineQueries.BucketCompletions> summarised =
                queries.completedPerBucket(s, window, bucket);
        assertEquals(items.keySet(), new TreeMap<>(summarised).keySet(), what);
        items.forEach((start, list) -> {
            assertEquals(CompletionStats.of(list), summarised.get(start).stats(), what + " " + start);
            Map<FlowType, Long> byType = new java.util.EnumMap<>(FlowType.class);
            list.forEach(c -> byType.merge(c.type(), 1L, Long::sum));
            assertEquals(byType, summarised.get(start).byType(), what + " " + start);
        });
        return items.size();
    }
}
