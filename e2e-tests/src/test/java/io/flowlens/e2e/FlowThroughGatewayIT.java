package io.flowlens.e2e;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.flowlens.e2e.Suite.Service;
import io.restassured.http.ContentType;

/**
 * A tracker's webhooks, through the gateway into ingestion, change what a value stream
 * reports in metrics; and while metrics is down nothing is lost: it catches up once back.
 */
class FlowThroughGatewayIT {

    static final String SECRET = "e2e-github-webhook-secret";

    @BeforeAll
    static void start() {
        Suite.ensureStarted();
    }

    @Test
    void webhooksIntoIngestionChangeTheMetricsOfAValueStream() {
        Gateway.Tenant tenant = Gateway.newTenant("member", "reader");
        String connection = connect(tenant);
        String stream = valueStream(tenant, connection, "flowlens-e2e/shop");
        GitHubDeliveries github = new GitHubDeliveries(connection, SECRET, "flowlens-e2e/shop");
        GitHubDeliveries elsewhere = new GitHubDeliveries(connection, SECRET, "flowlens-e2e/other");

        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        assertEquals(0, velocity(tenant, stream));
        for (int n = 1; n <= 3; n++) {
            github.opened(n, now.minus(Duration.ofDays(10))).then().statusCode(200);
            github.closed(n, now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(2))).then().statusCode(200);
        }
        github.opened(4, now.minus(Duration.ofDays(1))).then().statusCode(200);
        elsewhere.closed(1, now.minus(Duration.ofDays(5)), now.minus(Duration.ofDays(1))).then().statusCode(200);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertEquals(3, velocity(tenant, stream)));
        // The other repository is outside this value stream but in the tenant's portfolio.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertEquals(4,
                tenant.as("reader").queryParams(window()).get("/api/v1/portfolio/flow")
                        .then().statusCode(200).extract().jsonPath().getLong("total.velocity")));
    }

    @Test
    void whileMetricsIsDownNothingIsLostAndItCatchesUpOnceBack() {
        Gateway.Tenant tenant = Gateway.newTenant("member", "reader");
        String connection = connect(tenant);
        String stream = valueStream(tenant, connection, "flowlens-e2e/catch-up");
        GitHubDeliveries github = new GitHubDeliveries(connection, SECRET, "flowlens-e2e/catch-up");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        Suite.stop(Service.METRICS);
        try {
            for (int n = 1; n <= 5; n++) {
                github.opened(n, now.minus(Duration.ofDays(6))).then().statusCode(200);
                github.closed(n, now.minus(Duration.ofDays(6)), now.minus(Duration.ofDays(3))).then().statusCode(200);
            }
            // Ingestion took every delivery while metrics was away.
            tenant.as("reader").queryParam("connectionId", connection).get("/api/v1/items")
                    .then().statusCode(200).body("items.size()", equalTo(5));
        } finally {
            Suite.restart(Service.METRICS);
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(5, velocity(tenant, stream)));
        // Each item's latest revision in ingestion is the one metrics holds, and the outbox is drained.
        String tenantItems = "select id::text, revision from item where tenant_id = ?";
        Map<String, Long> ingested = Databases.longs(Service.INGESTION, tenantItems, tenant.id());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(ingested, Databases.longs(
                Service.METRICS, "select item_id, revision from flow_item where tenant_id = ?", tenant.id())));
        assertEquals(Map.of(), Databases.longs(Service.INGESTION,
                "select event_id::text, attempts from outbox where tenant_id = ?", tenant.id()));
    }

    static String connect(Gateway.Tenant tenant) {
        return tenant.as("member").contentType(ContentType.JSON)
                .body(Map.of("kind", "github", "name", "e2e issues", "secret", SECRET))
                .post("/api/v1/connections").then().statusCode(201).extract().path("id");
    }

    static String valueStream(Gateway.Tenant tenant, String connection, String repository) {
        return tenant.as("member").contentType(ContentType.JSON)
                .body(Map.of("name", "Shop", "timeZone", "Europe/Berlin",
                        "scopes", List.of(Map.of("connectionId", connection, "project", repository))))
                .post("/api/v1/value-streams").then().statusCode(201).extract().path("id");
    }

    static long velocity(Gateway.Tenant tenant, String stream) {
        return tenant.as("reader").queryParams(window()).get("/api/v1/value-streams/" + stream + "/flow")
                .then().statusCode(200).extract().jsonPath().getLong("total.velocity");
    }

    static Map<String, String> window() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return Map.of("from", today.minusDays(30).toString(), "to", today.plusDays(1).toString());
    }
}
