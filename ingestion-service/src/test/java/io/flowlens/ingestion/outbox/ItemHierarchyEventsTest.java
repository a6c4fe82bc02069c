package io.flowlens.ingestion.outbox;

import static io.flowlens.ingestion.outbox.OutboxRelayTest.await;
import static io.flowlens.ingestion.support.Api.as;
import static io.flowlens.ingestion.support.Api.hmacHex;
import static io.flowlens.ingestion.support.Api.tracker;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.flowlens.ingestion.support.Api;
import io.flowlens.ingestion.support.FakeMetricsService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The item event names the item's parent (ingestion's id of it, when it is an item of the same
 * connection) and its hierarchy, from the generic records' {@code parent} and {@code hierarchy}:
 * whichever of parent and child arrives first, through webhooks or imports, the child's latest
 * event names the parent. An item nobody gave a hierarchy has an event without either field.
 */
@QuarkusTest
class ItemHierarchyEventsTest {

    static final String SECRET = "generic-hierarchy-secret";

    static String item(String id, String parent, String hierarchy) {
        return "{\"kind\":\"item\",\"id\":\"" + id + "\",\"project\":\"shop\",\"title\":\"" + id + "\","
                + "\"type\":\"Story\",\"labels\":[],\"createdAt\":\"2024-03-01T08:00:00Z\""
                + (parent == null ? "" : ",\"parent\":\"" + parent + "\"")
                + (hierarchy == null ? "" : ",\"hierarchy\":\"" + hierarchy + "\"") + "}";
    }

    static void webhook(String conn, String... records) {
        byte[] body = ("[" + String.join(",", records) + "]").getBytes(StandardCharsets.UTF_8);
        tracker().header("X-Flowlens-Signature", "sha256=" + hmacHex(SECRET, body)).contentType("application/json")
                .body(body).post("/api/v1/webhooks/" + conn).then().statusCode(200).body("outcome", equalTo("applied"));
    }

    static void importLines(String tenant, String conn, String... lines) throws Exception {
        String job = as(tenant, "member").contentType("application/x-ndjson").body((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/connections/" + conn + "/imports").then().statusCode(202).extract().path("id");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        String status;
        do {
            Thread.sleep(50);
            status = as(tenant, "reader").get("/api/v1/jobs/" + job).then().extract().path("status");
        } while (!"succeeded".equals(status) && !"failed".equals(status) && Instant.now().isBefore(deadline));
        assertEquals("succeeded", status);
    }

    /** Ingestion's item ids of a connection, by key (the generic id). */
    static Map<String, String> ids(String tenant, String conn) {
        JsonPath items = as(tenant, "reader").get("/api/v1/items?connectionId=" + conn + "&limit=100").then()
                .statusCode(200).extract().jsonPath();
        Map<String, String> out = new HashMap<>();
        List<String> keys = items.getList("items.key");
        List<String> itemIds = items.getList("items.id");
        for (int k = 0; k < keys.size(); k++) {
            out.put(keys.get(k), itemIds.get(k));
        }
        return out;
    }

    static JsonNode latest(FakeMetricsService metrics, String itemId) {
        JsonNode e = metrics.latestByItem.get(itemId);
        return e == null ? null : e.get("item");
    }

    static boolean names(JsonNode item, String parentId) {
        return item != null && parentId.equals(item.path("parentItemId").asText(null));
    }

    @Test
    void aChildThatArrivesBeforeItsParentNamesItOnceTheParentArrives() throws Exception {
        FakeMetricsService metrics = FakeMetricsService.get();
        metrics.setDown(false);
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "generic", SECRET);
        webhook(conn, item("SHOP-2", "SHOP-1", "subtask"));
        String child = ids(tenant, conn).get("SHOP-2");
        await("the child reached metrics", () -> latest(metrics, child) != null);
        JsonNode first = latest(metrics, child);
        assertTrue(first.path("parentItemId").isMissingNode(), "the parent is not known yet: " + first);
        assertEquals("subtask", first.get("hierarchy").asText());

        webhook(conn, item("SHOP-1", null, "standard"));
        String parent = ids(tenant, conn).get("SHOP-1");
        await("the child's event names its parent", () -> names(latest(metrics, child), parent));
        assertEquals("subtask", latest(metrics, child).get("hierarchy").asText());
        assertEquals(2, metrics.latestByItem.get(child).get("revision").asLong(), "one new revision of the child");
        await("the parent reached metrics", () -> latest(metrics, parent) != null);
        assertEquals("standard", latest(metrics, parent).get("hierarchy").asText());
        assertTrue(latest(metrics, parent).path("parentItemId").isMissingNode());
        as(tenant, "reader").get("/api/v1/items/" + child).then().body("parentExternalId", equalTo("SHOP-1"))
                .body("hierarchy", equalTo("subtask"));
    }

    @Test
    void importsNameTheParentInTheSameFileAndInALaterOne() throws Exception {
        FakeMetricsService metrics = FakeMetricsService.get();
        metrics.setDown(false);
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "generic", SECRET);
        // Children before their parents, one parent in this file and the other only in the next.
        importLines(tenant, conn, item("OPS-2", "OPS-1", "subtask"), item("OPS-4", "OPS-3", "subtask"),
                item("OPS-1", null, "standard"), item("OPS-9", null, null));
        Map<String, String> ids = ids(tenant, conn);
        await("the same file's parent is named", () -> names(latest(metrics, ids.get("OPS-2")), ids.get("OPS-1")));
        await("every item reached metrics", () -> latest(metrics, ids.get("OPS-4")) != null
                && latest(metrics, ids.get("OPS-9")) != null);
        assertTrue(latest(metrics, ids.get("OPS-4")).path("parentItemId").isMissingNode());
        // Nothing stated: the event is the shape it always was, without either field.
        JsonNode plain = latest(metrics, ids.get("OPS-9"));
        assertTrue(plain.path("parentItemId").isMissingNode() && plain.path("hierarchy").isMissingNode(),
                plain.toString());

        importLines(tenant, conn, item("OPS-3", "EPIC-1", "standard"));
        String later = ids(tenant, conn).get("OPS-3");
        await("a parent from a later import is named", () -> names(latest(metrics, ids.get("OPS-4")), later));
        // Its own parent is no item of the connection: no parentItemId, the hierarchy all the same.
        await("the later parent reached metrics", () -> latest(metrics, later) != null);
        assertTrue(latest(metrics, later).path("parentItemId").isMissingNode());
        assertEquals("standard", latest(metrics, later).get("hierarchy").asText());
    }

    @Test
    void aHierarchyOutsideTheContractsWordsIsRefusedNamingTheField() {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "generic", SECRET);
        byte[] body = ("[" + item("X-1", null, "story") + "]").getBytes(StandardCharsets.UTF_8);
        tracker().header("X-Flowlens-Signature", "sha256=" + hmacHex(SECRET, body)).contentType("application/json")
                .body(body).post("/api/v1/webhooks/" + conn).then().statusCode(400)
                .body("errors[0].pointer", equalTo("/0/hierarchy"));
        as(tenant, "member").contentType("application/x-ndjson").body(item("X-1", "P", null).replace("\"parent\":\"P\"", "\"parent\":7")
                        .getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/connections/" + conn + "/imports").then().statusCode(400);
        assertFalse(ids(tenant, conn).containsKey("X-1"), "nothing stored");
    }
}
