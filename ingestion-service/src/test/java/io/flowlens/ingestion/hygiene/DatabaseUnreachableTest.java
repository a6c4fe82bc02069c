package io.flowlens.ingestion.hygiene;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.flowlens.ingestion.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A database that cannot be reached (PostgreSQL down or restarting) is a 503 with Retry-After on
 * the API and on the webhook path, so clients and trackers retry instead of giving up on a 500;
 * readiness says DOWN. The service runs against a port nothing listens on.
 */
@QuarkusTest
@TestProfile(DatabaseUnreachableTest.NothingListens.class)
class DatabaseUnreachableTest {

    public static class NothingListens implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:1/flowlens_ingestion_test",
                    "quarkus.datasource.jdbc.acquisition-timeout", "2s",
                    "quarkus.flyway.migrate-at-start", "false",
                    "quarkus.flyway.clean-at-start", "false",
                    "quarkus.hibernate-orm.schema-management.strategy", "none");
        }
    }

    @Test
    void aReadIsA503WithRetryAfter() {
        Api.as(Api.newTenant(), "reader").when().get("/api/v1/connections").then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("type", equalTo("https://flowlens.io/problems/unavailable"));
    }

    @Test
    void aTrackerDeliveryIsA503SoTheTrackerRetries() {
        Api.tracker().contentType("application/json").header("X-GitHub-Event", "issues")
                .body("{\"action\":\"opened\"}".getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/webhooks/" + UUID.randomUUID()).then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "5");
    }

    @Test
    void readinessIsDown() {
        int management = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        given().port(management).when().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
    }
}
