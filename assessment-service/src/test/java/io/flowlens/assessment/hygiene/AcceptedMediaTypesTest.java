package io.flowlens.assessment.hygiene;

import static io.flowlens.assessment.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.flowlens.assessment.support.Api;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A read answers JSON to every client that can read it: one that accepts only our problems
 * (generated clients send that), any type, or says nothing; a failure is still a problem.
 */
@QuarkusTest
class AcceptedMediaTypesTest {

    private final String tenant = Api.newTenant();

    @ParameterizedTest
    @ValueSource(strings = {"application/problem+json", "*/*", "", "application/json, application/problem+json"})
    void aReadAnswersJson(String accept) {
        as(tenant, "reader").header("Accept", accept).when().get("/api/v1/organisations").then().statusCode(200)
                .contentType("application/json").body("items", notNullValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/problem+json", "*/*", "", "application/json;q=0.9, text/csv;q=0.5"})
    void theHistoryReadAnswersJsonUnlessCsvIsAskedFor(String accept) {
        String org = Api.createOrganisation(tenant, "retail", "250-999", "europe");
        as(tenant, "reader").header("Accept", accept).when().get("/api/v1/organisations/" + org + "/assessments").then()
                .statusCode(200).contentType("application/json").body("items", notNullValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/csv", "text/csv, application/json;q=0.5", "application/json;q=0.5, text/csv"})
    void aClientThatPrefersCsvGetsCsv(String accept) {
        String org = Api.createOrganisation(tenant, "retail", "250-999", "europe");
        as(tenant, "reader").header("Accept", accept).when().get("/api/v1/organisations/" + org + "/assessments").then()
                .statusCode(200).contentType(startsWith("text/csv"))
                .body(startsWith("assessment_id,"));
    }

    @Test
    void aTypeNeitherJsonNorCsvIsAProblem() {
        String org = Api.createOrganisation(tenant, "retail", "250-999", "europe");
        as(tenant, "reader").header("Accept", "text/html").when().get("/api/v1/organisations/" + org + "/assessments")
                .then().statusCode(406).contentType("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/problem+json", "*/*"})
    void aFailureIsStillAProblem(String accept) {
        as(tenant, "reader").header("Accept", accept).when().get("/api/v1/organisations/00000000-0000-0000-0000-000000000000").then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
    }
}
