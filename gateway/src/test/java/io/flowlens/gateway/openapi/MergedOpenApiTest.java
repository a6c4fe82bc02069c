package io.flowlens.gateway.openapi;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.flowlens.gateway.support.Gateway;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The merged document at /q/openapi: every service's public paths, the gateway's own, clean and secured. */
@QuarkusTest
class MergedOpenApiTest {

    @Test
    void holdsThePublicPathsOfEveryServiceAndTheGateway() throws java.io.IOException {
        // Kept for linting by hand: npx @redocly/cli lint target/merged-openapi.json
        java.nio.file.Files.write(java.nio.file.Path.of("target/merged-openapi.json"),
                given().get("/q/openapi").then().extract().asByteArray());
        given().get("/q/openapi").then().statusCode(200).contentType(containsString("application/json"))
                .body("info.title", equalTo("Flowlens API"))
                .body("paths", hasKey("/api/v1/tenants"))
                .body("paths", hasKey("/api/v1/tenants/{tenantId}/api-keys/{keyId}/rotate"))
                .body("paths", hasKey("/api/v1/connections"))
                .body("paths", hasKey("/api/v1/value-streams/{id}/metrics"))
                .body("paths", hasKey("/api/v1/organisations/{id}"))
                .body("paths", not(hasKey("/internal/v1/replay")))
                .body("paths", not(hasKey("/internal/v1/item-events")))
                .body("paths", not(hasKey("/q/health")));
    }

    @Test
    void operationIdsAreUniqueAndEveryOperationIsTaggedAndSummarised() {
        JsonPath doc = given().get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Map<String, Object>>> paths = doc.getMap("paths");
        List<String> ids = paths.values().stream().flatMap(item -> item.values().stream())
                .map(op -> (String) op.get("operationId")).toList();
        assertEquals(ids.size(), ids.stream().distinct().count(), "unique operation ids: " + ids);
        // Two services both said "list": the second is prefixed with its service.
        assertEquals("list", doc.getString("paths.'/api/v1/connections'.get.operationId"));
        assertEquals("metricsList", doc.getString("paths.'/api/v1/value-streams'.get.operationId"));
        assertEquals("getValueStreamsIdMetrics", doc.getString("paths.'/api/v1/value-streams/{id}/metrics'.get.operationId"));
        paths.values().forEach(item -> item.values().forEach(op -> {
            org.hamcrest.MatcherAssert.assertThat(op.get("summary"), notNullValue());
            org.hamcrest.MatcherAssert.assertThat((List<?>) op.get("tags"), not(empty()));
        }));
        given().get("/q/openapi").then()
                .body("x-tagGroups.name", hasItems("Gateway", "Ingestion", "Metrics", "Assessment"))
                .body("tags.name", hasItems("Tenants", "API keys", "Connections", "Metrics", "Organisations"));
    }

    @Test
    void collidingAndInvalidComponentNamesAreRenamedWithTheirReferences() {
        given().get("/q/openapi").then()
                // Ingestion's and metrics' "Page" differ: metrics' is renamed, its $ref follows.
                .body("components.schemas", hasKey("Page"))
                .body("components.schemas", hasKey("MetricsPage"))
                .body("paths.'/api/v1/value-streams'.get.responses.'200'.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/MetricsPage"))
                .body("components.schemas.MetricsPage.properties.items.items.'$ref'",
                        equalTo("#/components/schemas/ValueStream"))
                // "Map<String,Object>" is not a valid component name.
                .body("components.schemas", hasKey("MapStringObject"))
                .body("paths.'/api/v1/value-streams/{id}/metrics'.get.responses.'200'.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/MapStringObject"))
                // The services' Problem (identical in two) differs from the gateway's: theirs is prefixed.
                .body("components.schemas", hasKey("Problem"))
                .body("components.schemas", hasKey("IngestionProblem"));
    }

    @Test
    void securityIsTheGatewaysAndWebhooksNeedNone() {
        given().get("/q/openapi").then()
                .body("components.securitySchemes", hasKey("bearer"))
                .body("components.securitySchemes", hasKey("apiKeyHeader"))
                .body("components.securitySchemes", hasKey("oidc"))
                .body("components.securitySchemes", not(hasKey("identity")))
                .body("security.size()", equalTo(3))
                .body("paths.'/api/v1/connections'.get.security", nullValue())
                .body("paths.'/api/v1/webhooks/github/{connectionId}'.post.security", empty())
                .body("paths.'/api/v1/connections'.get.parameters", nullValue())
                .body("paths.'/api/v1/connections'.get.responses.'401'.'$ref'",
                        equalTo("#/components/responses/Unauthorized"))
                .body("paths.'/api/v1/connections'.get.responses.'429'.'$ref'",
                        equalTo("#/components/responses/TooManyRequests"))
                .body("paths.'/api/v1/connections'.get.responses.'503'.'$ref'",
                        equalTo("#/components/responses/ServiceUnavailable"))
                .body("components.responses.TooManyRequests.content.'application/problem+json'.schema.'$ref'",
                        equalTo("#/components/schemas/Problem"));
    }

    @Test
    void servedAsYamlOnRequest() {
        given().queryParam("format", "yaml").get("/q/openapi").then().statusCode(200)
                .contentType(containsString("yaml")).body(containsString("title: Flowlens API"));
        given().accept("application/yaml").get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/v1/organisations/{id}:"));
    }

    @Test
    void aServiceThatIsDownKeepsItsLastGoodCopy() {
        given().get("/q/openapi").then().body("paths", hasKey("/api/v1/organisations"));
        Gateway.control("stop/assessment");
        try {
            given().get("/q/openapi").then().statusCode(200).body("paths", hasKey("/api/v1/organisations"));
        } finally {
            Gateway.control("start/assessment");
        }
    }

    @Test
    void swaggerUiIsServedAndPointsAtTheMergedDocument() {
        given().get("/q/swagger-ui/").then().statusCode(200);
        given().get("/q/swagger-ui/index.html").then().statusCode(200).body(containsString("/q/openapi"));
        given().get("/q/openapi-gateway").then().statusCode(200).body(containsString("/api/v1/tenants"));
    }
}
