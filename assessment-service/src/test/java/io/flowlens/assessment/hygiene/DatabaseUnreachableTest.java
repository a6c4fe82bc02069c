package io.flowlens.assessment.hygiene;

import static io.flowlens.assessment.support.Api.as;
import static io.flowlens.assessment.support.Api.partner;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.flowlens.assessment.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * A database that cannot be reached (PostgreSQL down or restarting) is a 503 with Retry-After on
 * every kind of operation, so callers retry instead of giving up on a 500; the service still
 * starts (its benchmark cohorts not loaded), and readiness says DOWN. The service runs against a
 * port nothing listens on.
 */
@QuarkusTest
@TestProfile(DatabaseUnreachableTest.NothingListens.class)
class DatabaseUnreachableTest {

    public static class NothingListens implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:1/flowlens_assessment_test",
                    "quarkus.datasource.jdbc.acquisition-timeout", "1s",
                    "quarkus.flyway.migrate-at-start", "false",
                    "quarkus.flyway.clean-at-start", "false",
                    "quarkus.hibernate-orm.schema-management.strategy", "none");
        }
    }

    private static final String TENANT = Api.newTenant();

    private static ValidatableResponse unavailable(ValidatableResponse response) {
        return response.statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("type", equalTo("https://flowlens.io/problems/unavailable"))
                .body("status", equalTo(503))
                .body("detail", startsWith("the service cannot reach its database"));
    }

    private static RequestSpecification reader() {
        return as(TENANT, "reader");
    }

    @Test
    void readsAre503WithRetryAfter() {
        unavailable(reader().get("/api/v1/organisations").then());
        unavailable(reader().get("/api/v1/organisations/" + UUID.randomUUID()).then());
        unavailable(reader().get("/api/v1/organisations/" + UUID.randomUUID() + "/assessments").then());
        unavailable(reader().get("/api/v1/assessments/" + UUID.randomUUID()).then());
        unavailable(reader().get("/api/v1/assessments/drafts/" + UUID.randomUUID()).then());
        unavailable(reader().get("/api/v1/questionnaires").then());
        unavailable(reader().get("/api/v1/questionnaires/" + Api.CCM).then());
        unavailable(reader().get("/api/v1/partner-webhooks").then());
        unavailable(reader().get("/api/v1/partner-webhooks/" + UUID.randomUUID() + "/deliveries").then());
        unavailable(as(null, "platform").get("/api/v1/reliability/" + Api.CCM).then());
    }

    @Test
    void anExportIsA503BeforeAnyRowIsSent() {
        unavailable(reader().accept("text/csv").get("/api/v1/assessments/export").then());
    }

    @Test
    void creatingPostsWithAnIdempotencyKeyAre503() {
        unavailable(partner(TENANT).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("name", "Acme", "industry", "retail", "sizeBand", "1-49", "region", "europe"))
                .post("/api/v1/organisations").then());
        unavailable(partner(TENANT).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("url", "http://127.0.0.1:1/hook"))
                .post("/api/v1/partner-webhooks").then());
        unavailable(partner(TENANT).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("organisationId", UUID.randomUUID().toString(), "questionnaireVersion", Api.CCM,
                        "answers", Map.of("research.blend", 4)))
                .post("/api/v1/assessments/drafts").then());
    }

    @Test
    void aSubmissionIsA503WithOrWithoutAnIdempotencyKey() {
        Map<String, Object> body = Api.submission(UUID.randomUUID().toString(), Api.CCM, Api.uniformAnswers(4));
        unavailable(partner(TENANT).body(body).post("/api/v1/assessments").then());
        unavailable(partner(TENANT).header("Idempotency-Key", UUID.randomUUID().toString()).body(body)
                .post("/api/v1/assessments").then());
        unavailable(partner(TENANT).header("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/v1/assessments/drafts/" + UUID.randomUUID() + "/submit").then());
    }

    @Test
    void changesAndErasureAre503() {
        unavailable(partner(TENANT).body(Map.of("answers", Map.of("research.blend", 4)))
                .put("/api/v1/assessments/drafts/" + UUID.randomUUID()).then());
        unavailable(partner(TENANT).delete("/api/v1/partner-webhooks/" + UUID.randomUUID()).then());
        unavailable(as(null, "service").delete("/internal/v1/tenants/" + TENANT).then());
    }

    @Test
    void aBenchmarkIsA503NeverFiguresFromAnEmptyIndex() {
        unavailable(reader().get("/api/v1/assessments/" + UUID.randomUUID() + "/benchmark").then());
        unavailable(reader().queryParam("industry", "retail")
                .get("/api/v1/assessments/" + UUID.randomUUID() + "/benchmark").then());
    }

    @Test
    void aCallersMistakeIsStillNamedAsSuch() {
        // Refused before the database is needed: a 400 naming the field, not a 503.
        partner(TENANT).body(Map.of("name", "Acme", "industry", "retail", "sizeBand", "1-49", "region", "europe",
                "unknown", 1)).post("/api/v1/organisations").then().statusCode(400);
    }

    @Test
    void readinessIsDownAndSaysTheBenchmarkCohortsAreNotLoaded() {
        int management = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        given().port(management).when().get("/q/health/ready").then()
                .statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'benchmark cohorts' }.status", equalTo("DOWN"))
                .body("checks.name", hasItem("Database connections health check"));
        given().port(management).when().get("/q/health/live").then().statusCode(200);
    }
}
