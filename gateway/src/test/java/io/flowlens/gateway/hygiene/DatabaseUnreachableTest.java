package io.flowlens.gateway.hygiene;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.flowlens.gateway.domain.ApiKeyFormat;
import io.flowlens.gateway.support.Gateway;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * The gateway's own database (tenants and API keys) that cannot be reached is a 503 with
 * Retry-After: a key that cannot be looked up is neither refused (401) nor a fault (500), and the
 * gateway's own resources answer the same; the gateway still starts, and readiness says DOWN. The
 * gateway runs against a port nothing listens on.
 */
@QuarkusTest
@TestProfile(DatabaseUnreachableTest.NothingListens.class)
class DatabaseUnreachableTest {

    public static class NothingListens implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:1/flowlens_gateway_test",
                    "quarkus.datasource.jdbc.acquisition-timeout", "1s",
                    "quarkus.flyway.migrate-at-start", "false",
                    "quarkus.flyway.clean-at-start", "false",
                    "quarkus.hibernate-orm.schema-management.strategy", "none");
        }
    }

    private static ValidatableResponse unavailable(ValidatableResponse response) {
        return response.statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("type", equalTo("https://flowlens.io/problems/unavailable"))
                .body("status", equalTo(503));
    }

    @Test
    void aTenantsKeyThatCannotBeLookedUpIsA503NotA401() {
        String key = ApiKeyFormat.generate().key();
        unavailable(Gateway.as(key).get("/api/v1/items").then());
        // Not remembered as unknown: once the database is back the same key is looked up again.
        unavailable(given().header("X-API-Key", key).get("/api/v1/value-streams").then());
    }

    @Test
    void theGatewaysOwnResourcesAre503() {
        String tenant = UUID.randomUUID().toString();
        unavailable(Gateway.as(Gateway.PLATFORM_KEY).contentType(ContentType.JSON).body("{\"name\":\"Acme\"}")
                .post("/api/v1/tenants").then());
        unavailable(Gateway.as(Gateway.PLATFORM_KEY).get("/api/v1/tenants/" + tenant).then());
        unavailable(Gateway.as(Gateway.PLATFORM_KEY).get("/api/v1/tenants/" + tenant + "/api-keys").then());
        unavailable(Gateway.as(Gateway.PLATFORM_KEY).delete("/api/v1/tenants/" + tenant + "?confirm=true").then());
        String admin = Gateway.oidcToken("https://login.example.test", tenant, "admin", 300);
        unavailable(Gateway.as(admin).contentType(ContentType.JSON).body("{\"name\":\"ci\",\"role\":\"reader\"}")
                .post("/api/v1/tenants/" + tenant + "/api-keys").then());
    }

    @Test
    void noCredentialsIsStillA401() {
        given().get("/api/v1/items").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void readinessIsDownAndLivenessUp() {
        int management = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        given().port(management).when().get("/q/health/ready").then()
                .statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'Database connections health check' }.status", equalTo("DOWN"))
                .body("checks.name", hasItem("assessment-service"));
        given().port(management).when().get("/q/health/live").then().statusCode(200);
    }
}
