package io.flowlens.metrics.outcome;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.flowlens.metrics.calc.Bucket;

/**
 * Which flow metric moves with this outcome, and after how long? Every flow series at every lag
 * 0..{@value Correlation#MAX_LAG} correlated with one result series, strongest first.
 *
 * <p>Order: correlations with a coefficient first, by the size of Spearman's ρ (|ρ|, so a strong
 * negative link ranks as high as a strong positive one); equal sizes by the shorter lag, then by
 * the flow series' name. Then those without a coefficient, with their reason, by lag and name.
 *
 * <p>Read the top of the list with its {@code n} and interval: it tests 7 lags of every flow
 * series, so some large |ρ| turn up by chance alone, the more so on few points. A top entry whose
 * interval spans 0, or whose neighbours at the next lags say something else, is a coincidence
 * until more data says otherwise. {@value Correlation#CAVEAT}.
 *
 * @param resultSeries the result series' name
 * @param bucket       weeks or months
 * @param correlations every flow series × lag, in the order above
 * @param caveat       always {@value Correlation#CAVEAT}
 */
public record FlowRanking(String resultSeries, Bucket bucket, List<Correlation> correlations, String caveat) {

    static final Comparator<Correlation> ORDER = (a, b) -> {
        if (a.hasCoefficient() != b.hasCoefficient()) {
            return a.hasCoefficient() ? -1 : 1;
        }
        int byStrength = Double.compare(strength(b), strength(a)); // stronger first
        if (byStrength != 0) {
            return byStrength;
        }
        int byLag = Integer.compare(a.lag(), b.lag());
        return byLag != 0 ? byLag : a.flowSeries().compareTo(b.flowSeries());
    };

    public FlowRanking {
        Objects.requireNonNull(resultSeries, "resultSeries");
        Objects.requireNonNull(bucket, "bucket");
        correlations = List.copyOf(correlations);
        if (!Correlation.CAVEAT.equals(caveat)) {
            throw new IllegalArgumentException("the caveat is always \"" + Correlation.CAVEAT + "\"");
        }
    }

    /**
     * Ranks every flow series at every lag against {@code result}.
     *
     * @throws IllegalArgumentException when two flow series share a name or one is bucketed
     *                                  differently from the result
     */
    public static FlowRanking of(ResultSeries result, List<FlowSeries> flows) {
        Set<String> names = new HashSet<>();
        Correlation.Columns columns = new Correlation.Columns(result);
        List<Correlation> all = new ArrayList<>(flows.size() * (Correlation.MAX_LAG + 1));
        for (FlowSeries flow : flows) {
            if (!names.add(flow.name())) {
                throw new IllegalArgumentException("two flow series are named " + flow.name());
            }
            Correlation.FlowColumns flowColumns = new Correlation.FlowColumns(flow, result.bucket());
            for (int lag = 0; lag <= Correlation.MAX_LAG; lag++) {
                all.add(columns.correlate(flowColumns, lag));
            }
        }
        all.sort(ORDER);
        return new FlowRanking(result.name(), result.bucket(), all, Correlation.CAVEAT);
    }

    private static double strength(Correlation c) {
        return c.hasCoefficient() ? Math.abs(c.spearman().value()) : 0;
    }
}
