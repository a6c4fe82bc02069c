package io.flowlens.assessment.feed;

import static io.flowlens.assessment.support.Api.partner;
import static io.flowlens.assessment.support.Api.submission;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.agroal.api.AgroalDataSource;
import io.flowlens.assessment.support.Api;
import io.flowlens.assessment.support.Db;
import io.flowlens.assessment.support.StandInMetrics;
import io.flowlens.common.contract.AssessmentEventContract;
import io.flowlens.common.identity.Caller;
import io.flowlens.common.identity.IdentityToken;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every scored assessment reaches metrics-service from the outbox written in its scoring
 * transaction: at least once, with its whole current score; a correction as the next revision;
 * retried while metrics is away; a refused event parked without holding back anyone else; past
 * assessments fed by the backfill; an erased tenant's events gone with it.
 */
@QuarkusTest
class MetricsFeedTest {

    @Inject
    AgroalDataSource db;

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s: " + what);
            }
            Thread.sleep(50);
        }
    }

    static String submitAt(String tenant, String org, Map<String, Integer> answers, String assessedAt) {
        Map<String, Object> body = submission(org, Api.CCM, answers);
        body.put("assessedAt", assessedAt);
        return partner(tenant).body(body).post("/api/v1/assessments").then().statusCode(201).extract().path("id");
    }

    @Test
    void aScoredAssessmentArrivesWithItsWholeScoreAndACorrectionAsTheNextRevision() throws Exception {
        StandInMetrics metrics = StandInMetrics.get();
        String tenant = Api.newTenant();
        String org = Api.createOrganisation(tenant, "software", "50-249", "europe");
        String name = Api.as(tenant, "reader").get("/api/v1/organisations/" + org).then().extract().path("name");
        String id = submitAt(tenant, org, Api.scoring(3), "2025-06-30T08:00:00Z");

        await("the scored event", () -> metrics.receivedFor(id).size() == 1);
        JsonNode e = metrics.receivedFor(id).get(0);
        assertEquals(tenant, e.get("tenantId").asText());
        assertEquals(AssessmentEventContract.SCORED, e.get("type").asText());
        assertEquals(1, e.get("revision").asLong());
        JsonNode a = e.get("assessment");
        assertEquals(org, a.get("organisationId").asText());
        assertEquals(name, a.get("organisationName").asText());
        assertEquals(Api.CCM, a.get("questionnaireVersion").asText());
        assertEquals("2025-06-30T08:00:00Z", a.get("scoredAt").asText());
        assertEquals(50.0, a.get("index").asDouble());
        assertEquals(7, a.get("dimensions").size());
        assertTrue(a.get("dimensions").toString().contains("\"key\":\"communication\""), a.toString());
        for (JsonNode d : a.get("dimensions")) {
            assertEquals(50.0, d.get("score").asDouble(), d.toString());
            assertTrue(!d.get("label").asText().isBlank());
        }
        assertEquals(AssessmentEventContract.VERSION, metrics.versions.get(metrics.versions.size() - 1));

        // A correction: re-scored, next revision, the same assessment id.
        partner(tenant).body(Map.of("answers", Api.scoring(5))).put("/api/v1/assessments/" + id).then().statusCode(200)
                .body("index", equalTo(100.0f)).body("assessedAt", equalTo("2025-06-30T08:00:00Z"));
        await("the corrected event", () -> metrics.receivedFor(id).size() == 2);
        JsonNode corrected = metrics.receivedFor(id).get(1);
        assertEquals(2, corrected.get("revision").asLong());
        assertEquals(100.0, corrected.get("assessment").get("index").asDouble());
        assertEquals(2, metrics.latestByAssessment.get(id).get("revision").asLong());

        // The same answers again: nothing changes, no event.
        partner(tenant).body(Map.of("answers", Api.scoring(5))).put("/api/v1/assessments/" + id).then().statusCode(200);
        Thread.sleep(1500);
        assertEquals(2, metrics.receivedFor(id).size());
        assertEquals(0, Db.count(db, "select count(*) from metrics_outbox where tenant_id = ?", tenant));
    }

    @Test
    void whileMetricsIsAwayEventsWaitWithBackoffAndArriveOnceItIsBack() throws Exception {
        StandInMetrics metrics = StandInMetrics.get();
        String tenant = Api.newTenant();
        String org = Api.createOrganisation(tenant, "software", "50-249", "europe");
        metrics.setDown(true);
        String id;
        try {
            id = Api.submit(tenant, org, Api.scoring(2));
            await("a failed attempt recorded", () -> Db.count(db,
                    "select count(*) from metrics_outbox where tenant_id = ? and attempts > 0 and last_error like '%503%'", tenant) == 1);
            assertTrue(metrics.receivedFor(id).isEmpty());
        } finally {
            metrics.setDown(false);
        }
        await("delivered after the outage", () -> metrics.receivedFor(id).size() == 1);
        await("the outbox row gone", () -> Db.count(db, "select count(*) from metrics_outbox where tenant_id = ?", tenant) == 0);
        // Readiness stayed UP throughout and shows the feed's state.
        io.restassured.RestAssured.given().port(ConfigProvider.getConfig()
                .getValue("quarkus.management.test-port", Integer.class)).get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'metrics feed' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'metrics feed' }.data.backlog", notNullValue());
    }

    @Test
    void aRefusedEventIsParkedWhileAnotherTenantsArriveAndItsCorrectionClearsIt() throws Exception {
        StandInMetrics metrics = StandInMetrics.get();
        String tenant = Api.newTenant();
        String other = Api.newTenant();
        String org = Api.createOrganisation(tenant, "software", "50-249", "europe");
        String otherOrg = Api.createOrganisation(other, "software", "50-249", "europe");
        metrics.refuse(tenant, e -> e.path("revision").asLong() == 1);
        try {
            String id = Api.submit(tenant, org, Api.scoring(2));
            await("parked", () -> Db.count(db, "select count(*) from metrics_parked_event where tenant_id = ?", tenant) == 1);
            assertEquals(1, Db.count(db, "select count(*) from metrics_parked_event where tenant_id = ? and assessment_id = ?"
                    + " and revision = 1 and reason::text like '%refused by this consumer%'", tenant, UUID.fromString(id)));
            assertEquals(0, Db.count(db, "select count(*) from metrics_outbox where tenant_id = ?", tenant));

            String otherId = Api.submit(other, otherOrg, Api.scoring(4));
            await("the other tenant's event", () -> metrics.receivedFor(otherId).size() == 1);

            partner(tenant).body(Map.of("answers", Api.scoring(3))).put("/api/v1/assessments/" + id).then().statusCode(200);
            await("the correction delivered", () -> metrics.receivedFor(id).size() == 1);
            await("the parked event cleared", () -> Db.count(db,
                    "select count(*) from metrics_parked_event where tenant_id = ?", tenant) == 0);
        } finally {
            metrics.stopRefusing(tenant);
        }
    }

    @Test
    void assessmentsScoredBeforeTheFeedAreBackfilled() throws Exception {
        StandInMetrics metrics = StandInMetrics.get();
        String tenant = Api.newTenant();
        String org = Api.createOrganisation(tenant, "software", "50-249", "europe");
        String id = Api.submit(tenant, org, Api.scoring(4));
        await("the scored event", () -> metrics.receivedFor(id).size() == 1);
        // As the migration lists every assessment that existed before the feed:
        Db.execute(db, "insert into metrics_feed_backfill (assessment_id) values (?)", UUID.fromString(id));
        await("fed again by the backfill", () -> metrics.receivedFor(id).size() == 2);
        JsonNode again = metrics.receivedFor(id).get(1);
        assertEquals(1, again.get("revision").asLong());
        assertEquals(75.0, again.get("assessment").get("index").asDouble());
        assertEquals(0, Db.count(db, "select count(*) from metrics_feed_backfill where assessment_id = ?", UUID.fromString(id)));
    }

    @Test
    void erasingATenantTakesItsWaitingEventsWithIt() throws Exception {
        StandInMetrics metrics = StandInMetrics.get();
        String tenant = Api.newTenant();
        String org = Api.createOrganisation(tenant, "software", "50-249", "europe");
        metrics.setDown(true);
        try {
            String id = Api.submit(tenant, org, Api.scoring(2));
            io.restassured.RestAssured.given()
                    .header(IdentityToken.HEADER, new IdentityToken(Api.SECRET).sign(
                            new Caller(null, "service", "gateway", null), Duration.ofMinutes(1)))
                    .delete("/internal/v1/tenants/" + tenant).then().statusCode(200)
                    .body("erased.metricsFeedEvents", equalTo(1));
            assertEquals(0, Db.count(db, "select count(*) from metrics_outbox where tenant_id = ?", tenant));
            metrics.setDown(false);
            Thread.sleep(1500);
            assertTrue(metrics.receivedFor(id).isEmpty());
        } finally {
            metrics.setDown(false);
        }
    }

    @Test
    void correctionsAreForPartnersOfTheTenantAndAreValidatedLikeSubmissions() {
        String tenant = Api.newTenant();
        String org = Api.createOrganisation(tenant, "software", "50-249", "europe");
        String id = Api.submit(tenant, org, Api.scoring(2));
        Map<String, Integer> incomplete = Api.scoring(5);
        incomplete.remove(incomplete.keySet().iterator().next());
        partner(tenant).body(Map.of("answers", incomplete)).put("/api/v1/assessments/" + id).then().statusCode(422)
                .contentType("application/problem+json");
        Api.as(tenant, "reader").body(Map.of("answers", Api.scoring(5))).put("/api/v1/assessments/" + id).then().statusCode(403);
        partner(Api.newTenant()).body(Map.of("answers", Api.scoring(5))).put("/api/v1/assessments/" + id).then().statusCode(404);
        partner(tenant).body(Map.of("answers", Api.scoring(5))).put("/api/v1/assessments/" + UUID.randomUUID()).then().statusCode(404);
        partner(tenant).body("{}").put("/api/v1/assessments/" + id).then().statusCode(400);
        // Nothing of it changed the assessment.
        Api.as(tenant, "reader").get("/api/v1/assessments/" + id).then().statusCode(200).body("index", equalTo(25.0f));
    }
}
