package io.flowlens.e2e;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;

/**
 * An Azure DevOps service hook authenticates with the basic-auth password set on the
 * subscription: through the gateway it reaches ingestion (the gateway forwards Authorization on
 * the webhook route only), a right password is applied and the item appears, a wrong one is a
 * 401 problem and nothing is stored.
 */
class AzureDevOpsThroughGatewayIT {

    static final String PASSWORD = "e2e-azure-devops-subscription-password";

    @BeforeAll
    static void suite() {
        Suite.ensureStarted();
    }

    static String basic(String password) {
        return "Basic " + Base64.getEncoder().encodeToString(("flowlens:" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A workitem.created delivery as Azure DevOps sends it (fields trimmed to what matters). */
    static String created(int id, String title) {
        return "{\"subscriptionId\":\"bea5b36f-976e-40e5-a7e4-6b72ceb1dff0\",\"notificationId\":" + id
                + ",\"id\":\"" + UUID.randomUUID() + "\",\"eventType\":\"workitem.created\",\"publisherId\":\"tfs\","
                + "\"resource\":{\"id\":" + id + ",\"rev\":1,\"fields\":{\"System.TeamProject\":\"Shop\","
                + "\"System.WorkItemType\":\"Bug\",\"System.State\":\"New\",\"System.CreatedDate\":"
                + "\"2026-01-05T10:00:00Z\",\"System.ChangedDate\":\"2026-01-05T10:00:00Z\",\"System.Title\":\""
                + title + "\",\"System.Tags\":\"checkout; e2e\"}},\"resourceVersion\":\"1.0\","
                + "\"createdDate\":\"2026-01-05T10:00:01Z\"}";
    }

    @Test
    void aDeliveryWithTheSubscriptionsPasswordIsAcceptedAndAWrongOneIs401() {
        Gateway.Tenant tenant = Gateway.newTenant("member", "reader");
        String connection = tenant.as("member").contentType(ContentType.JSON)
                .body(Map.of("kind", "azure-devops", "name", "e2e boards", "secret", PASSWORD))
                .post("/api/v1/connections").then().statusCode(201).extract().path("id");

        Gateway.anonymous().header("Authorization", basic(PASSWORD)).contentType(ContentType.JSON)
                .body(created(4101, "Checkout fails on Safari"))
                .post("/api/v1/webhooks/" + connection)
                .then().statusCode(200).body("outcome", equalTo("applied")).body("eventKind", equalTo("workitem.created"));
        List<Map<String, Object>> items = tenant.as("reader").queryParam("connectionId", connection)
                .get("/api/v1/items").then().statusCode(200).extract().path("items");
        assertEquals(1, items.size());
        assertEquals("Checkout fails on Safari", items.get(0).get("title"));
        assertEquals("#4101", items.get(0).get("key"));

        Gateway.anonymous().header("Authorization", basic("not-the-password")).contentType(ContentType.JSON)
                .body(created(4102, "Forged"))
                .post("/api/v1/webhooks/" + connection)
                .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
        Gateway.anonymous().contentType(ContentType.JSON).body(created(4103, "No credentials"))
                .post("/api/v1/webhooks/" + connection)
                .then().statusCode(401).contentType("application/problem+json");
        tenant.as("reader").queryParam("connectionId", connection).get("/api/v1/items")
                .then().statusCode(200).body("items.size()", equalTo(1))
                .body("items[0].title", containsString("Safari"));
    }
}
