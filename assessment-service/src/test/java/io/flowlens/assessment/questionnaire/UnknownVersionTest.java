package io.flowlens.assessment.questionnaire;

import static io.flowlens.assessment.support.Api.as;
import static io.flowlens.assessment.support.Api.partner;
import static io.flowlens.assessment.support.Api.submission;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.flowlens.assessment.support.Api;
import io.quarkus.test.junit.QuarkusTest;

/** A questionnaire version that was never published is a 404 where it is the resource, else a problem naming the field. */
@QuarkusTest
class UnknownVersionTest {

    private static final String NEVER = "ccm-1999.9";

    @Test
    void everyOperationNamesAVersionThatDoesNotExist() {
        String tenant = Api.newTenant();
        String org = Api.createOrganisation(tenant, "retail", "1-49", "europe");
        as(tenant, "reader").get("/api/v1/questionnaires/" + NEVER).then().statusCode(404)
                .contentType("application/problem+json");
        as(null, "platform").get("/api/v1/reliability/" + NEVER).then().statusCode(404)
                .contentType("application/problem+json");
        partner(tenant).body(submission(org, NEVER, Api.uniformAnswers(3))).post("/api/v1/assessments").then()
                .statusCode(422).body("errors[0].pointer", equalTo("/questionnaireVersion"));
        partner(tenant).body(Map.of("organisationId", org, "questionnaireVersion", NEVER, "answers", Map.of()))
                .post("/api/v1/assessments/drafts").then().statusCode(422)
                .body("errors[0].pointer", equalTo("/questionnaireVersion"))
                .body("errors[0].detail", containsString("published: " + Api.CCM));
        as(tenant, "reader").queryParam("version", NEVER).get("/api/v1/assessments/export").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].pointer", equalTo("version"));
        // A version id far longer than any published one is just another unknown version.
        as(tenant, "reader").get("/api/v1/questionnaires/" + "v".repeat(2000)).then().statusCode(404);
    }
}
