package io.flowlens.metrics.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.flowlens.metrics.calc.Bucket;

/**
 * Seeded random series through the library and through a deliberately naive second
 * implementation written here from the definition (date arithmetic instead of bucket numbers,
 * scanning every point per bucket, one-pass textbook sums, ranks by counting). A failure names
 * its seed, which replays it exactly.
 */
class NaiveComparisonTest {

    private static final double TOLERANCE = 1e-9;
    private static final int TRIES = 600;

    /** The definition read literally. */
    static final class Naive {

        record Value(double value, boolean carried) {
        }

        static LocalDate plus(Bucket bucket, LocalDate start, int k) {
            return bucket == Bucket.WEEK ? start.plusWeeks(k) : start.plusMonths(k);
        }

        static TreeMap<LocalDate, Value> bucketed(List<ResultPoint> points, Bucket bucket, LocalDate through) {
            TreeMap<LocalDate, Value> out = new TreeMap<>();
            LocalDate firstDate = null;
            for (ResultPoint p : points) {
                if (!p.date().isAfter(through) || bucket.startOf(p.date()).equals(bucket.startOf(through))) {
                    firstDate = firstDate == null || p.date().isBefore(firstDate) ? p.date() : firstDate;
                }
            }
            if (firstDate == null) {
                return out;
            }
            Value last = null;
            for (LocalDate b = bucket.startOf(firstDate); !b.isAfter(bucket.startOf(through)); b = plus(bucket, b, 1)) {
                double sum = 0;
                int count = 0;
                for (ResultPoint p : points) { // every point, every bucket
                    if (bucket.startOf(p.date()).equals(b)) {
                        sum += p.value();
                        count++;
                    }
                }
                last = count > 0 ? new Value(sum / count, false) : new Value(last.value(), true);
                out.put(b, last);
            }
            return out;
        }

        static double pearson(double[] x, double[] y) {
            int n = x.length;
            double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
            for (int i = 0; i < n; i++) {
                sx += x[i];
                sy += y[i];
                sxx += x[i] * x[i];
                syy += y[i] * y[i];
                sxy += x[i] * y[i];
            }
            return (n * sxy - sx * sy) / Math.sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
        }

        static double[] ranks(double[] v) {
            double[] r = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                int below = 0, equal = 0;
                for (double w : v) {
                    below += w < v[i] ? 1 : 0;
                    equal += w == v[i] ? 1 : 0;
                }
                r[i] = below + (equal + 1) / 2.0;
            }
            return r;
        }

