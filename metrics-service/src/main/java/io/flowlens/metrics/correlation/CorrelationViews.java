package io.flowlens.metrics.correlation;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.flowlens.metrics.flow.FlowReport;
import io.flowlens.metrics.flow.Views.SubjectView;
import io.flowlens.metrics.flow.Views.WindowView;
import io.flowlens.metrics.outcome.Coefficient;
import io.flowlens.metrics.outcome.Correlation;

/** The answers of the correlation endpoints. */
public final class CorrelationViews {

    private CorrelationViews() {
    }

    static final String CAVEAT = "Always \"correlation, not cause\": two series that move together may both follow a "
            + "third thing, or move together by chance, particularly when the interval is wide.";
    static final String REASON = "Why there is no coefficient: \"too few points\" (fewer than 6 pairs) or \"a series "
            + "does not vary\" (the flow or the result has one value in every pair); null when there are coefficients";

    @Schema(description = "The flow series: a flow metric per bucket, as the /flow series compute it, unrounded "
            + "(shown values are rounded like /flow)")
    public record FlowSeriesView(
            @Schema(required = true, enumeration = { "velocity", "flowTimeP50", "flowTimeP85", "efficiency", "loadMean",
                    "distribution" }, examples = "flowTimeP85") String metric,
            @Schema(description = "The flow type whose share distribution is; null for the other metrics",
                    enumeration = { "feature", "defect", "risk", "debt" }, nullable = true) String flowType,
            @Schema(required = true, description = "The series' name in rankings", examples = "distribution.defect") String name,
            @Schema(required = true, examples = "Flow time, 85th percentile") String label,
            @Schema(required = true, enumeration = { "items", "days", "percent" }) String unit,
            @Schema(description = "The first bucket in which anything was completed or in progress; the buckets "
                    + "before it are in no flow series (no sign of work yet: unknown, not zero). Null when the "
                    + "window holds no work at all", nullable = true) LocalDate firstBucketWithWork) {
    }

    @Schema(description = "The result series: a business result per bucket, the mean of its points, carried "
            + "forward from the last bucket with points where a bucket has none (never before the first point)")
    public record ResultSeriesView(
            @Schema(required = true, examples = "happiness") String category,
            @Schema(description = "The series within the category (customer-centricity: index or a dimension); null "
                    + "for a category that is one series", nullable = true) String series,
            @Schema(required = true, examples = "Happiness") String label,
            @Schema(nullable = true) String unit,
            @Schema(required = true) boolean higherIsBetter,
            @Schema(required = true, description = "Points dated inside the window (a point before it may still be "
                    + "carried into its first buckets)") int pointsInWindow) {
    }

    @Schema(description = "A 95% interval by Fisher's z, tanh(atanh(r) ± 1.96 / sqrt(n − 3)); bounds rounded to 4 "
            + "decimals half away from zero")
    public record IntervalView(@Schema(required = true, examples = "0.21") double low,
            @Schema(required = true, examples = "0.78") double high) {
    }

    @Schema(description = "A coefficient from −1 to 1, rounded once to 4 decimals half away from zero, with its 95% "
            + "interval")
    public record CoefficientView(@Schema(required = true, examples = "0.5632") double value,
            @Schema(required = true) IntervalView interval95,
            @Schema(required = true, description = "Whether the interval contains 0: the data cannot tell this link "
                    + "from none") boolean intervalIncludesZero) {

        static CoefficientView of(Coefficient c) {
            if (c == null) {
                return null;
            }
            Coefficient r = c.rounded();
            return new CoefficientView(r.value(), new IntervalView(r.interval95().low(), r.interval95().high()),
                    r.interval95().low() <= 0 && r.interval95().high() >= 0);
        }
    }

    @Schema(description = "One pair: the flow of one bucket beside the result lag buckets later")
    public record PairView(@Schema(required = true, description = "First day of the flow's bucket") LocalDate flowBucket,
            @Schema(required = true, examples = "2026-W10") String flowLabel,
            @Schema(required = true, description = "First day of the result's bucket") LocalDate resultBucket,
            @Schema(required = true, examples = "2026-W12") String resultLabel,
            @Schema(required = true, description = "The flow value, rounded as /flow shows it") double flow,
            @Schema(required = true, description = "The result: the mean of the bucket's points, unrounded, or the "
                    + "carried value") double result,
            @Schema(required = true, description = "Whether the result was carried forward (the bucket has no point)")
            boolean resultCarried) {
    }

