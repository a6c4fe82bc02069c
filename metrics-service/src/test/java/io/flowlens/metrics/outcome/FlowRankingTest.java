package io.flowlens.metrics.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;

import org.junit.jupiter.api.Test;

import io.flowlens.metrics.calc.Bucket;

/** Every flow series × lag 0..6 against one result, strongest |ρ| first, ties by lag then name. */
class FlowRankingTest {

    private static final LocalDate MONDAY = LocalDate.parse("2026-01-05");
    private static final int WEEKS = 30;

    /** A result that wanders without a pattern: values from a fixed seed, one point per week. */
    private static double[] resultValues() {
        SplittableRandom random = new SplittableRandom(7);
        double[] v = new double[WEEKS];
        for (int i = 0; i < WEEKS; i++) {
            v[i] = random.nextInt(1000) / 10.0;
        }
        return v;
    }

    private static ResultSeries result(double[] v) {
        List<ResultPoint> points = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            points.add(new ResultPoint(MONDAY.plusWeeks(i).plusDays(3), v[i]));
        }
        return ResultSeries.of("happiness", points, Bucket.WEEK);
    }

    private static FlowSeries flow(String name, int weeks, IntToDoubleFunction value) {
        Map<LocalDate, Double> values = new LinkedHashMap<>();
        for (int i = 0; i < weeks; i++) {
            values.put(MONDAY.plusWeeks(i), value.applyAsDouble(i));
        }
        return new FlowSeries(name, Bucket.WEEK, values);
    }

    @Test
    void theFlowThatLeadsTheResultByTwoWeeksComesFirstAtLagTwo() {
        double[] r = resultValues();
        FlowSeries leads = flow("leads", WEEKS - 2, i -> Math.exp(r[i + 2] / 20)); // same order, not linear
        FlowSeries inverse = flow("inverse", WEEKS, i -> -r[i] + 15 * Math.sin(i)); // strongly, not perfectly, opposed
        FlowSeries flat = flow("flat", WEEKS, i -> 4);
        FlowSeries brief = flow("brief", 5, i -> i);
        FlowRanking ranking = FlowRanking.of(result(r), List.of(flat, brief, inverse, leads));

        List<Correlation> all = ranking.correlations();
        assertEquals(4 * 7, all.size());
        Correlation top = all.get(0);
        assertEquals("leads", top.flowSeries());
        assertEquals(2, top.lag());
        assertEquals(1.0, top.spearman().value(), 1e-12);
        assertTrue(top.pearson().value() < 0.999, "monotone but curved: r below ρ");
        assertEquals(28, top.n(), "each of the 28 weeks of flow has a result 2 weeks later");
        assertEquals("happiness", ranking.resultSeries());
        assertEquals("correlation, not cause", ranking.caveat());

        // a strong negative link ranks by its size
        Correlation second = all.get(1);
        assertEquals("inverse", second.flowSeries());
        assertEquals(0, second.lag());
        assertTrue(second.spearman().value() < -0.8 && second.spearman().value() > -1, "" + second.spearman());

        // every series × lag exactly once
        Set<String> seen = new HashSet<>();
        for (Correlation c : all) {
            assertTrue(seen.add(c.flowSeries() + "@" + c.lag()));
        }

        // with a coefficient first, |ρ| never growing; then the rest, by lag then name
        int firstWithout = 0;
        while (all.get(firstWithout).hasCoefficient()) {
            firstWithout++;
        }
        for (int i = 1; i < firstWithout; i++) {
            assertTrue(Math.abs(all.get(i - 1).spearman().value()) >= Math.abs(all.get(i).spearman().value()));
        }
        List<String> rest = all.subList(firstWithout, all.size()).stream()
                .map(c -> c.lag() + " " + c.flowSeries() + " " + c.reason().words()).toList();
        List<String> expectedRest = new ArrayList<>();
        for (int lag = 0; lag <= 6; lag++) {
            expectedRest.add(lag + " brief too few points");
            expectedRest.add(lag + " flat a series does not vary");
        }
        assertEquals(expectedRest, rest);
    }

    @Test
    void equalStrengthGoesToTheShorterLagThenTheName() {
        double[] r = resultValues();
        FlowSeries b = flow("b-twin", WEEKS, i -> r[i] * r[i]);
        FlowSeries a = flow("a-twin", WEEKS, i -> r[i] * r[i]);
        List<Correlation> all = FlowRanking.of(result(r), List.of(b, a)).correlations();
        for (int i = 0; i < all.size(); i += 2) {
            assertEquals("a-twin", all.get(i).flowSeries(), "identical series tie: name decides");
            assertEquals("b-twin", all.get(i + 1).flowSeries());
            assertEquals(all.get(i).lag(), all.get(i + 1).lag());
        }
        assertEquals(0, all.get(0).lag());
        assertEquals(1.0, all.get(0).spearman().value(), 1e-12);
    }

    @Test
    void theOrderRuleOnItsOwn() {
        List<Correlation> shuffled = new ArrayList<>(List.of(
                made("x", 3, 0.5), made("y", 1, -0.8), made("x", 1, 0.8), made("a", 1, 0.8),
                made("z", 0, 0.1), tooFew("b", 2), tooFew("a", 2), tooFew("c", 0), made("w", 2, -0.5)));
        Collections.shuffle(shuffled, new Random(3));
        shuffled.sort(FlowRanking.ORDER);
        List<String> order = shuffled.stream().map(c -> c.flowSeries() + "@" + c.lag()).toList();
        assertEquals(List.of("a@1", "x@1", "y@1", "w@2", "x@3", "z@0", "c@0", "a@2", "b@2"), order);
    }

    private static Correlation made(String name, int lag, double rho) {
        ConfidenceInterval ci = ConfidenceInterval.fisher95(rho, 6).orElseThrow();
        return new Correlation(name, "r", Bucket.WEEK, lag, 6, new Coefficient(rho, ci), new Coefficient(rho, ci),
                null, pairs(6), Correlation.CAVEAT);
    }

    private static Correlation tooFew(String name, int lag) {
        return new Correlation(name, "r", Bucket.WEEK, lag, 2, null, null, NoCoefficientReason.TOO_FEW_POINTS,
                pairs(2), Correlation.CAVEAT);
    }

    private static List<AlignedPair> pairs(int n) {
        List<AlignedPair> p = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            p.add(new AlignedPair(MONDAY.plusWeeks(i), MONDAY.plusWeeks(i), i, i, false));
        }
        return p;
    }

    @Test
    void twoFlowSeriesWithOneNameAreRefused() {
        double[] r = resultValues();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FlowRanking.of(result(r), List.of(flow("load", 10, i -> i), flow("load", 10, i -> -i))));
        assertTrue(e.getMessage().contains("load"), e.getMessage());
    }

    @Test
    void aResultWithNoPointsRanksEveryFlowAsTooFewPoints() {
        FlowRanking ranking = FlowRanking.of(result(new double[0]), List.of(flow("velocity", 10, i -> i)));
        assertEquals(7, ranking.correlations().size());
        assertTrue(ranking.correlations().stream().allMatch(c -> c.reason() == NoCoefficientReason.TOO_FEW_POINTS));
        assertFalse(ranking.correlations().get(0).hasCoefficient());
    }

    @Test
    void threeYearsOfWeeksTimesTenFlowSeriesTimesSevenLags() {
        SplittableRandom random = new SplittableRandom(11);
        int weeks = 156;
        List<ResultPoint> points = new ArrayList<>();
        for (int i = 0; i < weeks; i++) {
            if (random.nextInt(4) > 0) {
                points.add(new ResultPoint(MONDAY.plusWeeks(i).plusDays(random.nextInt(7)), random.nextDouble() * 100));
            }
        }
        ResultSeries result = ResultSeries.of("value", points, Bucket.WEEK, MONDAY.plusWeeks(weeks - 1));
        List<FlowSeries> flows = new ArrayList<>();
        for (int f = 0; f < 10; f++) {
            Map<LocalDate, Double> values = new LinkedHashMap<>();
            for (int i = 0; i < weeks; i++) {
                if (random.nextInt(10) > 0) {
                    values.put(MONDAY.plusWeeks(i), random.nextDouble() * 20);
                }
            }
            flows.add(new FlowSeries("flow-" + f, Bucket.WEEK, values));
        }
        FlowRanking ranking = null;
        for (int i = 0; i < 2_000; i++) { // warm-up, so the figure is of compiled code
            ranking = FlowRanking.of(result, flows);
        }
        int runs = 2_000;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            ranking = FlowRanking.of(result, flows);
        }
        long wall = (System.nanoTime() - start) / runs;
        long cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / runs;
        // a figure for the reader, not an assertion: timings on a shared machine are noise
        // (CPU time leaves out the time the thread waited for a core)
        System.out.printf("FlowRanking: 156 weeks x 10 flow series x 7 lags = %d correlations: %d µs CPU, %d µs wall"
                + " per ranking%n", ranking.correlations().size(), cpu / 1_000, wall / 1_000);
        assertEquals(70, ranking.correlations().size());
        assertTrue(ranking.correlations().get(0).hasCoefficient());
    }
}
