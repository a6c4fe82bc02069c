package io.flowlens.gateway.routing;

import static io.flowlens.gateway.support.Gateway.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.flowlens.gateway.support.Gateway;
import io.flowlens.gateway.support.Gateway.TestTenant;
import io.quarkus.test.junit.QuarkusTest;

/**
 * On a tracker's webhook, Authorization is the tracker's credential (Azure DevOps' basic-auth
 * password) and reaches ingestion untouched; on every other route it is the caller's Flowlens
 * key and stays at the gateway.
 */
@QuarkusTest
class WebhookAuthorizationTest {

    static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString("flowlens:azure-subscription-password".getBytes(StandardCharsets.UTF_8));
    static TestTenant tenant;
    static String member;

    @BeforeEach
    void tenant() {
        if (tenant == null) {
            tenant = Gateway.newTenant("Webhook credentials");
            member = Gateway.newKey(tenant, "member").getString("key");
        }
    }

    @Test
    void aTrackersBasicAuthReachesTheWebhookUpstream() {
        given().header("Authorization", BASIC).contentType("application/json")
                .body("{\"eventType\":\"workitem.created\"}")
                .post("/api/v1/webhooks/6b1c3f5e-9a3e-4c1e-8f0a-2f4d5e6a7b8c")
                .then().statusCode(200).header("X-Stand-In", "ingestion")
                .body("authorization", equalTo(BASIC))
                .body("identity", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void anApiKeySentToAWebhookIsNotPassedOn() {
        given().header("X-API-Key", member).contentType("application/json").body("{}")
                .post("/api/v1/webhooks/6b1c3f5e-9a3e-4c1e-8f0a-2f4d5e6a7b8c")
                .then().statusCode(200).body("apiKey", nullValue());
    }

    @Test
    void everyOtherRouteKeepsAuthorizationAtTheGateway() {
        for (String path : new String[] {"/api/v1/connections", "/api/v1/items/1", "/api/v1/value-streams",
            "/api/v1/questionnaires", "/api/v1/connections/c1/imports"}) {
            as(member).get(path).then().statusCode(200).body("authorization", nullValue()).body("apiKey", nullValue());
        }
    }
}
