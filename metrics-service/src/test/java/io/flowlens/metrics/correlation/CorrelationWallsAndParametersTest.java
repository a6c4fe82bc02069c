package io.flowlens.metrics.correlation;

import static io.flowlens.metrics.Fixtures.as;
import static io.flowlens.metrics.Fixtures.newTenant;
import static io.flowlens.metrics.correlation.Outcomes.W0;
import static io.flowlens.metrics.correlation.Outcomes.completions;
import static io.flowlens.metrics.correlation.Outcomes.get;
import static io.flowlens.metrics.correlation.Outcomes.stream;
import static io.flowlens.metrics.correlation.Outcomes.weekly;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.flowlens.common.identity.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Tenants are walls, readers read, bad parameters are 400s naming them, unknown result series
 * 422s; the result series list; the portfolio's side.
 */
@QuarkusTest
class CorrelationWallsAndParametersTest {

    static final String WINDOW = "from=" + W0 + "&to=" + W0.plusWeeks(8);

    @Test
    void anotherTenantsStreamIsNotFoundOnEveryCall() {
        String a = newTenant();
        String stream = stream(a, "a", "UTC");
        weekly(a, stream, "happiness", 1, 2, 3);
        String b = newTenant();
        String base = "/api/v1/value-streams/" + stream;
        for (String path : new String[] { base + "/correlation?flow=velocity&category=happiness",
                base + "/correlation-ranking?category=happiness", base + "/result-series",
                "/api/v1/portfolio/value-stream-summaries?valueStreamId=" + stream }) {
            as(b, Roles.READER).get(path).then().statusCode(404).contentType("application/problem+json");
        }
        // B's portfolio holds nothing of A's.
        as(b, Roles.READER).get("/api/v1/portfolio/result-series").then().statusCode(200)
                .body("items.size()", equalTo(0));
        as(b, Roles.READER).get("/api/v1/portfolio/value-stream-summaries").then().statusCode(200)
                .body("items.size()", equalTo(0));
    }

    @Test
    void readersAndMembersRead() {
        String tenant = newTenant();
        String stream = stream(tenant, "a", "UTC");
        completions(tenant, "a", 1, 2, 3, 4, 5, 6, 7, 8);
        weekly(tenant, stream, "value", 8, 7, 6, 5, 4, 3, 2, 1);
        String path = "/api/v1/value-streams/" + stream + "/correlation?flow=velocity&category=value&" + WINDOW;
        for (String role : new String[] { Roles.READER, Roles.MEMBER }) {
            as(tenant, role).get(path).then().statusCode(200).body("spearman.value", equalTo(-1.0f))
                    .body("pearson.value", equalTo(-1.0f));
        }
        as(tenant, Roles.READER).get("/api/v1/value-streams/" + stream + "/result-series").then().statusCode(200);
        io.restassured.RestAssured.given().get(path).then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void badParametersAreNamed() {
        String tenant = newTenant();
        String stream = stream(tenant, "a", "UTC");
        String base = "/api/v1/value-streams/" + stream + "/correlation?category=value&";
        Map<String, String> bad = Map.ofEntries(Map.entry("flow=velocity&bucket=day", "bucket"),
                Map.entry("flow=velocity&lag=7", "lag"), Map.entry("flow=velocity&lag=-1", "lag"),
                Map.entry("flow=velocity&lag=x", "lag"), Map.entry("bucket=week", "flow"),
                Map.entry("flow=speed", "flow"), Map.entry("flow=velocity&flowType=defect", "flowType"),
                Map.entry("flow=distribution", "flowType"), Map.entry("flow=distribution&flowType=bug", "flowType"),
                Map.entry("flow=velocity&from=2025-03-01&to=2025-01-01", "from"),
                Map.entry("flow=velocity&from=2015-01-01&to=2025-01-01", "to"),
                Map.entry("flow=velocity&from=2025-01-07&to=2025-01-12", "from"),
                Map.entry("flow=velocity&from=yesterday", "from"));
        bad.forEach((query, parameter) -> as(tenant, Roles.READER).get(base + query).then().statusCode(400)
                .contentType("application/problem+json").body("errors.pointer", hasItem(parameter)));
        as(tenant, Roles.READER).get("/api/v1/value-streams/" + stream + "/correlation?flow=velocity").then()
                .statusCode(400).body("errors.pointer", hasItem("category"));
        as(tenant, Roles.READER).get("/api/v1/value-streams/" + stream + "/correlation-ranking?category=value&bucket=year")
                .then().statusCode(400).body("errors.pointer", hasItem("bucket"));
        as(tenant, Roles.READER).get("/api/v1/portfolio/correlation?flow=velocity&category=value&zone=Mars/Base").then()
                .statusCode(400).body("errors.pointer", hasItem("zone"));
        // A category that does not exist, a series a one-series category does not hold: 422.
        as(tenant, Roles.READER).get("/api/v1/value-streams/" + stream + "/correlation?flow=velocity&category=no-such")
                .then().statusCode(422).contentType("application/problem+json").body("errors.pointer", hasItem("category"));
        as(tenant, Roles.READER).get(base + "flow=velocity&series=index").then().statusCode(422)
                .body("errors.pointer", hasItem("series"));
    }

    @Test
    void aKnownCategoryWithoutPointsIsTooFewPointsAndTheListShowsWhatHasPoints() {
        String tenant = newTenant();
        String stream = stream(tenant, "a", "UTC");
        completions(tenant, "a", 1, 2, 3, 4, 5, 6, 7, 8);
        as(tenant, Roles.MEMBER).contentType(ContentType.JSON)
                .body(Map.of("name", "nps", "label", "Net Promoter Score", "unit", "points", "higherIsBetter", true))
                .post("/api/v1/result-categories").then().statusCode(201);
        JsonNode empty = get(tenant, "/api/v1/value-streams/" + stream + "/correlation?flow=velocity&category=nps&"
                + WINDOW);
        assertEquals(0, empty.get("n").asInt());
        assertEquals("too few points", empty.get("reason").asText());
        assertEquals("Net Promoter Score", empty.at("/result/label").asText());

        weekly(tenant, stream, "nps", 40, Double.NaN, 42);
        weekly(tenant, stream, "cost", 900);
        JsonNode list = get(tenant, "/api/v1/value-streams/" + stream + "/result-series");
        assertEquals(2, list.get("items").size());
        JsonNode cost = list.at("/items/0");
        assertEquals("cost", cost.get("category").asText());
        assertTrue(cost.get("series").isNull());
        assertEquals(false, cost.get("higherIsBetter").asBoolean());
        JsonNode nps = list.at("/items/1");
        assertEquals("nps", nps.get("category").asText());
        assertEquals("points", nps.get("unit").asText());
        assertEquals(2, nps.get("points").asInt());
        assertEquals(W0.plusDays(3).toString(), nps.get("firstDate").asText());
        assertEquals(W0.plusWeeks(2).plusDays(3).toString(), nps.get("lastDate").asText());

        // Business results are per stream: the portfolio has none, and its correlation says so with n = 0.
        assertEquals(0, get(tenant, "/api/v1/portfolio/result-series").get("items").size());
        JsonNode portfolio = get(tenant, "/api/v1/portfolio/correlation?flow=velocity&category=nps&" + WINDOW);
        assertEquals("portfolio", portfolio.at("/subject/kind").asText());
        assertEquals(0, portfolio.get("n").asInt());
        assertEquals("too few points", portfolio.get("reason").asText());
        JsonNode ranking = get(tenant, "/api/v1/portfolio/correlation-ranking?category=nps&" + WINDOW);
        assertEquals(63, ranking.get("tested").asInt());
    }
}
