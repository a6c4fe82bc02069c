package io.flowlens.metrics.hygiene;

import static io.flowlens.metrics.Fixtures.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.flowlens.common.identity.Roles;
import io.flowlens.metrics.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A database that cannot be reached (PostgreSQL down or restarting) is a 503 with Retry-After,
 * so callers retry, and readiness says DOWN. The service runs against a port nothing listens on.
 */
@QuarkusTest
@TestProfile(DatabaseUnreachableTest.NothingListens.class)
class DatabaseUnreachableTest {

    public static class NothingListens implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:1/flowlens_metrics_test",
                    "quarkus.datasource.jdbc.acquisition-timeout", "2s",
                    "quarkus.flyway.migrate-at-start", "false",
                    "quarkus.flyway.clean-at-start", "false",
                    "quarkus.hibernate-orm.schema-management.strategy", "none");
        }
    }

    @Test
    void aReadIsA503WithRetryAfter() {
        as(Fixtures.newTenant(), Roles.READER).when().get("/api/v1/value-streams").then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("type", equalTo("https://flowlens.io/problems/unavailable"));
    }

    @Test
    void readinessIsDown() {
        int management = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        given().port(management).when().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
    }
}
