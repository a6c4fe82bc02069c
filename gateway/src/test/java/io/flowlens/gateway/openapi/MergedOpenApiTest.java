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
        // Kept for linting by hand: deploy/openapi/lint.sh gateway/target/merged-openapi.json
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
        assertEquals("listConnections", doc.getString("paths.'/api/v1/connections'.get.operationId"));
        assertEquals("createTenant", doc.getString("paths.'/api/v1/tenants'.post.operationId"));
        assertEquals("rotateApiKey",
                doc.getString("paths.'/api/v1/tenants/{tenantId}/api-keys/{keyId}/rotate'.post.operationId"));
        paths.values().forEach(item -> item.values().forEach(op -> {
            org.hamcrest.MatcherAssert.assertThat(op.get("summary"), notNullValue());
            org.hamcrest.MatcherAssert.assertThat((List<?>) op.get("tags"), not(empty()));
        }));
        given().get("/q/openapi").then()
                .body("x-tagGroups.name", hasItems("Gateway", "Ingestion", "Metrics", "Assessment"))
                .body("tags.name", hasItems("Tenants", "API keys", "Connections", "Organisations"));
    }

    /** The rules a client developer meets first, held without npm (the linters in CI hold them again). */
    @Test
    @SuppressWarnings("unchecked")
    void everyOperationKeepsTheContractConvention() throws java.io.IOException {
        Map<String, Object> doc = new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                given().get("/q/openapi").then().statusCode(200).extract().asByteArray(), Map.class);
        assertEquals(List.of(), io.flowlens.gateway.domain.OpenApiContract.violations(doc));
        given().get("/q/openapi").then()
                .body("openapi", equalTo("3.1.0"))
                // The gateway's own operations: roles, Role: line, typed parameters, Location.
                .body("paths.'/api/v1/tenants'.post.x-flowlens-roles", equalTo(List.of("platform")))
                .body("paths.'/api/v1/tenants'.post.description", containsString("Role: platform."))
                .body("paths.'/api/v1/tenants'.post.responses", not(hasKey("x-flowlens-roles")))
                .body("paths.'/api/v1/tenants'.post.responses.'201'.headers", hasKey("Location"))
                .body("paths.'/api/v1/tenants/{tenantId}/api-keys'.get.x-flowlens-roles",
                        equalTo(List.of("admin", "platform")))
                .body("paths.'/api/v1/tenants/{tenantId}/api-keys'.get.parameters.find { it.name == 'limit' }"
                        + ".schema.type", equalTo("integer"))
                .body("paths.'/api/v1/tenants/{tenantId}'.delete.parameters.find { it.name == 'confirm' }"
                        + ".schema.type", equalTo("boolean"));
    }

    @Test
    void oneProblemSchemaServesEveryErrorOfEveryService() {
        given().get("/q/openapi").then()
                .body("components.schemas", hasKey("Problem"))
                .body("components.schemas", hasKey("ProblemFieldError"))
                .body("components.schemas", not(hasKey("IngestionProblem")))
                .body("components.schemas", not(hasKey("MetricsProblem")))
                .body("components.schemas", not(hasKey("FieldError")))
                .body("components.schemas.Problem.required", hasItems("type", "title", "status"))
                // A service's own Problem reference becomes the suite's.
                .body("paths.'/api/v1/connections'.post.responses.'400'.content.'application/problem+json'.schema.'$ref'",
                        equalTo("#/components/schemas/Problem"))
                // An error declared without a body gets the problem body it has at runtime ...
                .body("paths.'/api/v1/connections/{id}'.get.responses.'404'.content.'application/problem+json'"
                        + ".schema.'$ref'", equalTo("#/components/schemas/Problem"))
                .body("paths.'/api/v1/organisations'.post.responses.'422'.content.'application/problem+json'"
                        + ".schema.'$ref'", equalTo("#/components/schemas/Problem"))
                // ... and one declared as application/json of the problem schema moves to problem+json.
                .body("paths.'/api/v1/value-streams'.get.responses.'400'.content", not(hasKey("application/json")))
                .body("paths.'/api/v1/value-streams'.get.responses.'400'.content.'application/problem+json'"
                        + ".schema.'$ref'", equalTo("#/components/schemas/Problem"))
                // The gateway's own errors, on every routed operation.
                .body("paths.'/api/v1/organisations/{id}'.get.responses.'403'.'$ref'",
                        equalTo("#/components/responses/Forbidden"))
                .body("components.responses.Forbidden.content.'application/problem+json'.schema.'$ref'",
                        equalTo("#/components/schemas/Problem"));
    }

    @Test
    void theGatewaysHeadersAreOnEveryResponse() {
        given().get("/q/openapi").then()
                .body("components.headers", hasKey("X-Request-Id"))
                .body("components.headers.'RateLimit-Remaining'.schema.type", equalTo("integer"))
                .body("paths.'/api/v1/connections'.get.responses.'200'.headers.'X-Request-Id'.'$ref'",
                        equalTo("#/components/headers/X-Request-Id"))
                .body("paths.'/api/v1/connections'.get.responses.'200'.headers.'RateLimit-Limit'.'$ref'",
                        equalTo("#/components/headers/RateLimit-Limit"))
                .body("components.responses.TooManyRequests.headers", hasKey("Retry-After"))
                .body("components.responses.TooManyRequests.headers", hasKey("RateLimit-Reset"))
                .body("components.responses.Unauthorized.headers", hasKey("X-Request-Id"))
                .body("components.responses.Unauthorized.headers", not(hasKey("RateLimit-Limit")))
                // A tracker's webhook carries no key, so no key's rate limit.
                .body("paths.'/api/v1/webhooks/github/{connectionId}'.post.responses.'202'.headers",
                        hasKey("X-Request-Id"))
                .body("paths.'/api/v1/webhooks/github/{connectionId}'.post.responses.'202'.headers",
                        not(hasKey("RateLimit-Limit")));
    }

    @Test
    void thePartnerWebhookIsInTheWebhooksSection() {
        given().get("/q/openapi").then()
                .body("webhooks", hasKey("assessment.scored"))
                .body("webhooks.'assessment.scored'.post.operationId", equalTo("assessmentScored"))
                .body("webhooks.'assessment.scored'.post.parameters.name",
                        hasItems("webhook-id", "webhook-timestamp", "webhook-signature"))
                .body("webhooks.'assessment.scored'.post.requestBody.content.'application/json'.schema"
                        + ".properties.data.'$ref'", equalTo("#/components/schemas/AssessmentResult"))
                .body("webhooks.'assessment.scored'.post.requestBody.content.'application/json'.schema"
                        + ".properties.type.enum", equalTo(List.of("assessment.scored")))
                .body("components.schemas", hasKey("AssessmentResult"));
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
                        equalTo("#/components/schemas/MapStringObject"));
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
                .body("paths.'/api/v1/connections'.get.parameters.name", not(hasItem("X-Flowlens-Identity")))
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
