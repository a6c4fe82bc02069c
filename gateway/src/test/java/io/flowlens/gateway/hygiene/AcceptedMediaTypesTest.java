package io.flowlens.gateway.hygiene;

import static io.flowlens.gateway.support.Gateway.PLATFORM_KEY;
import static io.flowlens.gateway.support.Gateway.as;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.flowlens.gateway.support.Gateway;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The gateway's own reads answer JSON to every client that can read it: one that accepts only
 * our problems (generated clients send that), any type, or says nothing; a failure is still a
 * problem. Forwarded calls keep the caller's Accept, and each service answers it the same way.
 */
@QuarkusTest
class AcceptedMediaTypesTest {

    @ParameterizedTest
    @ValueSource(strings = {"application/problem+json", "*/*", "", "application/json, application/problem+json"})
    void aReadAnswersJson(String accept) {
        Gateway.TestTenant tenant = Gateway.newTenant("Accepting");
        as(PLATFORM_KEY).header("Accept", accept).get("/api/v1/tenants/" + tenant.id()).then().statusCode(200)
                .contentType("application/json").body("name", equalTo("Accepting"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/problem+json", "*/*"})
    void aFailureIsStillAProblem(String accept) {
        as(PLATFORM_KEY).header("Accept", accept).get("/api/v1/tenants/00000000-0000-0000-0000-000000000000").then()
                .statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
    }
}
