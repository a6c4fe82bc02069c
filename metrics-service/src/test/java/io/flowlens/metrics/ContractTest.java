package io.flowlens.metrics;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.flowlens.common.openapi.ContractCheck;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The service's OpenAPI document is one a client can be generated from: hand-chosen operation ids,
 * roles, typed and described parameters, schemas, problem+json errors with the suite's one Problem
 * (common's ContractCheck), and the closed sets and formats this service's operations use.
 */
@QuarkusTest
class ContractTest {

    static JsonPath document() {
        return given().port(ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class))
                .queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void everyPublicOperationIsCompleteForGeneratedClients() {
        Map<String, Object> doc = document().getMap("");
        assertEquals(List.of(), ContractCheck.findings(doc));
    }

    @Test
    void operationsHaveTheirHandChosenNamesRolesAndTypes() {
        JsonPath doc = document();
        assertEquals("getFlowMetrics", doc.getString("paths.'/api/v1/value-streams/{id}/flow'.get.operationId"));
        assertEquals("getCumulativeFlow", doc.getString("paths.'/api/v1/value-streams/{id}/cfd'.get.operationId"));
        assertEquals("getWorkItemAge", doc.getString("paths.'/api/v1/value-streams/{id}/aging'.get.operationId"));
        assertEquals("forecastHowMany", doc.getString("paths.'/api/v1/value-streams/{id}/forecast/how-many'.get.operationId"));
        assertEquals(List.of("member"), doc.getList("paths.'/api/v1/value-streams'.post.x-flowlens-roles"));
        assertEquals(List.of("reader"), doc.getList("paths.'/api/v1/portfolio/flow'.get.x-flowlens-roles"));
        assertEquals(List.of("day", "week", "month"),
                doc.getList("paths.'/api/v1/portfolio/flow'.get.parameters.find { it.name == 'bucket' }.schema.enum"));
        assertEquals("integer", doc.getString(
                "paths.'/api/v1/portfolio/forecast/when'.get.parameters.find { it.name == 'seed' }.schema.type"));
        // The tabular reads offer CSV beside JSON, with the headers a conditional read sends.
        Map<String, Object> ok = doc.getMap("paths.'/api/v1/value-streams/{id}/cfd'.get.responses.'200'");
        assertEquals(List.of("application/json", "text/csv"), List.copyOf(((Map<?, ?>) ok.get("content")).keySet().stream()
                .map(String::valueOf).sorted().toList()));
        assertEquals(true, ((Map<?, ?>) ok.get("headers")).containsKey("ETag"));
        assertEquals("#/components/schemas/Problem",
                doc.getString("paths.'/api/v1/value-streams/{id}/cfd'.get.responses.'503'.content.'application/problem+json'.schema.'$ref'"));
        assertEquals("integer", doc.getString(
                "paths.'/api/v1/value-streams/{id}/cfd'.get.responses.'503'.headers.Retry-After.schema.type"));
        assertEquals("X-Flowlens-Identity", doc.getString("components.securitySchemes.identity.name"));
    }
}
