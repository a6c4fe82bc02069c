package io.flowlens.assessment;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Every public endpoint is in the OpenAPI document with a summary and its error responses. */
@QuarkusTest
class OpenApiTest {

    @Test
    void everyOperationIsDocumentedWithItsErrors() {
        JsonPath doc = given().port(ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class))
                .queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Map<String, Object>>> paths = doc.getMap("paths");
        for (String path : List.of("/api/v1/questionnaires", "/api/v1/questionnaires/{version}", "/api/v1/organisations",
                "/api/v1/organisations/{id}", "/api/v1/organisations/{organisationId}/assessments", "/api/v1/assessments",
                "/api/v1/assessments/{id}", "/api/v1/assessments/{id}/benchmark", "/api/v1/assessments/export",
                "/api/v1/assessments/drafts", "/api/v1/assessments/drafts/{id}/submit", "/api/v1/partner-webhooks",
                "/api/v1/partner-webhooks/{id}/deliveries", "/api/v1/reliability/{version}")) {
            assertTrue(paths.containsKey(path), "missing " + path);
        }
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            if (!path.startsWith("/api/")) {
                return;
            }
            assertTrue(operation.get("summary") != null, method + " " + path + " has no summary");
            @SuppressWarnings("unchecked")
            Map<String, Object> responses = (Map<String, Object>) operation.get("responses");
            assertTrue(responses.keySet().stream().anyMatch(code -> code.startsWith("2")), method + " " + path);
        }));
        assertTrue(doc.getMap("paths.'/api/v1/assessments'.post.responses").containsKey("422"));
        assertTrue(doc.getMap("paths.'/api/v1/assessments/{id}/benchmark'.get.responses").containsKey("404"));
    }
}
