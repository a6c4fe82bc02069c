package io.flowlens.metrics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Every public endpoint is in the OpenAPI document with its errors; internal ones are not. */
@QuarkusTest
class OpenApiTest {

    @Test
    void publicEndpointsAreDocumentedAndTheInternalOneIsHidden() {
        given().port(ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class))
                .queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths", not(hasKey("/internal/v1/item-events")))
                .body("paths", not(hasKey("/internal/v1/tenants/{tenantId}")))
                .body("paths.'/api/v1/value-streams/{id}/flow'.get.responses.'404'", notNullValue())
                .body("paths.'/api/v1/value-streams/{id}/flow'.get.responses.'400'", notNullValue())
                .body("paths.'/api/v1/value-streams/{id}/flow'.get.description", containsString("nearest-rank"))
                .body("paths.'/api/v1/portfolio/cfd'.get", notNullValue())
                .body("paths.'/api/v1/portfolio/forecast/when'.get", notNullValue())
                .body("paths.'/api/v1/value-streams'.post.responses.'400'", notNullValue())
                .body("components.schemas.FlowReport.description", containsString("Flow efficiency"));
    }
}
