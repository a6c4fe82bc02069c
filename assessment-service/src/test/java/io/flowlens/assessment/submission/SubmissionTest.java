package io.flowlens.assessment.submission;

import static io.flowlens.assessment.support.Api.as;
import static io.flowlens.assessment.support.Api.partner;
import static io.flowlens.assessment.support.Api.submission;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.flowlens.assessment.support.Api;
import io.flowlens.assessment.support.Db;
import io.quarkus.test.junit.QuarkusTest;

/** Submitting answers: the result, and every way a submission is refused without storing anything. */
@QuarkusTest
class SubmissionTest {

    @Inject
    AgroalDataSource db;

    private long stored(String organisationId) {
        return Db.count(db, "select count(*) from assessment where organisation_id = ?", UUID.fromString(organisationId));
    }

    @Test
    void theResultCarriesScoresLevelAndRecommendations() {
        String tenant = Api.newTenant();
        String org = Api.createOrganisation(tenant, "software", "50-249", "europe");
        Map<String, Integer> answers = Api.scoring(5); // every statement 100 …
        answers.putAll(Map.of("communication.upward", 1, "communication.strategy", 1, "communication.crossteam", 3,
                "communication.vision", 3, "communication.onboarding", 5)); // … communication (0+0+50+50+100)/5 = 40
        answers.put("teams.silos", 5); // reverse: agreeing is 0 → teams (100×4 + 0)/5 = 80
        // Index: (5 × 100 + 80 + 1.5 × 40) / 7.5 = 640 / 7.5 = 85.333… → 85.3, Leading
        partner(tenant).body(submission(org, Api.CCM, answers)).post("/api/v1/assessments").then().statusCode(201)
                .header("Location", containsString("/api/v1/assessments/"))
                .body("index", equalTo(85.3f)).body("level.level", equalTo(5)).body("level.name", equalTo("Leading"))
                .body("dimensions", hasSize(7))
                .body("dimensions.find { it.id == 'communication' }.score", equalTo(40.0f))
                .body("dimensions.find { it.id == 'communication' }.weight", equalTo(1.5f))
                .body("dimensions.find { it.id == 'teams' }.score", equalTo(80.0f))
                // Communication below 50 leads although its leverage (1.5 × 60 = 90) is the highest anyway; teams next (20).
                .body("recommendations.dimension", equalTo(List.of("communication", "teams")))
                .body("recommendations[0].leverage", equalTo(90.0f))
                .body("recommendations[0].statements.id", equalTo(List.of("communication.upward", "communication.strategy")))
                .body("recommendations[0].statements[0].nextStep", containsString("leadership"))
                .body("recommendations[1].statements.id", equalTo(List.of("teams.silos")));
    }

    @Test
    void eachBadAnswerIsNamedByPointerAndNothingIsStored() {
        String tenant = Api.newTenant();
        String org = Api.createOrganisation(tenant, "software", "50-249", "europe");
        Map<String, Integer> answers = Api.uniformAnswers(3);
        answers.put("research.blend", 7);
        answers.put("strategy.measures", 0);
        answers.remove("teams.silos");
        answers.put("research.gut-feeling", 3);
        partner(tenant).body(submission(org, Api.CCM, answers)).post("/api/v1/assessments").then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.pointer", equalTo(List.of("/answers/research.blend", "/answers/strategy.measures",
                        "/answers/research.gut-feeling", "/answers/teams.silos")))
                .body("errors[0].detail", containsString("outside the scale 1..5"))
                .body("errors[2].detail", containsString("unknown statement"))
                .body("errors[3].detail", containsString("not answered"));
        assertEquals(0, stored(org));
        assertEquals(0, Db.count(db, "select count(*) from latest_score where organisation_id = ?", UUID.fromString(org)));
    }

    @Test
    void anUnknownVersionIsNamed() {
        String tenant = Api.newTenant();
        String org = Api.createOrganisation(tenant, "software", "50-249", "europe");
        partner(tenant).body(submission(org, "ccm-1999.9", Api.uniformAnswers(3))).post("/api/v1/assessments").then()
                .statusCode(422).body("errors[0].pointer", equalTo("/questionnaireVersion"))
                .body("errors[0].detail", containsString("'ccm-1999.9' does not exist"));
        assertEquals(0, stored(org));
    }

    @Test
    void malformedAnswersAndFutureDatesAreRefused() {
        String tenant = Api.newTenant();
        String org = Api.createOrganisation(tenant, "software", "50-249", "europe");
        String body = "{\"organisationId\":\"" + org + "\",\"questionnaireVersion\":\"ccm-2026.1\",\"answers\":{\"research.blend\":\"lots\"}}";
        partner(tenant).body(body).post("/api/v1/assessments").then().statusCode(400)
                .body("errors[0].pointer", equalTo("/answers/research.blend"));
        partner(tenant).body(Map.of("organisationId", org, "questionnaireVersion", Api.CCM)).post("/api/v1/assessments")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/answers"));
        Map<String, Object> future = submission(org, Api.CCM, Api.uniformAnswers(3));
        future.put("assessedAt", "2999-01-01T00:00:00Z");
        partner(tenant).body(future).post("/api/v1/assessments").then().statusCode(422)
                .body("errors[0].pointer", equalTo("/assessedAt"));
        assertEquals(0, stored(org));
    }

    @Test
    void anAssessedAtOutsideTheStoredRangeIsRefusedByName() {
        String tenant = Api.newTenant();
        String org = Api.createOrganisation(tenant, "software", "50-249", "europe");
        for (String when : List.of("-290000-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "+290000-01-01T00:00:00Z")) {
            Map<String, Object> body = submission(org, Api.CCM, Api.uniformAnswers(3));
            body.put("assessedAt", when);
            partner(tenant).body(body).post("/api/v1/assessments").then().statusCode(422)
                    .body("errors[0].pointer", equalTo("/assessedAt"));
        }
        assertEquals(0, stored(org));
    }

    @Test
    void anotherTenantsOrganisationAndAssessmentAreNotFound() {
        String owner = Api.newTenant();
        String org = Api.createOrganisation(owner, "software", "50-249", "europe");
        String assessment = Api.submit(owner, org, Api.uniformAnswers(4));
        String stranger = Api.newTenant();
        partner(stranger).body(submission(org, Api.CCM, Api.uniformAnswers(3))).post("/api/v1/assessments").then()
                .statusCode(404);
        as(stranger, "reader").get("/api/v1/assessments/" + assessment).then().statusCode(404);
        as(stranger, "reader").get("/api/v1/assessments/" + assessment + "/benchmark").then().statusCode(404);
        as(owner, "reader").get("/api/v1/assessments/" + assessment).then().statusCode(200)
                .body("organisationId", equalTo(org));
        assertEquals(1, stored(org));
    }

    @Test
    void readersReadButDoNotSubmit() {
        String tenant = Api.newTenant();
        String org = Api.createOrganisation(tenant, "software", "50-249", "europe");
        as(tenant, "reader").body(submission(org, Api.CCM, Api.uniformAnswers(3))).post("/api/v1/assessments").then()
                .statusCode(403);
        as(tenant, "platform").get("/api/v1/assessments/" + UUID.randomUUID()).then().statusCode(403);
    }
}
