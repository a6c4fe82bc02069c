package io.flowlens.assessment.submission;

import static io.flowlens.assessment.support.Api.as;
import static io.flowlens.assessment.support.Api.partner;
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

/** Drafts: partial answers saved, replaced, and submitted once under the same rules as a direct submission. */
@QuarkusTest
class DraftTest {

    @Inject
    AgroalDataSource db;

    @Test
    void aDraftIsSavedUpdatedAndSubmittedOnce() {
        String tenant = Api.newTenant();
        String org = Api.createOrganisation(tenant, "insurance", "1000-4999", "north-america");
        String draft = partner(tenant).body(Map.of("organisationId", org, "questionnaireVersion", Api.CCM,
                "answers", Map.of("research.blend", 4, "research.opinion", 2)))
                .post("/api/v1/assessments/drafts").then().statusCode(201)
                .body("unanswered", hasSize(33)).extract().path("id");

        // Submitting while incomplete names every missing answer and scores nothing.
        partner(tenant).post("/api/v1/assessments/drafts/" + draft + "/submit").then().statusCode(422)
                .body("errors", hasSize(33)).body("errors[0].pointer", equalTo("/answers/research.continuous"));

        Map<String, Integer> all = Api.uniformAnswers(4);
        all.put("research.blend", 9);
        partner(tenant).body(Map.of("answers", all)).put("/api/v1/assessments/drafts/" + draft).then().statusCode(422)
                .body("errors.pointer", equalTo(List.of("/answers/research.blend")));
        all.put("research.blend", 5);
        partner(tenant).body(Map.of("answers", all)).put("/api/v1/assessments/drafts/" + draft).then().statusCode(200)
                .body("unanswered", hasSize(0)).body("answers.'research.blend'", equalTo(5));

        String assessment = partner(tenant).post("/api/v1/assessments/drafts/" + draft + "/submit").then().statusCode(201)
                .body("organisationId", equalTo(org)).extract().path("id");
        as(tenant, "reader").get("/api/v1/assessments/drafts/" + draft).then().statusCode(200)
                .body("assessmentId", equalTo(assessment));
        partner(tenant).post("/api/v1/assessments/drafts/" + draft + "/submit").then().statusCode(409);
        partner(tenant).body(Map.of("answers", all)).put("/api/v1/assessments/drafts/" + draft).then().statusCode(409);
        assertEquals(1, Db.count(db, "select count(*) from assessment where organisation_id = ?", UUID.fromString(org)));
    }

    @Test
    void anotherTenantsDraftIsNotFound() {
        String tenant = Api.newTenant();
        String org = Api.createOrganisation(tenant, "insurance", "1000-4999", "north-america");
        String draft = partner(tenant).body(Map.of("organisationId", org, "questionnaireVersion", Api.CCM,
                "answers", Map.of())).post("/api/v1/assessments/drafts").then().statusCode(201).extract().path("id");
        String stranger = Api.newTenant();
        as(stranger, "reader").get("/api/v1/assessments/drafts/" + draft).then().statusCode(404);
        partner(stranger).post("/api/v1/assessments/drafts/" + draft + "/submit").then().statusCode(404);
        partner(stranger).body(Map.of("organisationId", org, "questionnaireVersion", Api.CCM, "answers", Map.of()))
                .post("/api/v1/assessments/drafts").then().statusCode(404);
    }
}
