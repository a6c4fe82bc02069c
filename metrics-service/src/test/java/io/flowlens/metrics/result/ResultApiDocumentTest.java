package io.flowlens.metrics.result;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The business-result endpoints are in the OpenAPI document with their errors and both upload formats. */
@QuarkusTest
class ResultApiDocumentTest {

    @Test
    void everyResultEndpointIsDocumented() {
        given().port(ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class))
                .queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/result-categories'.get", notNullValue())
                .body("paths.'/api/v1/result-categories'.post.responses.'409'", notNullValue())
                .body("paths.'/api/v1/result-categories/{name}'.delete.responses.'409'", notNullValue())
                .body("paths.'/api/v1/value-streams/{id}/results'.get.responses.'422'", notNullValue())
                .body("paths.'/api/v1/value-streams/{id}/results'.post.responses.'400'", notNullValue())
                .body("paths.'/api/v1/value-streams/{id}/results/{pointId}'.put", notNullValue())
                .body("paths.'/api/v1/value-streams/{id}/results/imports'.post.requestBody.content.'text/csv'", notNullValue())
                .body("paths.'/api/v1/value-streams/{id}/results/imports'.post.requestBody.content.'application/json'",
                        notNullValue())
                .body("paths.'/api/v1/value-streams/{id}/results/imports'.post.responses.'413'", notNullValue())
                .body("paths.'/api/v1/value-streams/{id}/results/imports'.post.description", containsString("replaces"));
    }
}
