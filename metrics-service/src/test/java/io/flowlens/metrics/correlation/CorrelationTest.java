package io.flowlens.metrics.correlation;

import static io.flowlens.metrics.Fixtures.newTenant;
import static io.flowlens.metrics.correlation.Outcomes.W0;
import static io.flowlens.metrics.correlation.Outcomes.completions;
import static io.flowlens.metrics.correlation.Outcomes.doubles;
import static io.flowlens.metrics.correlation.Outcomes.fisher;
import static io.flowlens.metrics.correlation.Outcomes.get;
import static io.flowlens.metrics.correlation.Outcomes.pearson;
import static io.flowlens.metrics.correlation.Outcomes.point;
import static io.flowlens.metrics.correlation.Outcomes.round4;
import static io.flowlens.metrics.correlation.Outcomes.spearman;
import static io.flowlens.metrics.correlation.Outcomes.stream;
import static io.flowlens.metrics.correlation.Outcomes.weekly;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;

/**
 * GET /value-streams/{id}/correlation against datasets whose coefficients a naive second
 * implementation in the test computes: velocities per week against a weekly result, with lags,
 * carried-forward points, too few pairs, ties and a constant series.
 */
@QuarkusTest
class CorrelationTest {

    static final double NEAR = 1.1e-4; // both sides round to 4 decimals

    /** Velocities of weeks 0..7 (ties: 2, 2 and 3, 3) and a weekly result (ties: 10, 10). */
    static final int[] VELOCITY = { 2, 4, 1, 3, 3, 5, 2, 6 };
    static final double[] HAPPINESS = { 10, 30, 5, 20, 25, 40, 10, 45 };

    static String window(int weeks) {
        return "from=" + W0 + "&to=" + W0.plusWeeks(weeks);
    }

    static void assertCoefficients(JsonNode answer, double[] x, double[] y) {
        int n = x.length;
        assertEquals(n, answer.get("n").asInt());
        double rho = spearman(x, y);
        double r = pearson(x, y);
        assertEquals(round4(rho), answer.at("/spearman/value").asDouble(), NEAR);
        assertEquals(round4(r), answer.at("/pearson/value").asDouble(), NEAR);
        assertEquals(round4(fisher(rho, n)[0]), answer.at("/spearman/interval95/low").asDouble(), NEAR);
        assertEquals(round4(fisher(rho, n)[1]), answer.at("/spearman/interval95/high").asDouble(), NEAR);
        assertEquals(round4(fisher(r, n)[0]), answer.at("/pearson/interval95/low").asDouble(), NEAR);
        assertEquals(round4(fisher(r, n)[1]), answer.at("/pearson/interval95/high").asDouble(), NEAR);
        assertTrue(answer.get("reason").isNull());
        assertEquals("correlation, not cause", answer.get("caveat").asText());
    }

    @Test
    void velocityAgainstAWeeklyResultWithTies() {
        String tenant = newTenant();
        String stream = stream(tenant, "a", "UTC");
        completions(tenant, "a", VELOCITY);
        weekly(tenant, stream, "happiness", HAPPINESS);
        JsonNode answer = get(tenant, "/api/v1/value-streams/" + stream
                + "/correlation?flow=velocity&category=happiness&bucket=week&lag=0&" + window(8));
        double[] x = { 2, 4, 1, 3, 3, 5, 2, 6 };
        assertArrayEquals(x, doubles(answer.get("pairs"), "flow"));
        assertArrayEquals(HAPPINESS, doubles(answer.get("pairs"), "result"));
        assertCoefficients(answer, x, HAPPINESS);
        assertEquals("2025-01-06", answer.at("/pairs/0/flowBucket").asText());
        assertEquals("2025-W02", answer.at("/pairs/0/flowLabel").asText());
        assertEquals(0, answer.get("carriedPairs").asInt());
        assertEquals("velocity", answer.at("/flow/metric").asText());
        assertEquals("happiness", answer.at("/result/category").asText());
        assertEquals(8, answer.at("/result/pointsInWindow").asInt());
        assertEquals("week", answer.get("bucket").asText());
        assertEquals("value-stream", answer.at("/subject/kind").asText());
        // Ranks with ties make ρ differ from r here; both are strongly positive.
        assertTrue(answer.at("/spearman/value").asDouble() > 0.8);
        assertFalse(answer.at("/spearman/intervalIncludesZero").asBoolean());
    }

    @Test
    void aLagPairsTheFlowWithTheResultLaterAndFewerThanSixPairsGiveNoCoefficient() {
        String tenant = newTenant();
        String stream = stream(tenant, "a", "UTC");
        completions(tenant, "a", VELOCITY);
        weekly(tenant, stream, "happiness", HAPPINESS);
        String path = "/api/v1/value-streams/" + stream + "/correlation?flow=velocity&category=happiness&" + window(8);
        JsonNode lag2 = get(tenant, path + "&lag=2");
        assertEquals(2, lag2.get("lag").asInt());
        double[] x = { 2, 4, 1, 3, 3, 5 };
        double[] y = { 5, 20, 25, 40, 10, 45 };
        assertArrayEquals(x, doubles(lag2.get("pairs"), "flow"));
        assertArrayEquals(y, doubles(lag2.get("pairs"), "result"));
        assertEquals(W0.toString(), lag2.at("/pairs/0/flowBucket").asText());
        assertEquals(W0.plusWeeks(2).toString(), lag2.at("/pairs/0/resultBucket").asText());
        assertCoefficients(lag2, x, y);

        JsonNode lag3 = get(tenant, path + "&lag=3");
        assertEquals(5, lag3.get("n").asInt());
        assertEquals(5, lag3.get("pairs").size());
        assertEquals("too few points", lag3.get("reason").asText());
        assertTrue(lag3.get("spearman").isNull());
        assertTrue(lag3.get("pearson").isNull());
        assertEquals(6, lag3.get("minPairs").asInt());
        assertEquals("correlation, not cause", lag3.get("caveat").asText());
    }

