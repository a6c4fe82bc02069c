package io.flowlens.assessment.reliability;

import static io.flowlens.assessment.support.Api.as;
import static io.flowlens.assessment.support.Api.partner;
import static io.flowlens.assessment.support.Api.submission;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.flowlens.assessment.support.Api;
import io.quarkus.test.junit.QuarkusTest;

/** Cronbach's alpha over the API, against a hand-computed example, and the 100-organisation threshold. */
@QuarkusTest
class ReliabilityTest {

    /**
     * Four answer patterns (recoded: higher is better) over dimension x's five statements, x.5 reverse:
     * <pre>
     *   1 1 2 2 1   total  7
     *   2 2 2 3 3   total 12
     *   3 4 3 3 3   total 16
     *   4 5 5 4 5   total 23
     * </pre>
     * Item sums of squares 5, 10, 6, 2, 8 (Σ 31); totals' 137. Each pattern 25 times scales every
     * variance alike, so alpha = 5/4 × (1 − 31/137) = 132.5/137 = 0.96715… → 0.967.
     */
    private static final int[][] PATTERNS = {{1, 1, 2, 2, 1}, {2, 2, 2, 3, 3}, {3, 4, 3, 3, 3}, {4, 5, 5, 4, 5}};

    private void submit(String tenant, String version, int[] pattern) {
        String org = Api.createOrganisation(tenant, "software", "1-49", "europe");
        Map<String, Integer> answers = new java.util.HashMap<>();
        for (int i = 0; i < 5; i++) {
            // x.5 is reverse-scored: the recoded value r was answered as 6 − r.
            answers.put("x." + (i + 1), i == 4 ? 6 - pattern[i] : pattern[i]);
        }
        answers.put("y.1", 3);
        answers.put("y.2", 3);
        partner(tenant).body(submission(org, version, answers)).post("/api/v1/assessments").then().statusCode(201);
    }

    @Test
    void alphaPerDimensionOnceAHundredOrganisationsAnswered() {
        String version = "rel-" + UUID.randomUUID().toString().substring(0, 8);
        List<Map<String, Object>> xStatements = new java.util.ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            xStatements.add(i == 5 ? Map.of("id", "x.5", "text", "S5", "reverse", true) : Map.of("id", "x." + i, "text", "S" + i));
        }
        as(null, "platform").body(Map.of("id", version, "title", "Reliability test", "scale", Map.of("min", 1, "max", 5),
                "levels", List.of(Map.of("level", 1, "name", "Low", "from", 0)),
                "dimensions", List.of(Map.of("id", "x", "name", "X", "weight", 1, "statements", xStatements),
                        Map.of("id", "y", "name", "Y", "weight", 1, "statements",
                                List.of(Map.of("id", "y.1", "text", "Y1"), Map.of("id", "y.2", "text", "Y2"))))))
                .post("/api/v1/questionnaires").then().statusCode(201);
        String tenant = Api.newTenant();
        for (int i = 0; i < 99; i++) {
            submit(tenant, version, PATTERNS[i % 4]);
        }
        as(null, "platform").get("/api/v1/reliability/" + version).then().statusCode(422)
                .body("type", equalTo("https://flowlens.io/problems/not-enough-data"))
                .body("detail", containsString("has 99 scored organisations"));
        submit(tenant, version, PATTERNS[3]);

        as(null, "platform").get("/api/v1/reliability/" + version).then().statusCode(200)
                .body("organisations", equalTo(100))
                .body("dimensions[0].id", equalTo("x"))
                .body("dimensions[0].alpha", equalTo(0.967f))
                .body("dimensions[0].band", equalTo("excellent"))
                // Every y answer is 3: no variance, no alpha.
                .body("dimensions[1].alpha", nullValue()).body("dimensions[1].band", equalTo("undefined"));
        as(tenant, "admin").get("/api/v1/reliability/" + version).then().statusCode(403);
        as(null, "platform").get("/api/v1/reliability/nope").then().statusCode(404);
    }
}
