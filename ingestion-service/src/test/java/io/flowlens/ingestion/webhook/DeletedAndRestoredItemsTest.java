package io.flowlens.ingestion.webhook;

import static io.flowlens.ingestion.support.Api.as;
import static io.flowlens.ingestion.support.Api.fixture;
import static io.flowlens.ingestion.support.Api.tracker;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.agroal.api.AgroalDataSource;
import io.flowlens.ingestion.support.Api;
import io.flowlens.ingestion.support.Db;
import io.flowlens.ingestion.support.FakeMetricsService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * Azure DevOps deletions and restorations through the real webhook endpoint: the newest of them
 * by instant decides whether a work item is listed, counted as deleted and what metrics has,
 * whatever order they arrive in; a restore delivered again sends nothing; a replay of the raw
 * layer gives the presence the webhooks gave.
 */
@QuarkusTest
class DeletedAndRestoredItemsTest {

    static final String PASSWORD = "azure-restore-password";
    static final ObjectMapper JSON = new ObjectMapper();

    // The fixtures' notification instants: created 2021-08-07, deleted 2021-08-09, restored 2021-08-10.
    static final String AFTER_THE_RESTORE = "2021-08-11T10:00:00.000Z";

    /** Each item's presence as stored: external id, deleted, the instant of the statement that decided it. */
    static final String PRESENCE = "select string_agg(external_id || ' ' || deleted || ' '"
            + " || coalesce(to_char(presence_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), '-'),"
            + " ', ' order by external_id) from item where connection_id = ?::uuid";

    @Inject
    AgroalDataSource ds;

    final FakeMetricsService metrics = FakeMetricsService.get();

    @BeforeEach
    void metricsIsUp() {
        metrics.setDown(false);
    }

