package io.flowlens.metrics.correlation;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.context.ManagedExecutor;

import io.flowlens.common.problem.ApiException;
import io.flowlens.common.problem.Problem;
import io.flowlens.metrics.calc.Bucket;
import io.flowlens.metrics.calc.CompletedItem;
import io.flowlens.metrics.calc.CompletionStats;
import io.flowlens.metrics.calc.DayEndCounts;
import io.flowlens.metrics.calc.FlowFigures;
import io.flowlens.metrics.calc.FlowType;
import io.flowlens.metrics.calc.Window;
import io.flowlens.metrics.config.MetricsConfig;
import io.flowlens.metrics.correlation.CorrelationViews.AvailableSeries;
import io.flowlens.metrics.correlation.CorrelationViews.CoefficientView;
import io.flowlens.metrics.correlation.CorrelationViews.CorrelationReport;
import io.flowlens.metrics.correlation.CorrelationViews.FlowSeriesView;
import io.flowlens.metrics.correlation.CorrelationViews.PairView;
import io.flowlens.metrics.correlation.CorrelationViews.RankedCorrelation;
import io.flowlens.metrics.correlation.CorrelationViews.RankingReport;
import io.flowlens.metrics.correlation.CorrelationViews.ResultSeriesList;
import io.flowlens.metrics.correlation.CorrelationViews.ResultSeriesView;
import io.flowlens.metrics.flow.Definitions;
import io.flowlens.metrics.flow.Views.SubjectView;
import io.flowlens.metrics.flow.Views.WindowView;
import io.flowlens.metrics.flow.WindowParams;
import io.flowlens.metrics.outcome.AlignedPair;
import io.flowlens.metrics.outcome.Correlation;
import io.flowlens.metrics.outcome.FlowBucket;
import io.flowlens.metrics.outcome.FlowRanking;
import io.flowlens.metrics.outcome.FlowSeriesSet;
import io.flowlens.metrics.outcome.ResultPoint;
import io.flowlens.metrics.outcome.ResultPointSource;
import io.flowlens.metrics.outcome.ResultPointSource.SeriesName;
import io.flowlens.metrics.outcome.ResultSeries;
import io.flowlens.metrics.result.CategoryService;
import io.flowlens.metrics.result.CategoryView;
import io.flowlens.metrics.timeline.Subject;
import io.flowlens.metrics.timeline.TimelineQueries;

/**
 * Fetches the two halves of a correlation and hands them to the rules in {@code outcome}: the
 * flow series from the same queries and rules as the {@code /flow} series, the result series from
 * whichever {@link ResultPointSource} holds it.
 */
@ApplicationScoped
public class CorrelationService {

    /** Default window: the two years before {@code to}, widened to whole buckets. */
    static final int DEFAULT_DAYS = 730;

    @Inject
    TimelineQueries queries;

    @Inject
    MetricsConfig config;

    @Inject
    Instance<ResultPointSource> sources;

    @Inject
    ManagedExecutor executor;

    @Inject
    CategoryService categories;

    /** A result series found: the source that holds it and its name. */
    record Found(ResultPointSource source, SeriesName name) {
        String display() {
            return name.series() == null ? name.category() : name.category() + "/" + name.series();
        }
    }

    /**
     * The window of whole buckets: {@code from} moved back to the start of its bucket, {@code to}
     * back to the start of its bucket (a bucket cut by {@code to} is left out, as its velocity
     * would be a part-week's), and never past the start of the current bucket, which has not
     * ended yet. Parameters as for {@code /flow}; default the 730 days before {@code to}.
     */
    public Window window(Subject subject, String from, String to, Bucket bucket) {
        ZoneId zone = subject.zone();
        Window asked = WindowParams.window(from, to, zone, DEFAULT_DAYS, config.window().maxYears());
        LocalDate start = bucket.startOf(asked.firstDate());
        LocalDate end = bucket.startOf(LocalDate.ofInstant(asked.to(), zone));
        LocalDate current = bucket.startOf(LocalDate.now(zone));
        if (end.isAfter(current)) {
            end = current;
        }
        if (!start.isBefore(end)) {
            throw ApiException.badParameter(from == null || from.isBlank() ? "to" : "from",
                    "the window holds no whole " + bucket.name().toLowerCase(java.util.Locale.ROOT)
                            + " that has ended (a correlation pairs whole buckets; the current one is still running)");
        }
        return new Window(start.atStartOfDay(zone).toInstant(), end.atStartOfDay(zone).toInstant(), zone);
    }

