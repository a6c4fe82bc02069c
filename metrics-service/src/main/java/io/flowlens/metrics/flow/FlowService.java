package io.flowlens.metrics.flow;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.context.ManagedExecutor;

import io.flowlens.metrics.calc.Bucket;
import io.flowlens.metrics.calc.CompletedItem;
import io.flowlens.metrics.calc.CompletionStats;
import io.flowlens.metrics.calc.DayEndCounts;
import io.flowlens.metrics.calc.DurationStats;
import io.flowlens.metrics.calc.FlowFigures;
import io.flowlens.metrics.calc.FlowState;
import io.flowlens.metrics.calc.FlowType;
import io.flowlens.metrics.calc.Window;
import io.flowlens.metrics.config.MetricsConfig;
import io.flowlens.metrics.flow.Views.FlowTimeView;
import io.flowlens.metrics.flow.Views.LoadView;
import io.flowlens.metrics.flow.Views.SubjectView;
import io.flowlens.metrics.flow.Views.WindowView;
import io.flowlens.metrics.paging.Cursor;
import io.flowlens.metrics.timeline.CompletedRow;
import io.flowlens.metrics.timeline.CompletionHistograms;
import io.flowlens.metrics.timeline.Subject;
import io.flowlens.metrics.timeline.TimelineQueries;
import io.flowlens.metrics.timeline.TimelineStore;
import io.flowlens.metrics.timeline.WipRow;
import io.flowlens.metrics.timeline.Zones;
import io.flowlens.metrics.valuestream.ValueStream;
import io.flowlens.metrics.valuestream.ValueStreamService;

/** Flow metrics, the items behind them, aging and cumulative flow for a subject and window. */
@ApplicationScoped
public class FlowService {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(FlowService.class);

    @Inject
    TimelineQueries queries;

    @Inject
    ValueStreamService valueStreams;

    @Inject
    MetricsConfig config;

    @Inject
    TimelineStore store;

    @Inject
    CompletionHistograms histograms;

    @Inject
    ManagedExecutor executor;

    /** A tenant's value stream (404 for another tenant's id). */
    public Subject valueStream(String tenantId, UUID id) {
        ValueStream v = valueStreams.find(tenantId, id);
        return new Subject(tenantId, java.time.ZoneId.of(v.timeZone), v.scopes, v.id, v.name, v.countSubtasks);
    }

    /**
     * The tenant's whole portfolio, its days counted in {@code zone}: UTC (default) or the zone
     * of one of its value streams, the zones day counts are kept in. (Any other zone would mean
     * re-deriving every timeline on a reader's request.)
     */
    public Subject portfolio(String tenantId, String zone) {
        if (zone == null || zone.isBlank()) {
            return Subject.portfolio(tenantId, java.time.ZoneId.of(TimelineStore.UTC));
        }
        java.time.ZoneId zoneId = Zones.parameter("zone", zone);
        if (!store.hasZone(tenantId, zoneId.getId())) {
            throw io.flowlens.common.problem.ApiException.badParameter("zone", "'" + zone
                    + "' is not UTC nor the time zone of one of the tenant's value streams");
        }
        return Subject.portfolio(tenantId, zoneId);
    }

    public Window window(Subject subject, String from, String to) {
        return WindowParams.window(from, to, subject.zone(), config.window().defaultDays(), config.window().maxYears());
    }

    /**
     * The figures of the window and, with a bucket, their series. Nothing reads every completion
     * of the window: the totals come from the completion histogram (label-narrowed streams: the
     * database's summary of the window), the series from the completions summarised per bucket by
     * the database (one row per bucket), the load from the day counts. {@link #flowFromItems} is
     * the same answer from every completion read item by item (a test holds the two equal).
     */
    public FlowReport flow(Subject subject, Window window, Bucket bucket) {
        // The reads are independent: the database does them at once (the per-bucket summary, which
        // reads the window's completions from the index, is the largest of a long series).
        CompletableFuture<Map<LocalDate, TimelineQueries.BucketCompletions>> perBucket = bucket == null ? null
                : executor.supplyAsync(() -> queries.completedPerBucket(subject, window, bucket));
        CompletableFuture<Map<FlowType, CompletionStats>> totals = executor.supplyAsync(() -> totals(subject, window));
        // Every figure here uses the load alone of the day counts (mean, max, at the end, shares).
        DayEndCounts counts = queries.dayEndCounts(subject, window, true);
        FlowFigures.Result result = result(join(totals), counts);
        List<FlowFigures.SeriesPoint> points = null;
        if (bucket != null) {
            Map<LocalDate, CompletionStats> stats = new HashMap<>();
            join(perBucket).forEach((start, c) -> stats.put(start, c.stats()));
            points = FlowFigures.series(stats, counts, window, bucket);
        }
        return report(subject, window, bucket, result, points);
    }

    /**
     * The same report from every completion of the window read item by item and the rules of
     * {@code calc} applied to them: the reference the summarised reads are held to.
     */
    public FlowReport flowFromItems(Subject subject, Window window, Bucket bucket) {
        DayEndCounts counts = queries.dayEndCounts(subject, window);
        List<CompletedItem> completed = queries.completed(subject, window.from(), window.to());
        return report(subject, window, bucket, FlowFigures.compute(window, completed, counts),
                bucket == null ? null : FlowFigures.series(completed, counts, window, bucket));
    }

    /**
     * From the completion histogram (a handful of spans' rows and a few buckets' flow times);
     * label-narrowed streams are summarised by the database over their projects' completions.
     */
    private Map<FlowType, CompletionStats> totals(Subject subject, Window window) {
        return subject.narrowedByLabels() ? queries.completionStats(subject, window.from(), window.to())
                : fromHistogram(subject, window);
    }

