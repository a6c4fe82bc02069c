package io.flowlens.assessment;

import static io.flowlens.assessment.support.Api.partner;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flowlens.assessment.support.Api;
import io.flowlens.common.openapi.ContractCheck;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The service's OpenAPI document is one a client can be generated from (common's ContractCheck),
 * its required fields are the ones the service requires, and its request examples are accepted
 * as they stand: a partner who sends the documented example gets 201, not 400 or 422.
 */
@QuarkusTest
class ContractTest {

    static String document() {
        return given().port(ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class))
                .queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
    }

    @Test
    void everyPublicOperationIsCompleteForGeneratedClients() {
        Map<String, Object> doc = JsonPath.from(document()).getMap("");
        assertEquals(List.of(), ContractCheck.findings(doc));
    }

    @Test
    void requiredFieldsAreTheOnesTheServiceRequires() {
        JsonPath doc = JsonPath.from(document());
        assertEquals(List.of("name", "industry", "sizeBand", "region"), doc.getList("components.schemas.CreateOrganisation.required"));
        assertEquals(List.of("organisationId", "questionnaireVersion", "answers"),
                doc.getList("components.schemas.SubmitAssessment.required"));
        assertEquals("createOrganisation", doc.getString("paths.'/api/v1/organisations'.post.operationId"));
        assertEquals("submitAssessment", doc.getString("paths.'/api/v1/assessments'.post.operationId"));
        assertEquals("getBenchmark", doc.getString("paths.'/api/v1/assessments/{id}/benchmark'.get.operationId"));
        assertEquals(List.of("partner"), doc.getList("paths.'/api/v1/assessments'.post.x-flowlens-roles"));
        assertEquals("integer", doc.getString(
                "paths.'/api/v1/organisations'.get.parameters.find { it.name == 'limit' }.schema.type"));
        assertEquals(true, doc.getMap("paths.'/api/v1/assessments'.post.responses.'201'.headers").containsKey("Location"));
        assertEquals(true, doc.getMap("paths.'/api/v1/assessments'.post.responses.'201'.headers")
                .containsKey("Idempotent-Replayed"));
    }

    @Test
    void theDocumentedExamplesAreAccepted() throws Exception {
        JsonPath doc = JsonPath.from(document());
        ObjectMapper json = new ObjectMapper();
        String tenant = Api.newTenant();
        String organisation = json.writeValueAsString(doc.getMap(
                "paths.'/api/v1/organisations'.post.requestBody.content.'application/json'.examples.retailer.value"));
        String organisationId = partner(tenant).body(organisation).post("/api/v1/organisations").then().statusCode(201)
                .body("industry", equalTo("retail")).extract().path("id");

        ObjectNode submission = (ObjectNode) json.valueToTree(doc.getMap(
                "paths.'/api/v1/assessments'.post.requestBody.content.'application/json'.examples.'every statement of ccm-2026.1'.value"));
        assertEquals(Api.uniformAnswers(3).keySet(), json.convertValue(submission.get("answers"), Map.class).keySet(),
                "the example answers every statement of the seeded questionnaire");
        submission.put("organisationId", organisationId);
        partner(tenant).body(json.writeValueAsString(submission)).post("/api/v1/assessments").then().statusCode(201)
                .body("questionnaireVersion", equalTo("ccm-2026.1"));
        // The schema's own example is the same full set of answers.
        ObjectNode schemaExample = (ObjectNode) json.valueToTree(doc.getList("components.schemas.SubmitAssessment.examples").get(0));
        schemaExample.put("organisationId", organisationId);
        partner(tenant).body(json.writeValueAsString(schemaExample)).post("/api/v1/assessments").then().statusCode(201);
    }
}
