package io.flowlens.metrics.correlation;

import static io.flowlens.metrics.Fixtures.newTenant;
import static io.flowlens.metrics.correlation.Outcomes.W0;
import static io.flowlens.metrics.correlation.Outcomes.completions;
import static io.flowlens.metrics.correlation.Outcomes.get;
import static io.flowlens.metrics.correlation.Outcomes.stream;
import static io.flowlens.metrics.correlation.Outcomes.weekly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;

/** GET .../correlation-ranking: every flow series × lag, by |ρ|, each as .../correlation answers it. */
@QuarkusTest
class CorrelationRankingTest {

    @Test
    void everyFlowSeriesAtEveryLagRankedByTheSizeOfRhoWithItsIntervalBeside() {
        String tenant = newTenant();
        String stream = stream(tenant, "a", "UTC");
        completions(tenant, "a", 2, 4, 1, 3, 3, 5, 2, 6, 1, 4);
        weekly(tenant, stream, "happiness", 10, 30, 5, 20, 25, 40, 10, 45, 3, 28);
        String window = "from=" + W0 + "&to=" + W0.plusWeeks(10);
        JsonNode ranking = get(tenant, "/api/v1/value-streams/" + stream + "/correlation-ranking?category=happiness&"
                + window);
        JsonNode list = ranking.get("correlations");
        assertEquals(63, ranking.get("tested").asInt());
        assertEquals(63, list.size());
        assertEquals("correlation, not cause", ranking.get("caveat").asText());
        assertTrue(ranking.get("note").asText().contains("by chance"));
        Set<String> seen = new HashSet<>();
        double previous = Double.MAX_VALUE;
        boolean coefficients = true;
        int excluding = 0;
        for (int i = 0; i < list.size(); i++) {
            JsonNode e = list.get(i);
            assertEquals(i + 1, e.get("rank").asInt());
            assertTrue(seen.add(e.at("/flow/name").asText() + "@" + e.get("lag").asInt()));
            if (e.get("spearman").isNull()) {
                coefficients = false;
                assertFalse(e.get("reason").isNull());
                assertTrue(e.get("couldBeChance").asBoolean());
                continue;
            }
            assertTrue(coefficients, "those with a coefficient come first");
            double size = Math.abs(e.at("/spearman/value").asDouble());
            assertTrue(size <= previous, "ordered by |rho| at rank " + (i + 1));
            previous = size;
            double low = e.at("/spearman/interval95/low").asDouble();
            double high = e.at("/spearman/interval95/high").asDouble();
            assertEquals(low <= 0 && high >= 0, e.get("couldBeChance").asBoolean());
            excluding += e.get("couldBeChance").asBoolean() ? 0 : 1;
        }
        assertEquals(excluding, ranking.get("intervalExcludesZero").asInt());
        // Every item is a feature 1 h in flow, out of the load by the day's end: only velocity varies.
        // The entry for velocity at lag 1 is what .../correlation answers for it.
        JsonNode single = get(tenant, "/api/v1/value-streams/" + stream
                + "/correlation?flow=velocity&lag=1&category=happiness&" + window);
        for (JsonNode e : list) {
            if (e.at("/flow/name").asText().equals("velocity") && e.get("lag").asInt() == 1) {
                assertEquals(single.get("n").asInt(), e.get("n").asInt());
                assertEquals(single.at("/spearman/value").asDouble(), e.at("/spearman/value").asDouble());
                assertEquals(single.at("/pearson/interval95/low").asDouble(), e.at("/pearson/interval95/low").asDouble());
            }
            if (!e.at("/flow/name").asText().equals("velocity") && e.get("lag").asInt() < 5) {
                assertEquals("a series does not vary", e.get("reason").asText());
            }
            if (e.get("lag").asInt() >= 5) {
                assertEquals("too few points", e.get("reason").asText()); // 10 weeks − 5 = 5 pairs
            }
        }
    }
}
