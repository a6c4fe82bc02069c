package io.flowlens.metrics.hygiene;

import static io.flowlens.metrics.Fixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;
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
    @ValueSource(strings = {"application/problem+json", "*/*", "", "application/json;q=0.9, text/csv;q=0.5"})
    void aMetricReadAnswersJsonUnlessCsvIsAskedFor(String accept) {
        as(tenant, Roles.READER).header("Accept", accept).when().get("/api/v1/portfolio/cfd").then().statusCode(200)
                .contentType("application/json").body("days", notNullValue());
        as(tenant, Roles.READER).header("Accept", accept).when().get("/api/v1/portfolio/flow").then().statusCode(200)
                .contentType("application/json").body("total", notNullValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/csv", "text/csv, application/json;q=0.5", "application/json;q=0.5, text/csv"})
    void aClientThatPrefersCsvGetsCsv(String accept) {
        as(tenant, Roles.READER).header("Accept", accept).when().get("/api/v1/portfolio/cfd").then().statusCode(200)
                .contentType(startsWith("text/csv")).body(startsWith("day,new,active,waiting,done,canceled\r\n"));
    }

    @Test
    void aTypeNeitherJsonNorCsvIsAProblem() {
        as(tenant, Roles.READER).header("Accept", "text/html").when().get("/api/v1/portfolio/cfd").then().statusCode(406)
                .contentType("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/problem+json", "*/*"})
    void aFailureIsStillAProblem(String accept) {
        as(tenant, Roles.READER).header("Accept", accept).when().get("/api/v1/value-streams/00000000-0000-0000-0000-000000000000").then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
    }
}
