package io.flowlens.ingestion.mapping;

import static io.flowlens.ingestion.support.Api.as;
import static io.flowlens.ingestion.support.Api.fixture;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.flowlens.ingestion.support.Api;
import io.flowlens.ingestion.support.FakeMetricsService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Mapping defaults, overrides, and re-deriving a connection's items when its mapping changes. */
@QuarkusTest
class MappingTest {

    static JsonPath waitForJob(String tenant, String job) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            JsonPath j = as(tenant, "reader").get("/api/v1/jobs/" + job).then().statusCode(200).extract().jsonPath();
            if ("succeeded".equals(j.getString("status")) || "failed".equals(j.getString("status"))) {
                return j;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("job still " + j.getString("status"));
            }
            Thread.sleep(50);
        }
    }

    static String importHistory(String tenant, String conn) throws InterruptedException {
        String job = as(tenant, "member").contentType("application/x-ndjson").body(fixture("generic/history.ndjson"))
                .post("/api/v1/connections/" + conn + "/imports").then().statusCode(202).extract().path("id");
        assertEquals("succeeded", waitForJob(tenant, job).getString("status"));
        return job;
    }

    @Test
    void eachTrackerHasSensibleDefaults() {
        String tenant = Api.newTenant();
        String jira = Api.connection(tenant, "jira", "jira-secret-1");
        as(tenant, "reader").get("/api/v1/connections/" + jira + "/mapping").then().statusCode(200)
                .body("defaults.categories.indeterminate", equalTo("active"))
                .body("defaults.types.bug", equalTo("defect"))
                .body("defaults.statuses.'in review'", equalTo("waiting"));
        String github = Api.connection(tenant, "github", "gh-secret-12");
        as(tenant, "reader").get("/api/v1/connections/" + github + "/mapping").then()
                .body("defaults.statuses.'closed:not_planned'", equalTo("canceled"))
                .body("defaults.labels.bug", equalTo("defect"));
        String linear = Api.connection(tenant, "linear", "lin-secret-1");
        as(tenant, "reader").get("/api/v1/connections/" + linear + "/mapping").then()
                .body("defaults.categories.started", equalTo("active"));
    }

    @Test
    void aBadOverrideIsA400NamingTheEntryAndChangesNothing() {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "generic", "generic-secret");
        as(tenant, "member").contentType("application/json")
                .body("{\"types\":{\"Spike\":\"research\"},\"statuses\":{\"In Progress\":\"busy\"}}")
                .put("/api/v1/connections/" + conn + "/mapping").then().statusCode(400)
                .body("errors.pointer", hasItem("/types/Spike")).body("errors.pointer", hasItem("/statuses/In Progress"));
        as(tenant, "member").contentType("application/json").body("{\"colours\":{}}")
                .put("/api/v1/connections/" + conn + "/mapping").then().statusCode(400);
        as(tenant, "reader").get("/api/v1/connections/" + conn + "/mapping").then()
                .body("overrides.statuses", equalTo(java.util.Map.of()));
        as(Api.newTenant(), "member").contentType("application/json").body("{\"types\":{}}")
                .put("/api/v1/connections/" + conn + "/mapping").then().statusCode(404);
    }

    @Test
    void changingTheMappingReDerivesItemsAndTheChangeReachesMetrics() throws Exception {
        FakeMetricsService metrics = FakeMetricsService.get();
        metrics.setDown(false);
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "generic", "generic-secret");
        importHistory(tenant, conn);
        String shop2 = as(tenant, "reader").get("/api/v1/items?connectionId=" + conn + "&flowType=defect").then()
                .body("items[0].flowState", equalTo("waiting")).extract().path("items[0].id");
        long before = as(tenant, "reader").get("/api/v1/items/" + shop2).then().extract().jsonPath().getLong("revision");

        String job = as(tenant, "member").contentType("application/json")
                .body("{\"types\":{\"Bug\":\"debt\"},\"statuses\":{\"Blocked\":\"active\"}}")
                .put("/api/v1/connections/" + conn + "/mapping").then().statusCode(202)
                .body("kind", equalTo("remap")).extract().path("id");
        JsonPath done = waitForJob(tenant, job);
        assertEquals("succeeded", done.getString("status"));
        assertEquals(3, done.getInt("records"));
        assertEquals(1, done.getInt("itemsChanged"), "only SHOP-2 changes (SHOP-9 is deleted, SHOP-1 untouched)");
        as(tenant, "reader").get("/api/v1/items/" + shop2).then().body("flowType", equalTo("debt"))
                .body("flowState", equalTo("active")).body("revision", equalTo((int) before + 1));
        as(tenant, "reader").get("/api/v1/items/" + shop2 + "/timeline").then()
                .body("transitions[1].trackerStatus", equalTo("Blocked"))
                .body("transitions[1].flowState", equalTo("active"));

        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        JsonNode latest;
        while ((latest = metrics.latestByItem.get(shop2)) == null || latest.get("revision").asLong() <= before) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the remapped item did not reach metrics");
            }
            Thread.sleep(50);
        }
        assertEquals("debt", latest.get("item").get("flowType").asText());
    }
}
