package io.flowlens.assessment;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * What generated clients read from the OpenAPI document: every creating POST takes an
 * Idempotency-Key and says when its answer is replayed; an organisation's required fields are
 * marked required; the internal tenant erase is not in it.
 */
@QuarkusTest
class ApiDocumentTest {

    private static JsonPath document() {
        Config config = ConfigProvider.getConfig();
        // The document is served on the management interface where one is enabled, else on the API port.
        boolean management = config.getOptionalValue("quarkus.management.enabled", Boolean.class).orElse(false);
        int port = management ? config.getValue("quarkus.management.test-port", Integer.class)
                : config.getValue("quarkus.http.test-port", Integer.class);
        return given().port(port).queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void everyCreatingPostTakesAnIdempotencyKeyAndSaysWhenItReplays() {
        JsonPath doc = document();
        for (String path : List.of("/api/v1/organisations", "/api/v1/assessments", "/api/v1/assessments/drafts",
                "/api/v1/assessments/drafts/{id}/submit", "/api/v1/partner-webhooks")) {
            String post = "paths.'" + path + "'.post";
            List<Map<String, Object>> parameters = doc.getList(post + ".parameters");
            assertTrue(parameters != null && parameters.stream().anyMatch(
                    p -> "Idempotency-Key".equals(p.get("name")) && "header".equals(p.get("in"))), path);
            assertTrue(doc.getMap(post + ".responses.'201'.headers").containsKey("Idempotent-Replayed"), path);
            assertTrue(doc.getMap(post + ".responses").containsKey("409"), path);
            assertTrue(doc.getMap(post + ".responses").containsKey("422"), path);
        }
    }

    @Test
    void anOrganisationsRequiredFieldsAreMarkedRequired() {
        List<String> required = document().getList("components.schemas.CreateOrganisation.required");
        assertEquals(List.of("industry", "name", "region", "sizeBand"), required.stream().sorted().toList());
    }

    @Test
    void theTenantEraseIsNotPublished() {
        Map<String, Object> paths = document().getMap("paths");
        assertFalse(paths.keySet().stream().anyMatch(p -> p.startsWith("/internal")), paths.keySet().toString());
    }
}
