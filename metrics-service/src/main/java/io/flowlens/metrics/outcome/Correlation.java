package io.flowlens.metrics.outcome;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.flowlens.metrics.calc.Bucket;

/**
 * How strongly one flow series and one result series move together, with the result looked at
 * {@code lag} weeks or months after the flow.
 *
 * <p>How it is computed:
 * <ol>
 *   <li>The flow of bucket <i>i</i> is paired with the result of bucket <i>i + lag</i>
 *       (lag 0: the same week; lag 2: the result two weeks later, for effects that take time
 *       to show). Only buckets where both have a value form a pair; the pairs are part of the
 *       answer, so a chart can show exactly what the numbers summarise.</li>
 *   <li>With at least {@value #MIN_PAIRS} pairs: <b>Spearman's ρ</b> (do the two rise and fall in
 *       the same order? robust to outliers and to curved relations) and <b>Pearson's r</b> (how
 *       close the pairs lie to a straight line), each with a 95% interval by Fisher's z
 *       ({@link ConfidenceInterval#fisher95}). {@code n} is the number of pairs.</li>
 *   <li>Fewer than {@value #MIN_PAIRS} pairs, or a series with the same value in every pair:
 *       no coefficient, and the {@link #reason() reason} instead.</li>
 * </ol>
 * Every answer carries the words {@value #CAVEAT}: two things moving together may both follow a
 * third, or move together by chance, particularly when the interval is wide.
 *
 * @param flowSeries   the flow series' name
 * @param resultSeries the result series' name
 * @param bucket       weeks or months
 * @param lag          how many buckets the result is taken after the flow, 0..{@value #MAX_LAG}
 * @param n            the number of pairs
 * @param spearman     Spearman's ρ and its interval; null exactly when there is a reason
 * @param pearson      Pearson's r and its interval; null exactly when there is a reason
 * @param reason       why there is no coefficient; null when there is one
 * @param pairs        the {@code n} pairs, oldest flow bucket first
 * @param caveat       always {@value #CAVEAT}
 */
