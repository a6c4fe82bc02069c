package io.flowlens.metrics.hygiene;

import static io.flowlens.metrics.Fixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.flowlens.common.identity.Roles;
import io.flowlens.metrics.Fixtures;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A read answers JSON to every client that can read it: one that accepts only our problems
 * (generated clients send that), any type, or says nothing; a failure is still a problem.
 */
@QuarkusTest
class AcceptedMediaTypesTest {

    private final String tenant = Fixtures.newTenant();

    @ParameterizedTest
    @ValueSource(strings = {"application/problem+json", "*/*", "", "application/json, application/problem+json"})
    void aReadAnswersJson(String accept) {
        as(tenant, Roles.READER).header("Accept", accept).when().get("/api/v1/value-streams").then().statusCode(200)
                .contentType("application/json").body("items", notNullValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/problem+json", "*/*"})
    void aFailureIsStillAProblem(String accept) {
        as(tenant, Roles.READER).header("Accept", accept).when().get("/api/v1/value-streams/00000000-0000-0000-0000-000000000000").then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
    }
}