    @Schema(description = "How strongly one flow series and one result series move together, the result taken lag "
            + "buckets after the flow. " + CAVEAT)
    public record CorrelationReport(@Schema(required = true) SubjectView subject,
            @Schema(required = true, description = "The window actually used: whole buckets only (see the operation)")
            WindowView window,
            @Schema(required = true, examples = "flowlens-flow-2") String definitions,
            @Schema(required = true, enumeration = { "week", "month" }) String bucket,
            @Schema(required = true, minimum = "0", maximum = "6") int lag,
            @Schema(required = true) FlowSeriesView flow,
            @Schema(required = true) ResultSeriesView result,
            @Schema(required = true, description = "The number of pairs") int n,
            @Schema(required = true, description = "Pairs whose result was carried forward, not measured in its "
                    + "bucket: many of them make n look larger than the information it holds") int carriedPairs,
            @Schema(required = true, description = "Fewer pairs give no coefficient", examples = "6") int minPairs,
            @Schema(description = "Spearman's ρ (average ranks for ties) and its interval; null with a reason",
                    nullable = true) CoefficientView spearman,
            @Schema(description = "Pearson's r and its interval; null with a reason", nullable = true)
            CoefficientView pearson,
            @Schema(description = REASON, nullable = true, enumeration = { "too few points", "a series does not vary" })
            String reason,
            @Schema(required = true, description = "The n pairs, oldest flow bucket first") List<PairView> pairs,
            @Schema(required = true, enumeration = Correlation.CAVEAT) String caveat) {
    }

    @Schema(description = "One flow series at one lag, with n and intervals beside it")
    public record RankedCorrelation(@Schema(required = true, description = "1 = the largest |ρ|") int rank,
            @Schema(required = true) FlowSeriesView flow,
            @Schema(required = true, minimum = "0", maximum = "6") int lag,
            @Schema(required = true) int n,
            @Schema(required = true) int carriedPairs,
            @Schema(nullable = true) CoefficientView spearman,
            @Schema(nullable = true) CoefficientView pearson,
            @Schema(description = REASON, nullable = true, enumeration = { "too few points", "a series does not vary" })
            String reason,
            @Schema(required = true, description = "True when Spearman's interval contains 0 or there is no "
                    + "coefficient: not a finding, whatever |ρ| says") boolean couldBeChance) {
    }

    @Schema(description = "Which flow metric moves with this result, and after how long: every flow series × lag "
            + "0..6, by |ρ| (strongest first; equal sizes by the shorter lag, then by name), those without a "
            + "coefficient last. " + CAVEAT)
    public record RankingReport(@Schema(required = true) SubjectView subject,
            @Schema(required = true) WindowView window,
            @Schema(required = true, examples = "flowlens-flow-2") String definitions,
            @Schema(required = true, enumeration = { "week", "month" }) String bucket,
            @Schema(required = true) ResultSeriesView result,
            @Schema(required = true, description = "How many correlations were computed (flow series × lags)",
                    examples = "63") int tested,
            @Schema(required = true, description = "How many have a coefficient whose Spearman interval excludes 0")
            int intervalExcludesZero,
            @Schema(required = true, description = "How to read the list") String note,
            @Schema(required = true) List<RankedCorrelation> correlations,
            @Schema(required = true, enumeration = Correlation.CAVEAT) String caveat) {
    }

    @Schema(description = "A result series a correlation can use")
    public record AvailableSeries(@Schema(required = true, examples = "customer-centricity") String category,
            @Schema(description = "The series within the category; null for a category that is one series",
                    nullable = true, examples = "index") String series,
            @Schema(required = true) String label,
            @Schema(nullable = true) String unit,
            @Schema(required = true) boolean higherIsBetter,
            @Schema(required = true, description = "How many points it has") int points,
            @Schema(nullable = true) LocalDate firstDate,
            @Schema(nullable = true) LocalDate lastDate) {
    }

    @Schema(description = "The result series of a value stream (or the portfolio), from every source: the tenant's "
            + "business results and the customer-centricity series of the linked organisation")
    public record ResultSeriesList(@Schema(required = true) SubjectView subject,
            @Schema(required = true) List<AvailableSeries> items) {
    }

    @Schema(description = "The flow summary of several value streams for one window, each exactly as /flow gives it "
            + "(without series)")
    public record SummaryPage(@Schema(required = true) List<FlowReport> items,
            @Schema(description = "Opaque cursor of the next page; null on the last page (always null when ids "
                    + "were given)", nullable = true) String nextCursor) {
    }
}