    @Test
    void aResultIsCarriedForwardFromItsLastPointAlsoFromBeforeTheWindowButNeverBeforeItsFirst() {
        String tenant = newTenant();
        String stream = stream(tenant, "a", "UTC");
        completions(tenant, "a", VELOCITY);
        point(tenant, stream, "value", LocalDate.of(2024, 12, 2), 100); // superseded before the window
        point(tenant, stream, "value", LocalDate.of(2024, 12, 20), 6);
        point(tenant, stream, "value", LocalDate.of(2024, 12, 21), 8); // same week: mean 7, carried in
        point(tenant, stream, "value", W0.plusWeeks(2).plusDays(1), 12);
        point(tenant, stream, "value", W0.plusWeeks(5), 30);
        point(tenant, stream, "value", W0.plusWeeks(9), 99); // after the window
        JsonNode answer = get(tenant, "/api/v1/value-streams/" + stream
                + "/correlation?flow=velocity&category=value&" + window(8));
        double[] y = { 7, 7, 12, 12, 12, 30, 30, 30 };
        assertArrayEquals(y, doubles(answer.get("pairs"), "result"));
        boolean[] carried = { true, true, false, true, true, false, true, true };
        for (int i = 0; i < carried.length; i++) {
            assertEquals(carried[i], answer.at("/pairs/" + i + "/resultCarried").asBoolean(), "pair " + i);
        }
        assertEquals(6, answer.get("carriedPairs").asInt());
        assertEquals(2, answer.at("/result/pointsInWindow").asInt());
        assertCoefficients(answer, new double[] { 2, 4, 1, 3, 3, 5, 2, 6 }, y);

        // A result first measured in week 3 is unknown before: weeks 0..2 form no pair.
        String later = newTenant();
        String other = stream(later, "b", "UTC");
        completions(later, "b", VELOCITY);
        weekly(later, other, "quality", Double.NaN, Double.NaN, Double.NaN, 4, Double.NaN, 9, 1, 3);
        JsonNode fromWeek3 = get(later, "/api/v1/value-streams/" + other
                + "/correlation?flow=velocity&category=quality&" + window(8));
        assertEquals(5, fromWeek3.get("n").asInt());
        assertEquals(W0.plusWeeks(3).toString(), fromWeek3.at("/pairs/0/flowBucket").asText());
        assertArrayEquals(new double[] { 4, 4, 9, 1, 3 }, doubles(fromWeek3.get("pairs"), "result"));
        assertEquals("too few points", fromWeek3.get("reason").asText());
    }

    @Test
    void aConstantSeriesHasNoCoefficient() {
        String tenant = newTenant();
        String stream = stream(tenant, "a", "UTC");
        completions(tenant, "a", VELOCITY);
        weekly(tenant, stream, "cost", 5, 5, 5, 5, 5, 5, 5, 5);
        JsonNode answer = get(tenant, "/api/v1/value-streams/" + stream
                + "/correlation?flow=velocity&category=cost&" + window(8));
        assertEquals(8, answer.get("n").asInt());
        assertEquals("a series does not vary", answer.get("reason").asText());
        assertTrue(answer.get("spearman").isNull());
        assertEquals(8, answer.get("pairs").size());

        // The same for a flow that does not vary: two items every week.
        String flat = newTenant();
        String s2 = stream(flat, "b", "UTC");
        completions(flat, "b", 2, 2, 2, 2, 2, 2, 2, 2);
        weekly(flat, s2, "cost", HAPPINESS);
        assertEquals("a series does not vary", get(flat, "/api/v1/value-streams/" + s2
                + "/correlation?flow=velocity&category=cost&" + window(8)).get("reason").asText());
    }

    @Test
    void theWindowIsWholeWeeksAndWeeksBeforeAnyWorkAreInNoFlowSeries() {
        String tenant = newTenant();
        String stream = stream(tenant, "a", "UTC");
        completions(tenant, "a", VELOCITY);
        weekly(tenant, stream, "happiness", HAPPINESS);
        // From two weeks before any work, and both ends mid-week.
        JsonNode answer = get(tenant, "/api/v1/value-streams/" + stream + "/correlation?flow=velocity&category=happiness"
                + "&from=" + W0.minusWeeks(2).plusDays(2) + "&to=" + W0.plusWeeks(8).plusDays(3));
        assertEquals(W0.minusWeeks(2) + "T00:00:00Z", answer.at("/window/from").asText());
        assertEquals(W0.plusWeeks(8) + "T00:00:00Z", answer.at("/window/to").asText());
        assertEquals(W0.toString(), answer.at("/flow/firstBucketWithWork").asText());
        assertEquals(8, answer.get("n").asInt());
        assertCoefficients(answer, new double[] { 2, 4, 1, 3, 3, 5, 2, 6 }, HAPPINESS);

        // Months: three months of January..March 2025, too few.
        JsonNode months = get(tenant, "/api/v1/value-streams/" + stream
                + "/correlation?flow=velocity&category=happiness&bucket=month&from=2025-01-01&to=2025-04-01");
        assertEquals("month", months.get("bucket").asText());
        assertEquals("2025-01", months.at("/pairs/0/flowLabel").asText());
        assertEquals(3, months.get("n").asInt());
    }
}