    /** The window's figures from its completions summarised per type (null key: all types). */
    private static FlowFigures.Result result(Map<FlowType, CompletionStats> stats, DayEndCounts counts) {
        Map<FlowType, CompletionStats> byType = new java.util.EnumMap<>(FlowType.class);
        stats.forEach((type, s) -> {
            if (type != null) {
                byType.put(type, s);
            }
        });
        return FlowFigures.compute(stats.get(null), byType, counts);
    }

    private static <T> T join(CompletableFuture<T> reading) {
        try {
            return reading.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static FlowReport report(Subject subject, Window window, Bucket bucket, FlowFigures.Result result,
            List<FlowFigures.SeriesPoint> points) {
        Map<String, FlowReport.Figures> byType = new LinkedHashMap<>();
        result.byType().forEach((type, f) -> byType.put(type.wire(), figures(f)));
        FlowReport.Series series = null;
        if (bucket != null) {
            series = new FlowReport.Series(bucket.name().toLowerCase(java.util.Locale.ROOT), points.stream()
                    .map(p -> new FlowReport.Point(p.start(), p.end(), p.label(), p.partial(), p.velocity(),
                            FlowTimeView.of(p.flowTime()), p.efficiencyPercentRounded(), LoadView.of(p.load())))
                    .toList());
        }
        return new FlowReport(SubjectView.of(subject), WindowView.of(window), Definitions.VERSION,
                figures(result.total()), byType, new FlowReport.Distribution(wire(result.distribution().completed()),
                        wire(result.distribution().load())),
                series);
    }

    /**
     * The histogram's figures; should its counts ever disagree with the items (a bug, not a
     * caller's doing), the caller still gets the right figures, from the database's summary, and
     * the log says so.
     */
    private Map<FlowType, CompletionStats> fromHistogram(Subject subject, Window window) {
        try {
            return histograms.completionStats(subject, window.from(), window.to());
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof java.sql.SQLException) {
                throw e;
            }
            LOG.warnf("completion histogram of tenant %s disagrees with its items (%s); summarised from the items",
                    subject.tenantId(), e.getMessage());
            return queries.completionStats(subject, window.from(), window.to());
        }
    }

    public FlowItemsPage items(Subject subject, Window window, String cursor, Integer limit) {
        int size = Cursor.limit(limit);
        List<CompletedRow> rows = queries.completedPage(subject, window.from(), window.to(), Cursor.decode(cursor),
                size + 1);
        String next = null;
        if (rows.size() > size) {
            rows = rows.subList(0, size);
            next = new Cursor(rows.get(size - 1).completedAt(), rows.get(size - 1).itemId()).encode();
        }
        return new FlowItemsPage(SubjectView.of(subject), WindowView.of(window), Definitions.VERSION,
                rows.stream().map(r -> new FlowItemsPage.Item(r.itemId(), r.key(), r.title(), r.flowType().wire(),
                        r.completedAt(), r.workStartedAt(), Views.days(r.flowSeconds()), Views.days(r.activeSeconds())))
                        .toList(),
                next);
    }

    public AgingReport aging(Subject subject, String cursor, Integer limit) {
        int size = Cursor.limit(limit);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        LocalDate today = LocalDate.ofInstant(now, subject.zone());
        Window recent = Window.ofDays(today.minusDays(config.aging().recentDays()), today.minusDays(1), subject.zone());
        List<CompletedItem> completed = queries.completed(subject, recent.from(), recent.to());
        DurationStats stats = DurationStats.of(completed.stream().filter(c -> c.flowSeconds() != null)
                .mapToLong(CompletedItem::flowSeconds).toArray());
        List<WipRow> rows = queries.wipPage(subject, Cursor.decode(cursor), size + 1);
        String next = null;
        if (rows.size() > size) {
            rows = rows.subList(0, size);
            next = new Cursor(rows.get(size - 1).workStartedAt(), rows.get(size - 1).itemId()).encode();
        }
        List<AgingReport.Item> items = rows.stream().map(r -> {
            long age = r.workStartedAt().until(now, ChronoUnit.SECONDS);
            return new AgingReport.Item(r.itemId(), r.key(), r.title(), r.flowType().wire(), r.state().wire(),
                    r.workStartedAt(), Views.days(age), stats.p85() != null && age > stats.p85());
        }).toList();
        return new AgingReport(SubjectView.of(subject), Definitions.VERSION, now, queries.wipCount(subject),
                WindowView.of(recent), FlowTimeView.of(stats), items, next);
    }

    public CfdReport cfd(Subject subject, Window window) {
        DayEndCounts counts = queries.dayEndCounts(subject, window);
        List<CfdReport.Day> days = counts.days().stream().map(d -> new CfdReport.Day(d,
                counts.count(d, FlowState.NEW), counts.count(d, FlowState.ACTIVE), counts.count(d, FlowState.WAITING),
                counts.count(d, FlowState.DONE), counts.count(d, FlowState.CANCELED))).toList();
        return new CfdReport(SubjectView.of(subject), WindowView.of(window), Definitions.VERSION, days);
    }

    private static FlowReport.Figures figures(FlowFigures.Figures f) {
        return new FlowReport.Figures(f.velocity(), FlowTimeView.of(f.flowTime()), f.efficiencyPercentRounded(),
                LoadView.of(f.load()), f.leftOutNeverStarted());
    }

    private static Map<String, Double> wire(Map<FlowType, Double> shares) {
        Map<String, Double> out = new LinkedHashMap<>();
        shares.forEach((t, v) -> out.put(t.wire(), v));
        return out;
    }
}