        static boolean constant(double[] v) {
            for (double w : v) {
                if (w != v[0]) {
                    return false;
                }
            }
            return true;
        }
    }

    @Test
    void randomSeriesAgreeWithTheNaiveImplementation() {
        Map<String, Integer> outcomes = new TreeMap<>();
        for (long seed = 1; seed <= TRIES; seed++) {
            Correlation c = check(seed);
            outcomes.merge(c.hasCoefficient() ? "coefficient" : c.reason().words(), 1, Integer::sum);
        }
        System.out.println("NaiveComparisonTest: " + TRIES + " tries, " + outcomes);
        // the tries must reach every branch, or this comparison would prove less than it seems
        assertEquals(3, outcomes.size(), outcomes.toString());
        assertTrue(outcomes.get("coefficient") > TRIES / 2, outcomes.toString());
    }

    private static Correlation check(long seed) {
        String at = "seed " + seed;
        SplittableRandom random = new SplittableRandom(seed);
        Bucket bucket = random.nextBoolean() ? Bucket.WEEK : Bucket.MONTH;
        boolean ties = random.nextInt(3) == 0; // small integer values: many ties
        LocalDate origin = bucket.startOf(LocalDate.of(2024, 1, 1).plusDays(random.nextInt(800)));
        int length = 3 + random.nextInt(bucket == Bucket.WEEK ? 160 : 40);

        // results: multiples of 1/4, so every bucket mean is exact in doubles in any summing order
        List<ResultPoint> points = new ArrayList<>();
        int pointCount = random.nextInt(length * 2 + 1);
        for (int i = 0; i < pointCount; i++) {
            LocalDate date = origin.plusDays(random.nextInt(bucket == Bucket.WEEK ? length * 7 : length * 30));
            double value = ties ? random.nextInt(4) : random.nextInt(400) / 4.0 - 50;
            points.add(new ResultPoint(date, value));
        }
        LocalDate through = origin.plusDays(random.nextInt(bucket == Bucket.WEEK ? length * 7 + 60 : length * 31));

        Map<LocalDate, Double> flowValues = new LinkedHashMap<>();
        for (int i = 0; i < length; i++) {
            if (random.nextInt(5) > 0) { // about one bucket in five has no value
                double v = ties ? random.nextInt(3) : random.nextDouble() * 30 - 5;
                flowValues.put(Naive.plus(bucket, origin, i), v);
            }
        }
        FlowSeries flow = new FlowSeries("flow", bucket, flowValues);
        int lag = random.nextInt(Correlation.MAX_LAG + 1);

        ResultSeries result = ResultSeries.of("result", points, bucket, through);
        TreeMap<LocalDate, Naive.Value> naive = Naive.bucketed(points, bucket, through);
        assertEquals(naive.size(), result.buckets().size(), at);
        for (ResultBucket b : result.buckets()) {
            Naive.Value v = naive.get(b.start());
            assertEquals(v.value(), b.value(), at);
            assertEquals(v.carried(), b.carried(), at + " " + b.start());
        }

        List<AlignedPair> expected = new ArrayList<>();
        for (Map.Entry<LocalDate, Double> e : new TreeMap<>(flowValues).entrySet()) {
            LocalDate resultBucket = Naive.plus(bucket, e.getKey(), lag);
            Naive.Value v = naive.get(resultBucket);
            if (v != null) {
                expected.add(new AlignedPair(e.getKey(), resultBucket, e.getValue(), v.value(), v.carried()));
            }
        }
        Correlation c = Correlation.of(flow, result, lag);
        assertEquals(expected, c.pairs(), at);
        assertEquals(expected.size(), c.n(), at);

        double[] x = expected.stream().mapToDouble(AlignedPair::flow).toArray();
        double[] y = expected.stream().mapToDouble(AlignedPair::result).toArray();
        if (x.length < 6) {
            assertEquals(NoCoefficientReason.TOO_FEW_POINTS, c.reason(), at);
        } else if (Naive.constant(x) || Naive.constant(y)) {
            assertEquals(NoCoefficientReason.SERIES_DOES_NOT_VARY, c.reason(), at);
        } else {
            assertNull(c.reason(), at);
            double r = Naive.pearson(x, y);
            double rho = Naive.pearson(Naive.ranks(x), Naive.ranks(y));
            assertEquals(r, c.pearson().value(), TOLERANCE, at);
            assertEquals(rho, c.spearman().value(), TOLERANCE, at);
            double half = 1.96 / Math.sqrt(x.length - 3);
            double z = 0.5 * Math.log((1 + rho) / (1 - rho));
            assertEquals(Math.tanh(z - half), c.spearman().interval95().low(), TOLERANCE, at);
            assertEquals(Math.tanh(z + half), c.spearman().interval95().high(), TOLERANCE, at);
        }

        // the ranking computes the same correlation for the same flow and lag
        FlowRanking ranking = FlowRanking.of(result, List.of(flow));
        assertEquals(c, ranking.correlations().stream().filter(k -> k.lag() == lag).findFirst().orElseThrow(), at);
        return c;
    }

    @Test
    void withoutTiesRhoIsTheClassicRankDifferenceFormula() {
        for (long seed = 1; seed <= TRIES; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            int n = 6 + random.nextInt(150);
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = random.nextDouble();
                y[i] = x[i] * random.nextDouble(-1, 1) + random.nextGaussian(); // some link, some noise
            }
            double[] rx = Naive.ranks(x);
            double[] ry = Naive.ranks(y);
            double sumD2 = 0;
            for (int i = 0; i < n; i++) {
                sumD2 += (rx[i] - ry[i]) * (rx[i] - ry[i]);
            }
            double classic = 1 - 6 * sumD2 / ((double) n * ((double) n * n - 1));
            assertEquals(classic, Coefficients.spearman(x, y, n), TOLERANCE, "seed " + seed);
        }
    }
}
