package io.flowlens.ingestion.hygiene;

import static io.flowlens.ingestion.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.flowlens.ingestion.support.Api;
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
        as(tenant, "reader").header("Accept", accept).when().get("/api/v1/connections").then().statusCode(200)
                .contentType("application/json").body("items", notNullValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/problem+json", "*/*"})
    void aFailureIsStillAProblem(String accept) {
        as(tenant, "reader").header("Accept", accept).when().get("/api/v1/connections/00000000-0000-0000-0000-000000000000").then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
    }
}
