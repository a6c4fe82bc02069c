package io.flowlens.metrics.centricity;

import static io.flowlens.metrics.Fixtures.as;
import static io.flowlens.metrics.Fixtures.newTenant;
import static io.flowlens.metrics.Fixtures.service;
import static io.flowlens.metrics.Fixtures.valueStream;
import static io.flowlens.metrics.centricity.AssessmentEvents.deleted;
import static io.flowlens.metrics.centricity.AssessmentEvents.post;
import static io.flowlens.metrics.centricity.AssessmentEvents.scored;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.flowlens.common.contract.AssessmentEventContract;
import io.flowlens.common.identity.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * The feed of scored assessments as metrics applies it: the highest revision per assessment wins
 * whatever the order or repetition, a correction replaces, a deletion removes for good, and each
 * bad event is refused alone by index while the rest of its batch applies.
 */
@QuarkusTest
class AssessmentFeedTest {

    /** A tenant with a stream in UTC linked to a fresh organisation. */
    record Linked(String tenant, String stream, UUID organisation) {
        ValidatableResponse series() {
            return as(tenant, Roles.READER).get("/api/v1/value-streams/" + stream + "/customer-centricity").then().statusCode(200);
        }
    }

    static Linked linked() {
        String tenant = newTenant();
        String stream = valueStream(tenant, "Shop", "UTC", List.of(Map.of("connectionId", "c1", "project", "shop")));
        UUID organisation = UUID.randomUUID();
        as(tenant, Roles.MEMBER).contentType("application/json").body(Map.of("organisationId", organisation.toString()))
                .put("/api/v1/value-streams/" + stream + "/customer-centricity-link").then().statusCode(200);
        return new Linked(tenant, stream, organisation);
    }

    @Test
    void redeliveredAndOutOfOrderEventsLeaveTheNewestRevisionOnce() {
        Linked l = linked();
        UUID a = UUID.randomUUID();
        post(scored(l.tenant(), a, l.organisation(), 1, "2026-01-10T09:00:00Z", 40, 30, 50)).statusCode(200)
                .body("accepted", equalTo(1)).body("ignored", equalTo(0)).body("refused", empty());
        // The correction (revision 2) arrives, then revision 1 again and the correction again.
        post(scored(l.tenant(), a, l.organisation(), 2, "2026-01-10T09:00:00Z", 45.5, 35, 56)).statusCode(200)
                .body("accepted", equalTo(1));
        post(scored(l.tenant(), a, l.organisation(), 1, "2026-01-10T09:00:00Z", 40, 30, 50),
                scored(l.tenant(), a, l.organisation(), 2, "2026-01-10T09:00:00Z", 45.5, 35, 56)).statusCode(200)
                .body("accepted", equalTo(0)).body("ignored", equalTo(2));
        l.series().body("points.size()", equalTo(1)).body("points[0].index", equalTo(45.5f))
                .body("points[0].revision", equalTo(2)).body("points[0].dimensions[0].score", equalTo(35.0f))
                .body("link.scoredAssessments", equalTo(1));
    }

    @Test
    void aDeletionRemovesTheAssessmentAndAnOlderEventArrivingLateDoesNotBringItBack() {
        Linked l = linked();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        post(scored(l.tenant(), a, l.organisation(), 1, "2026-01-10T09:00:00Z", 40, 30, 50),
                scored(l.tenant(), b, l.organisation(), 1, "2026-02-10T09:00:00Z", 50, 40, 60)).statusCode(200)
                .body("accepted", equalTo(2));
        post(deleted(l.tenant(), a, l.organisation(), 3)).statusCode(200).body("accepted", equalTo(1));
        post(scored(l.tenant(), a, l.organisation(), 2, "2026-01-10T09:00:00Z", 41, 30, 50)).statusCode(200)
                .body("ignored", equalTo(1));
        l.series().body("points.assessmentId", contains(b.toString()));
        // A deletion of an assessment never seen keeps its place too: its scoring, arriving later, stays out.
        UUID c = UUID.randomUUID();
        post(deleted(l.tenant(), c, l.organisation(), 2)).statusCode(200).body("accepted", equalTo(1));
        post(scored(l.tenant(), c, l.organisation(), 1, "2026-03-10T09:00:00Z", 70, 60, 80)).statusCode(200)
                .body("ignored", equalTo(1));
        l.series().body("points.assessmentId", contains(b.toString()));
    }

    @Test
    void aBadEventIsRefusedAloneByIndexAndTheRestOfItsBatchApplies() {
        Linked l = linked();
        Map<String, Object> tooHigh = scored(l.tenant(), UUID.randomUUID(), l.organisation(), 1, "2026-01-10T09:00:00Z", 140, 30, 50);
        Map<String, Object> badType = new java.util.LinkedHashMap<>(scored(l.tenant(), UUID.randomUUID(), l.organisation(), 1,
                "2026-01-11T09:00:00Z", 40, 30, 50));
        badType.put("type", "assessment.rescored");
        Map<String, Object> good = scored(l.tenant(), UUID.randomUUID(), l.organisation(), 1, "2026-01-12T09:00:00Z", 40, 30, 50);
        post(tooHigh, good, badType).statusCode(200)
                .body("accepted", equalTo(1))
                .body("refused.index", contains(0, 2))
                .body("refused[0].eventId", equalTo(tooHigh.get("eventId")))
                .body("refused[0].errors.pointer", hasItem("/events/0/assessment/index"))
                .body("refused[1].errors.pointer", hasItem("/events/2/type"));
        l.series().body("points.size()", equalTo(1));
    }

    @Test
    void aBrokenEnvelopeIsA400AndAppliesNothing() {
        service().contentType("application/json").body("{\"events\": {}}").post(AssessmentEventContract.PATH).then()
                .statusCode(400).body("errors[0].pointer", equalTo("/events"));
        service().contentType("application/json").body("{\"events\": [], \"events\": []}").post(AssessmentEventContract.PATH)
                .then().statusCode(400);
    }

    @Test
    void onlyAServiceMayFeed() {
        String tenant = newTenant();
        as(tenant, Roles.ADMIN).contentType("application/json").body(Map.of("events", List.of()))
                .post(AssessmentEventContract.PATH).then().statusCode(403);
        io.restassured.RestAssured.given().contentType("application/json").body(Map.of("events", List.of()))
                .post(AssessmentEventContract.PATH).then().statusCode(401);
    }
}