    /**
     * Every flow series of the subject over the window, from the same rules as the /flow series:
     * the completions summarised per bucket by the database (one row per bucket, however many
     * items completed over years of buckets), the load from the day counts of the load's states.
     */
    public FlowSeriesSet flowSeries(Subject subject, Window window, Bucket bucket) {
        return FlowSeriesSet.of(bucket, flowBuckets(subject, window, bucket));
    }

    /** The figures of every bucket of the window, oldest first, behind {@link #flowSeries}. */
    List<FlowBucket> flowBuckets(Subject subject, Window window, Bucket bucket) {
        // The two reads are independent: the database does both at once.
        CompletableFuture<Map<LocalDate, TimelineQueries.BucketCompletions>> reading = executor.supplyAsync(
                () -> queries.completedPerBucket(subject, window, bucket));
        // The series use the load alone of the day counts (mean and max per bucket).
        DayEndCounts counts = queries.dayEndCounts(subject, window, true);
        Map<LocalDate, TimelineQueries.BucketCompletions> completed;
        try {
            completed = reading.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
        Map<LocalDate, CompletionStats> stats = new HashMap<>();
        Map<LocalDate, Map<FlowType, Long>> byType = new HashMap<>();
        completed.forEach((start, c) -> {
            stats.put(start, c.stats());
            byType.put(start, c.byType());
        });
        return flowBuckets(FlowFigures.series(stats, counts, window, bucket), byType);
    }

    /**
     * The same from every completion of the window read item by item: the rules themselves, which
     * the summarised read is held to (a test compares the two on random items).
     */
    List<FlowBucket> flowBucketsFromItems(Subject subject, Window window, Bucket bucket) {
        List<CompletedItem> completed = queries.completed(subject, window.from(), window.to());
        DayEndCounts counts = queries.dayEndCounts(subject, window);
        Map<LocalDate, Map<FlowType, Long>> byType = new HashMap<>();
        for (CompletedItem c : completed) {
            if (window.contains(c.completion())) {
                byType.computeIfAbsent(FlowFigures.bucketOf(c.completion(), window, bucket),
                        k -> new EnumMap<>(FlowType.class)).merge(c.type(), 1L, Long::sum);
            }
        }
        return flowBuckets(FlowFigures.series(completed, counts, window, bucket), byType);
    }

    private static List<FlowBucket> flowBuckets(List<FlowFigures.SeriesPoint> points,
            Map<LocalDate, Map<FlowType, Long>> byType) {
        List<FlowBucket> buckets = new ArrayList<>(points.size());
        for (FlowFigures.SeriesPoint p : points) {
            buckets.add(new FlowBucket(p.bucketStart(), p.velocity(), byType.getOrDefault(p.bucketStart(), Map.of()),
                    p.flowTime().p50(), p.flowTime().p85(), p.activeSeconds(), p.flowSeconds(), p.load().sampleSum(),
                    p.load().samples(), p.load().max()));
        }
        return buckets;
    }

    /**
     * The result series asked for, from the source that holds it. A category that is one series
     * needs no {@code series}; one with several (customer-centricity) needs it. A known category
     * without points is an empty series (too few points), an unknown one a 422.
     */
    Found find(String tenantId, UUID valueStreamId, String category, String series) {
        if (category == null || category.isBlank()) {
            throw ApiException.badParameter("category", "is required: the result category (value, cost, quality, "
                    + "happiness, customer-centricity or one of the tenant's)");
        }
        String key = series == null || series.isBlank() ? null : series;
        List<ResultPointSource> serving = sources.stream().filter(s -> s.serves(category)).toList();
        if (serving.isEmpty()) {
            throw unknownCategory(category);
        }
        List<Found> inCategory = new ArrayList<>();
        for (ResultPointSource s : serving) {
            for (SeriesName n : s.available(tenantId, valueStreamId)) {
                if (n.category().equals(category)) {
                    inCategory.add(new Found(s, n));
                }
            }
        }
        for (Found f : inCategory) {
            if (java.util.Objects.equals(f.name().series(), key)) {
                return f;
            }
        }
        String held = String.join(", ", inCategory.stream().map(f -> String.valueOf(f.name().series())).toList());
        if (key == null && !inCategory.isEmpty()) {
            throw unprocessable("series", "category '" + category + "' holds several series: choose one with series= ("
                    + held + ")");
        }
        if (key != null) {
            throw unprocessable("series", "no series '" + key + "' in category '" + category + "' here"
                    + (inCategory.isEmpty() ? "" : " (it holds: " + held + ")"));
        }
        CategoryView known;
        try {
            known = categories.get(tenantId, category);
        } catch (ApiException e) {
            throw unknownCategory(category);
        }
        return new Found(serving.get(0), new SeriesName(category, null, known.label(), known.unit(),
                known.higherIsBetter()));
    }

    /**
     * The result per bucket up to the window's last day. Points after it are left out; of the
     * points before it only the last bucket that has any matters (its mean is carried into the
     * window until a point inside it), so only those are kept.
     */
    ResultSeries resultSeries(Found found, List<ResultPoint> points, Window window, Bucket bucket) {
        LocalDate first = window.firstDate();
        LocalDate last = window.lastDate();
        LocalDate carryBucket = null;
        for (ResultPoint p : points) {
            if (p.date().isBefore(first)) {
                LocalDate b = bucket.startOf(p.date());
                if (carryBucket == null || b.isAfter(carryBucket)) {
                    carryBucket = b;
                }
            }
        }
        List<ResultPoint> kept = new ArrayList<>();
        for (ResultPoint p : points) {
            boolean inside = !p.date().isBefore(first) && !p.date().isAfter(last);
            if (inside || (p.date().isBefore(first) && bucket.startOf(p.date()).equals(carryBucket))) {
                kept.add(p);
            }
        }
        return ResultSeries.of(found.display(), kept, bucket, last);
    }

    public CorrelationReport correlate(Subject subject, String from, String to, Bucket bucket, int lag,
            FlowSeriesSet.Key key, String category, String series) {
        Found found = find(subject.tenantId(), subject.valueStreamId(), category, series);
        Window window = window(subject, from, to, bucket);
        FlowSeriesSet flows = flowSeries(subject, window, bucket);
        List<ResultPoint> points = found.source().points(subject.tenantId(), subject.valueStreamId(), category,
                found.name().series());
        Correlation c = Correlation.of(flows.series(key), resultSeries(found, points, window, bucket), lag);
        List<PairView> pairs = c.pairs().stream().map(p -> new PairView(p.flowBucket(), bucket.label(p.flowBucket()),
                p.resultBucket(), bucket.label(p.resultBucket()), flows.shown(key, p.flowBucket()), p.result(),
                p.resultCarried())).toList();
        return new CorrelationReport(SubjectView.of(subject), WindowView.of(window), Definitions.VERSION,
                wire(bucket), lag, flowView(key, flows), resultView(found, points, window), c.n(), carried(c),
                Correlation.MIN_PAIRS, CoefficientView.of(c.spearman()), CoefficientView.of(c.pearson()),
                c.reason() == null ? null : c.reason().words(), pairs, Correlation.CAVEAT);
    }

    public RankingReport rank(Subject subject, String from, String to, Bucket bucket, String category, String series) {
        Found found = find(subject.tenantId(), subject.valueStreamId(), category, series);
        Window window = window(subject, from, to, bucket);
        FlowSeriesSet flows = flowSeries(subject, window, bucket);
        List<ResultPoint> points = found.source().points(subject.tenantId(), subject.valueStreamId(), category,
                found.name().series());
        FlowRanking ranking = FlowRanking.of(resultSeries(found, points, window, bucket), flows.all());
        List<RankedCorrelation> ranked = new ArrayList<>();
        int excluding = 0;
        for (Correlation c : ranking.correlations()) {
            CoefficientView rho = CoefficientView.of(c.spearman());
            boolean chance = rho == null || rho.intervalIncludesZero();
            excluding += chance ? 0 : 1;
            ranked.add(new RankedCorrelation(ranked.size() + 1, flowView(FlowSeriesSet.key(c.flowSeries()), flows),
                    c.lag(), c.n(), carried(c), rho, CoefficientView.of(c.pearson()),
                    c.reason() == null ? null : c.reason().words(), chance));
        }
        int tested = ranked.size();
        String note = tested + " correlations were computed (" + FlowSeriesSet.keys().size() + " flow series × lags 0.."
                + Correlation.MAX_LAG + "). Even where nothing links flow and result, about 1 in 20 of them has a 95% "
                + "interval that excludes 0 by chance alone (here about " + Math.round(tested / 20.0) + "), and the "
                + "largest |ρ| on few points is often one of them. Treat an entry as a lead, not a finding: only with "
                + "couldBeChance false, a large n, few carried pairs and neighbouring lags that agree; then look at "
                + "its pairs (GET .../correlation). Correlation, not cause.";
        return new RankingReport(SubjectView.of(subject), WindowView.of(window), Definitions.VERSION, wire(bucket),
                resultView(found, points, window), tested, excluding, note, ranked, Correlation.CAVEAT);
    }

    public ResultSeriesList available(Subject subject) {
        List<AvailableSeries> items = new ArrayList<>();
        for (ResultPointSource s : sources) {
            for (SeriesName n : s.available(subject.tenantId(), subject.valueStreamId())) {
                List<ResultPoint> points = s.points(subject.tenantId(), subject.valueStreamId(), n.category(),
                        n.series());
                LocalDate firstDate = points.stream().map(ResultPoint::date).min(LocalDate::compareTo).orElse(null);
                LocalDate lastDate = points.stream().map(ResultPoint::date).max(LocalDate::compareTo).orElse(null);
                items.add(new AvailableSeries(n.category(), n.series(), n.label(), n.unit(), n.higherIsBetter(),
                        points.size(), firstDate, lastDate));
            }
        }
        items.sort(java.util.Comparator.comparing(AvailableSeries::category)
                .thenComparing(a -> a.series() == null ? "" : a.series()));
        return new ResultSeriesList(SubjectView.of(subject), items);
    }

    private static FlowSeriesView flowView(FlowSeriesSet.Key key, FlowSeriesSet flows) {
        return new FlowSeriesView(key.metric().wire(), key.type() == null ? null : key.type().wire(), key.name(),
                key.type() == null ? key.metric().label() : key.metric().label() + ": " + key.type().wire(),
                key.metric().unit(), flows.firstActive());
    }

    private static ResultSeriesView resultView(Found found, List<ResultPoint> points, Window window) {
        LocalDate first = window.firstDate();
        LocalDate last = window.lastDate();
        int inside = (int) points.stream().filter(p -> !p.date().isBefore(first) && !p.date().isAfter(last)).count();
        SeriesName n = found.name();
        return new ResultSeriesView(n.category(), n.series(), n.label(), n.unit(), n.higherIsBetter(), inside);
    }

    private static int carried(Correlation c) {
        return (int) c.pairs().stream().filter(AlignedPair::resultCarried).count();
    }

    static String wire(Bucket bucket) {
        return bucket.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static ApiException unknownCategory(String category) {
        return unprocessable("category", "unknown category '" + category + "': not built-in, not one the tenant "
                + "defined, and served by no result source");
    }

    private static ApiException unprocessable(String parameter, String detail) {
        return ApiException.unprocessable(parameter + ": " + detail, List.of(new Problem.FieldError(parameter, detail)));
    }
}
