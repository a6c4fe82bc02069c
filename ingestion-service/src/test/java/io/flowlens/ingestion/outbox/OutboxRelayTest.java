package io.flowlens.ingestion.outbox;

import static io.flowlens.ingestion.support.Api.fixture;
import static io.flowlens.ingestion.support.Api.hmacHex;
import static io.flowlens.ingestion.support.Api.tracker;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.agroal.api.AgroalDataSource;
import io.flowlens.ingestion.support.Api;
import io.flowlens.ingestion.support.Db;
import io.flowlens.ingestion.support.FakeMetricsService;
import io.quarkus.test.junit.QuarkusTest;

/** The hand-off to metrics-service: nothing lost while it is down, delivered once it is back. */
@QuarkusTest
class OutboxRelayTest {

    static final String SECRET = "gh-outbox-secret";

    @Inject
    AgroalDataSource ds;

    static void deliver(String conn, String fixture, String id) {
        byte[] body = fixture("github/" + fixture);
        tracker().header("X-GitHub-Event", "issues").header("X-GitHub-Delivery", id)
                .header("X-Hub-Signature-256", "sha256=" + hmacHex(SECRET, body)).contentType("application/json")
                .body(body).post("/api/v1/webhooks/" + conn).then().statusCode(200);
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

    @Test
    void whileMetricsIsDownNothingIsLostAndEverythingArrivesWhenItIsBack() throws Exception {
        FakeMetricsService metrics = FakeMetricsService.get();
        metrics.setDown(true);
        String conn = Api.connection(Api.newTenant(), "github", SECRET);
        deliver(conn, "issues-opened.json", "o1");
        deliver(conn, "issues-labeled.json", "o2");
        deliver(conn, "issues-closed.json", "o3");
        deliver(conn, "issues-closed.json", "o3"); // a redelivery: no new event
        await("the relay tried and was refused", () -> !metrics.refusedBatches.isEmpty());
        assertEquals(3, Db.count(ds, "select count(*) from outbox o join item i on i.id = o.item_id"
                + " where i.connection_id = ?::uuid", conn));
        assertTrue(metrics.receivedFor(conn).isEmpty());
        // The backlog shows in readiness (still UP: only metrics is down) and in /q/metrics.
        int management = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        given().port(management).get("/q/health/ready").then().statusCode(200).body("checks.name", hasItem("outbox relay"));
        given().port(management).get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("flowlens_outbox_backlog"));

        metrics.setDown(false);
        await("every event reached metrics", () -> metrics.receivedFor(conn).size() == 3);
        await("the outbox is empty", () -> Db.count(ds, "select count(*) from outbox o join item i on"
                + " i.id = o.item_id where i.connection_id = ?::uuid", conn) == 0);
        List<JsonNode> events = metrics.receivedFor(conn);
        Set<String> ids = new HashSet<>();
        events.forEach(e -> ids.add(e.get("eventId").asText()));
        assertEquals(3, ids.size(), "each event once");
        JsonNode latest = metrics.latestByItem.get(events.get(0).get("item").get("itemId").asText());
        assertEquals(3, latest.get("revision").asLong());
        assertEquals("done", latest.get("item").get("transitions").get(1).get("state").asText());
        assertEquals("defect", latest.get("item").get("flowType").asText());
        assertEquals("item.upserted", latest.get("type").asText());
    }

    @Test
    void deletingAConnectionTellsMetricsItsItemsAreGone() throws Exception {
        FakeMetricsService metrics = FakeMetricsService.get();
        metrics.setDown(false);
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "github", SECRET);
        deliver(conn, "issues-opened.json", "x1");
        await("the item reached metrics", () -> metrics.receivedFor(conn).size() == 1);
        assertEquals(1, Db.count(ds, "select count(*) from transition where tenant_id = ?", tenant));
        Api.as(tenant, "member").delete("/api/v1/connections/" + conn).then().statusCode(400);
        Api.as(tenant, "member").delete("/api/v1/connections/" + conn + "?confirm=true").then().statusCode(204);
        await("the deletion reached metrics", () -> metrics.receivedFor(conn).size() == 2);
        assertEquals("item.deleted", metrics.receivedFor(conn).get(1).get("type").asText());
        assertEquals(0, Db.rawEvents(ds, conn));
        assertEquals(0, Db.items(ds, conn));
        assertEquals(0, Db.count(ds, "select count(*) from transition where tenant_id = ?", tenant));
    }
}
