package io.flowlens.gateway.tenant;

import static io.flowlens.gateway.support.Gateway.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.flowlens.common.identity.Caller;
import io.flowlens.common.identity.IdentityToken;
import io.flowlens.gateway.support.Gateway;
import io.flowlens.gateway.support.Gateway.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The platform admin erases a tenant with a confirmation: keys revoked first, each service asked
 * to erase its part with a service identity, then the gateway's own rows; a report of it all.
 * Idempotent; a failing service leaves the tenant locked out and the call repeatable.
 */
@QuarkusTest
class TenantErasureTest {

    static final IdentityToken IDENTITY = new IdentityToken("dev-only-identity-secret-change-me-0123456789");

    @BeforeEach
    void reset() {
        Gateway.control("reset");
    }

    static List<String> erasures(String service) {
        String recorded = Gateway.control("erasures/" + service);
        return recorded.isEmpty() ? List.of() : Arrays.asList(recorded.split("\n"));
    }

    @Test
    void withoutConfirmationNothingIsErased() {
        TestTenant tenant = Gateway.newTenant("Keep me");
        as(Gateway.PLATFORM_KEY).delete("/api/v1/tenants/" + tenant.id())
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("confirm")).body("detail", containsString("?confirm=true"));
        as(Gateway.PLATFORM_KEY).queryParam("confirm", "yes").delete("/api/v1/tenants/" + tenant.id())
                .then().statusCode(400);
        as(tenant.adminKey()).get("/api/v1/tenants/" + tenant.id()).then().statusCode(200);
        assertEquals(List.of(), erasures("ingestion"));
    }

    @Test
    void onlyThePlatformAdminErases() {
        TestTenant tenant = Gateway.newTenant("Not by myself");
        as(tenant.adminKey()).queryParam("confirm", "true").delete("/api/v1/tenants/" + tenant.id())
                .then().statusCode(403).contentType("application/problem+json");
        as(tenant.adminKey()).get("/api/v1/tenants/" + tenant.id()).then().statusCode(200);
        assertEquals(List.of(), erasures("metrics"));
    }

    @Test
    void everyServiceErasesItsPartThenTheGatewayItsOwn() {
        TestTenant tenant = Gateway.newTenant("Erase me");
        String member = Gateway.newKey(tenant, "member").getString("key");
        as(member).get("/api/v1/items").then().statusCode(200);

        JsonPath report = as(Gateway.PLATFORM_KEY).queryParam("confirm", "true")
                .delete("/api/v1/tenants/" + tenant.id())
                .then().statusCode(200).extract().jsonPath();
        assertEquals(tenant.id(), report.getString("tenantId"));
        assertEquals(2, report.getInt("erased.gateway.apiKeys"));
        assertEquals(1, report.getInt("erased.gateway.tenants"));
        assertEquals(3, report.getInt("erased.ingestion.ingestionRows"));
        assertEquals(3, report.getInt("erased.metrics.metricsRows"));
        assertEquals(3, report.getInt("erased.assessment.assessmentRows"));
        for (String service : List.of("ingestion", "metrics", "assessment")) {
            List<String> calls = erasures(service);
            assertEquals(1, calls.size(), service);
            String[] call = calls.get(0).split(" ");
            assertEquals(tenant.id(), call[0]);
            Caller caller = IDENTITY.verify(call[1]).orElseThrow();
            assertEquals("service", caller.role(), "signed as a service");
        }
        // Its keys are gone, and so is the tenant.
        as(member).get("/api/v1/items").then().statusCode(401);
        as(tenant.adminKey()).get("/api/v1/tenants/" + tenant.id()).then().statusCode(401);
        as(Gateway.PLATFORM_KEY).get("/api/v1/tenants/" + tenant.id()).then().statusCode(404);

        // Again: nothing left anywhere, and it says so.
        JsonPath again = as(Gateway.PLATFORM_KEY).queryParam("confirm", "true")
                .delete("/api/v1/tenants/" + tenant.id()).then().statusCode(200).extract().jsonPath();
        assertEquals(0, again.getInt("erased.gateway.apiKeys"));
        assertEquals(0, again.getInt("erased.gateway.tenants"));
        assertEquals(0, again.getInt("erased.metrics.metricsRows"));
    }

    @Test
    void aTenantThatNeverExistedIs404() {
        as(Gateway.PLATFORM_KEY).queryParam("confirm", "true").delete("/api/v1/tenants/no-such-tenant")
                .then().statusCode(404).contentType("application/problem+json");
        assertEquals(List.of(), erasures("ingestion"));
    }

    @Test
    void aFailingServiceLeavesTheTenantLockedOutAndTheCallRepeatable() {
        TestTenant tenant = Gateway.newTenant("Half erased");
        Gateway.control("fail-erasure/metrics?times=1");
        as(Gateway.PLATFORM_KEY).queryParam("confirm", "true").delete("/api/v1/tenants/" + tenant.id())
                .then().statusCode(502).contentType("application/problem+json")
                .body("detail", containsString("metrics-service")).body("detail", containsString("repeat"));
        // Locked out at once, but kept: its data in metrics and assessment is not erased yet.
        as(tenant.adminKey()).get("/api/v1/tenants/" + tenant.id()).then().statusCode(401);
        as(Gateway.PLATFORM_KEY).get("/api/v1/tenants/" + tenant.id()).then().statusCode(200);
        assertEquals(1, erasures("ingestion").size());
        assertEquals(List.of(), erasures("assessment"));

        Gateway.control("stop/assessment");
        try {
            as(Gateway.PLATFORM_KEY).queryParam("confirm", "true").delete("/api/v1/tenants/" + tenant.id())
                    .then().statusCode(503).header("Retry-After", "5")
                    .body("detail", containsString("assessment-service"));
        } finally {
            Gateway.control("start/assessment");
        }
        // A service whose database is away answers 503 with Retry-After: so does the erasure, with its wait.
        Gateway.control("fail-erasure/assessment?times=1&status=503");
        as(Gateway.PLATFORM_KEY).queryParam("confirm", "true").delete("/api/v1/tenants/" + tenant.id())
                .then().statusCode(503).contentType("application/problem+json").header("Retry-After", "7")
                .body("type", equalTo("https://flowlens.io/problems/service-unavailable"))
                .body("detail", containsString("assessment-service")).body("detail", containsString("repeat"));
        JsonPath report = as(Gateway.PLATFORM_KEY).queryParam("confirm", "true")
                .delete("/api/v1/tenants/" + tenant.id()).then().statusCode(200).extract().jsonPath();
        assertEquals(0, report.getInt("erased.ingestion.ingestionRows"), "erased on the first call");
        assertEquals(0, report.getInt("erased.metrics.metricsRows"), "erased on the second call");
        assertEquals(3, report.getInt("erased.assessment.assessmentRows"));
        assertEquals(1, report.getInt("erased.gateway.apiKeys"));
        assertEquals(1, report.getInt("erased.gateway.tenants"));
        as(Gateway.PLATFORM_KEY).get("/api/v1/tenants/" + tenant.id()).then().statusCode(404);
    }

    @Test
    void theOperationIsDocumented() {
        JsonPath doc = io.restassured.RestAssured.given().get("/q/openapi").then().statusCode(200).extract().jsonPath();
        String op = "paths.'/api/v1/tenants/{tenantId}'.delete";
        assertEquals("eraseTenant", doc.getString(op + ".operationId"));
        assertTrue(doc.getString(op + ".description").contains("confirm=true"));
        assertTrue(doc.getMap(op + ".responses").keySet().containsAll(List.of("200", "400", "404", "502")));
    }
}