public record Correlation(String flowSeries, String resultSeries, Bucket bucket, int lag, int n,
        Coefficient spearman, Coefficient pearson, NoCoefficientReason reason, List<AlignedPair> pairs,
        String caveat) {

    /** The words every answer carries. */
    public static final String CAVEAT = "correlation, not cause";
    /** Fewer pairs than this give no coefficient ("too few points"). */
    public static final int MIN_PAIRS = 6;
    /** The longest lag, in buckets. */
    public static final int MAX_LAG = 6;

    public Correlation {
        Objects.requireNonNull(flowSeries, "flowSeries");
        Objects.requireNonNull(resultSeries, "resultSeries");
        Objects.requireNonNull(bucket, "bucket");
        checkLag(lag);
        pairs = List.copyOf(pairs);
        if (n != pairs.size()) {
            throw new IllegalArgumentException("n must be the number of pairs");
        }
        boolean hasCoefficient = reason == null;
        if ((spearman != null) != hasCoefficient || (pearson != null) != hasCoefficient) {
            throw new IllegalArgumentException("either both coefficients or a reason, not both or neither");
        }
        if (!CAVEAT.equals(caveat)) {
            throw new IllegalArgumentException("the caveat is always \"" + CAVEAT + "\"");
        }
    }

    /** Whether there are coefficients (else see {@link #reason()}). */
    public boolean hasCoefficient() {
        return reason == null;
    }

    /**
     * Correlates {@code flow} with {@code result} taken {@code lag} buckets later.
     *
     * @throws IllegalArgumentException when the lag is outside 0..{@value #MAX_LAG} or the two
     *                                  series are bucketed differently
     */
    public static Correlation of(FlowSeries flow, ResultSeries result, int lag) {
        checkLag(lag);
        return new Columns(result).correlate(new FlowColumns(flow, result.bucket()), lag);
    }

    static void checkLag(int lag) {
        if (lag < 0 || lag > MAX_LAG) {
            throw new IllegalArgumentException("lag must be 0.." + MAX_LAG + " buckets, was " + lag);
        }
    }

    /** A flow series as arrays, converted once and reused for every lag. */
    static final class FlowColumns {
        final String name;
        final LocalDate[] starts;
        final long[] index;
        final double[] values;
        final int[] order;

        FlowColumns(FlowSeries flow, Bucket bucket) {
            if (flow.bucket() != bucket) {
                throw new IllegalArgumentException(flow.name() + " is per " + flow.bucket()
                        + " but the result is per " + bucket);
            }
            name = flow.name();
            int size = flow.values().size();
            starts = new LocalDate[size];
            index = new long[size];
            values = new double[size];
            int i = 0;
            for (Map.Entry<LocalDate, Double> e : flow.values().entrySet()) {
                starts[i] = e.getKey();
                index[i] = BucketSteps.index(bucket, e.getKey());
                values[i] = e.getValue();
                i++;
            }
            order = Coefficients.order(values);
        }
    }

    /** A result series as arrays (its buckets are consecutive, so bucket i sits at i − first). */
    static final class Columns {
        final ResultSeries result;
        final long first;
        final double[] values;
        final int[] order;

        Columns(ResultSeries result) {
            this.result = result;
            List<ResultBucket> buckets = result.buckets();
            first = buckets.isEmpty() ? 0 : BucketSteps.index(result.bucket(), buckets.get(0).start());
            values = new double[buckets.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = buckets.get(i).value();
            }
            order = Coefficients.order(values);
        }

        Correlation correlate(FlowColumns flow, int lag) {
            List<ResultBucket> buckets = result.buckets();
            double[] x = new double[flow.values.length];
            double[] y = new double[flow.values.length];
            AlignedPair[] pairs = new AlignedPair[flow.values.length];
            int[] flowSlot = new int[flow.values.length];
            int[] resultSlot = new int[values.length];
            Arrays.fill(flowSlot, -1);
            Arrays.fill(resultSlot, -1);
            int n = 0;
            for (int i = 0; i < flow.values.length; i++) {
                long at = flow.index[i] + lag - first;
                if (at < 0 || at >= values.length) {
                    continue;
                }
                x[n] = flow.values[i];
                y[n] = values[(int) at];
                ResultBucket b = buckets.get((int) at);
                pairs[n] = new AlignedPair(flow.starts[i], b.start(), x[n], y[n], b.carried());
                flowSlot[i] = n;
                resultSlot[(int) at] = n; // each result bucket pairs with at most one flow bucket
                n++;
            }
            NoCoefficientReason reason = null;
            double rho = Double.NaN;
            double r = Double.NaN;
            if (n < MIN_PAIRS) {
                reason = NoCoefficientReason.TOO_FEW_POINTS;
            } else if (!Coefficients.varies(x, n) || !Coefficients.varies(y, n)) {
                reason = NoCoefficientReason.SERIES_DOES_NOT_VARY;
            } else {
                r = Coefficients.pearson(x, y, n);
                double[] rankX = new double[n];
                double[] rankY = new double[n];
                Coefficients.ranksOfSelected(flow.values, flow.order, flowSlot, rankX);
                Coefficients.ranksOfSelected(values, order, resultSlot, rankY);
                rho = Coefficients.pearson(rankX, rankY, n);
                if (Double.isNaN(r) || Double.isNaN(rho)) {
                    // differences too small for doubles to square: as good as constant
                    reason = NoCoefficientReason.SERIES_DOES_NOT_VARY;
                }
            }
            Coefficient spearman = reason == null ? coefficient(rho, n) : null;
            Coefficient pearson = reason == null ? coefficient(r, n) : null;
            return new Correlation(flow.name, result.name(), result.bucket(), lag, n, spearman, pearson,
                    reason, List.of(Arrays.copyOf(pairs, n)), CAVEAT);
        }

        private static Coefficient coefficient(double value, int n) {
            return new Coefficient(value, ConfidenceInterval.fisher95(value, n).orElseThrow());
        }
    }
}