    /**
     * An Azure DevOps fixture as work item {@code workItem}, with its own notification id (the
     * delivery id) and, when given, another notification instant ({@code createdDate}).
     */
    static byte[] hook(String fixture, int workItem, String createdDate) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(fixture("azure-devops/" + fixture));
        root.put("id", UUID.randomUUID().toString());
        if (createdDate != null) {
            root.put("createdDate", createdDate);
        }
        ((ObjectNode) root.get("resource")).put("id", workItem);
        return JSON.writeValueAsBytes(root);
    }

    static ValidatableResponse deliver(String conn, byte[] body) {
        String basic = Base64.getEncoder().encodeToString(("flowlens:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return tracker().header("Authorization", "Basic " + basic).contentType("application/json").body(body)
                .post("/api/v1/webhooks/" + conn).then().statusCode(200);
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }

    /** What metrics got for the connection, in order, once the outbox has nothing left of it. */
    List<JsonNode> sentToMetrics(String conn) throws InterruptedException {
        await("the connection's outbox is empty", () -> Db.count(ds, "select count(*) from outbox o join item i"
                + " on i.id = o.item_id where i.connection_id = ?::uuid", conn) == 0);
        return metrics.receivedFor(conn);
    }

    static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.get("type").asText()).toList();
    }

    static JsonPath listed(String tenant, String conn) {
        return as(tenant, "reader").get("/api/v1/items?connectionId=" + conn).then().statusCode(200).extract()
                .jsonPath();
    }

    static long deletedCount(String tenant, String conn) {
        return as(tenant, "reader").get("/api/v1/connections/" + conn + "/data-quality").then().statusCode(200)
                .extract().jsonPath().getLong("deleted");
    }

    @Test
    void aRestoredWorkItemIsListedAndPublishedAgainWithItsTimeline() throws Exception {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "azure-devops", PASSWORD);
        deliver(conn, hook("workitem-created.json", 13, null)).body("outcome", equalTo("applied"));
        String item = listed(tenant, conn).getString("items[0].id");
        deliver(conn, hook("workitem-deleted.json", 13, null));
        as(tenant, "reader").get("/api/v1/items?connectionId=" + conn).then().body("items", hasSize(0));
        as(tenant, "reader").get("/api/v1/items/" + item).then().statusCode(404);
        assertEquals(1, deletedCount(tenant, conn));
        assertEquals(List.of("item.upserted", "item.deleted"), types(sentToMetrics(conn)));

        deliver(conn, hook("workitem-restored.json", 13, null)).body("eventKind", equalTo("workitem.restored"))
                .body("outcome", equalTo("applied"));
        as(tenant, "reader").get("/api/v1/items?connectionId=" + conn).then().body("items", hasSize(1))
                .body("items[0].id", equalTo(item)).body("items[0].flowState", equalTo("active"));
        assertEquals(0, deletedCount(tenant, conn));
        List<JsonNode> sent = sentToMetrics(conn);
        assertEquals(List.of("item.upserted", "item.deleted", "item.upserted"), types(sent));
        JsonNode back = sent.get(2);
        assertEquals(3, back.get("revision").asLong());
        assertEquals(item, back.get("item").get("itemId").asText());
        assertEquals(List.of("new", "active"), back.get("item").get("transitions").findValuesAsText("state"));
        assertEquals(back, metrics.latestByItem.get(item));
    }

    @Test
    void aRestoreDeliveredBeforeTheOlderDeletionKeepsTheItem() throws Exception {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "azure-devops", PASSWORD);
        deliver(conn, hook("workitem-created.json", 13, null));
        deliver(conn, hook("workitem-restored.json", 13, null));
        // Sent before the restore (2021-08-09), received after it: too late to end the item.
        deliver(conn, hook("workitem-deleted.json", 13, null)).body("outcome", equalTo("applied"));
        as(tenant, "reader").get("/api/v1/items?connectionId=" + conn).then().body("items", hasSize(1))
                .body("items[0].flowState", equalTo("active"));
        assertEquals(0, deletedCount(tenant, conn));
        assertEquals(List.of("item.upserted", "item.upserted"), types(sentToMetrics(conn)));
        assertEquals("13 false 2021-08-10T10:00:00Z", Db.string(ds, PRESENCE, conn));
    }

    @Test
    void aDeletionNewerThanTheRestorationEndsTheItemWhicheverArrivesFirst() throws Exception {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "azure-devops", PASSWORD);
        // Work item 13: restored, then deleted again a day later, delivered in that order.
        deliver(conn, hook("workitem-created.json", 13, null));
        deliver(conn, hook("workitem-restored.json", 13, null));
        deliver(conn, hook("workitem-deleted.json", 13, AFTER_THE_RESTORE));
        // Work item 14: the same, but the newer deletion arrives before the restore.
        deliver(conn, hook("workitem-created.json", 14, null));
        deliver(conn, hook("workitem-deleted.json", 14, AFTER_THE_RESTORE));
        deliver(conn, hook("workitem-restored.json", 14, null)).body("outcome", equalTo("applied"));

        as(tenant, "reader").get("/api/v1/items?connectionId=" + conn).then().body("items", hasSize(0));
        assertEquals(2, deletedCount(tenant, conn));
        List<JsonNode> sent = sentToMetrics(conn);
        for (JsonNode e : sent) {
            String itemId = e.get("item").get("itemId").asText();
            assertEquals("item.deleted", metrics.latestByItem.get(itemId).get("type").asText());
        }
        // 13: upserted, upserted again by the restore's state, deleted; 14: upserted, deleted, nothing after.
        assertEquals(5, sent.size(), types(sent).toString());
    }

    @Test
    void theSameRestoreAgainSendsNothingNew() throws Exception {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "azure-devops", PASSWORD);
        deliver(conn, hook("workitem-created.json", 13, null));
        deliver(conn, hook("workitem-deleted.json", 13, null));
        byte[] restore = hook("workitem-restored.json", 13, null);
        deliver(conn, restore).body("outcome", equalTo("applied"));
        int before = sentToMetrics(conn).size();
        String revision = Db.string(ds, "select revision from item where connection_id = ?::uuid", conn);

        // Azure DevOps retrying the notification (same id) ...
        deliver(conn, restore).body("outcome", equalTo("duplicate"));
        // ... and the same restore notified again under a new id: applied, but it states nothing new.
        ObjectNode again = (ObjectNode) JSON.readTree(restore);
        again.put("id", UUID.randomUUID().toString());
        deliver(conn, JSON.writeValueAsBytes(again)).body("outcome", equalTo("applied"));

        assertEquals(before, sentToMetrics(conn).size());
        assertEquals(revision, Db.string(ds, "select revision from item where connection_id = ?::uuid", conn));
        as(tenant, "reader").get("/api/v1/items?connectionId=" + conn).then().body("items", hasSize(1));
    }

    @Test
    void aReplayRebuildsThePresenceTheWebhooksGave() throws Exception {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "azure-devops", PASSWORD);
        // 13 present (the restore is newer, delivered first); 14 deleted (the deletion is newer, delivered first).
        deliver(conn, hook("workitem-created.json", 13, null));
        deliver(conn, hook("workitem-restored.json", 13, null));
        deliver(conn, hook("workitem-deleted.json", 13, null));
        deliver(conn, hook("workitem-created.json", 14, null));
        deliver(conn, hook("workitem-deleted.json", 14, AFTER_THE_RESTORE));
        deliver(conn, hook("workitem-restored.json", 14, null));
        String live = Db.string(ds, PRESENCE, conn);
        assertEquals("13 false 2021-08-10T10:00:00Z, 14 true 2021-08-11T10:00:00Z", live);
        int sent = sentToMetrics(conn).size();

        // Presence got wrong by some older reading: the replay states it again from the deliveries.
        Db.count(ds, "with u as (update item set deleted = not deleted, presence_at = null"
                + " where connection_id = ?::uuid returning 1) select count(*) from u", conn);
        String job = as(tenant, "member").post("/api/v1/connections/" + conn + "/replay").then().statusCode(202)
                .extract().path("id");
        await("the replay ended", () -> List.of("succeeded", "failed").contains(as(tenant, "reader")
                .get("/api/v1/jobs/" + job).then().extract().<String>path("status")));
        as(tenant, "reader").get("/api/v1/jobs/" + job).then().body("status", equalTo("succeeded"));

        assertEquals(live, Db.string(ds, PRESENCE, conn));
        as(tenant, "reader").get("/api/v1/items?connectionId=" + conn).then().body("items.key", contains("#13"));
        assertEquals(sent, sentToMetrics(conn).size(), "metrics already has what the replay rebuilt");
    }
}
