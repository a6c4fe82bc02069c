package io.flowlens.ingestion.webhook;

import static io.flowlens.ingestion.support.Api.as;
import static io.flowlens.ingestion.support.Api.fixture;
import static io.flowlens.ingestion.support.Api.hmacHex;
import static io.flowlens.ingestion.support.Api.tracker;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.agroal.api.AgroalDataSource;
import io.flowlens.common.problem.ApiException;
import io.flowlens.ingestion.connection.ConnectionService;
import io.flowlens.ingestion.domain.StatusChange;
import io.flowlens.ingestion.support.Api;
import io.flowlens.ingestion.support.Db;
import io.flowlens.ingestion.tracker.ItemChange;
import io.flowlens.ingestion.tracker.ParsedDelivery;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Deliveries that arrive together are written together (one transaction per batch), yet each is
 * answered for itself, stored once, and the items end up as if they had come one at a time.
 */
@QuarkusTest
class ConcurrentDeliveriesTest {

    static final String SECRET = "gh-concurrent-secret";
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource ds;

    @Inject
    DeliveryWriter writer;

    @Inject
    ConnectionService connections;

    /** GitHub's real "issues" payload, renumbered to issue {@code n}, closed or opened. */
    static byte[] issueEvent(int n, boolean closed) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(fixture("github/" + (closed ? "issues-closed.json" : "issues-opened.json")));
        ObjectNode issue = (ObjectNode) root.get("issue");
        issue.put("id", 500_000 + n);
        issue.put("node_id", "I_concurrent_" + n);
        issue.put("number", n);
        issue.put("title", "Concurrent issue " + n);
        return JSON.writeValueAsBytes(root);
    }

    @Test
    void simultaneousDeliveriesAndRedeliveriesAreEachAnsweredAndStoredOnce() throws Exception {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "github", SECRET);
        int issues = 20;
        // Every issue opened and closed, every delivery sent twice, all at once and shuffled:
        // closes often overtake their opens, and a delivery and its redelivery race each other.
        List<String[]> sends = new ArrayList<>();
        Map<String, byte[]> bodies = new HashMap<>();
        for (int n = 1; n <= issues; n++) {
            for (boolean closed : new boolean[] {false, true}) {
                String id = "concurrent-" + n + (closed ? "-closed" : "-opened");
                bodies.put(id, issueEvent(n, closed));
                sends.add(new String[] {id});
                sends.add(new String[] {id});
            }
        }
        Collections.shuffle(sends, new java.util.Random(7));
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<Response>> answers = new ArrayList<>();
        for (String[] send : sends) {
            byte[] body = bodies.get(send[0]);
            answers.add(pool.submit(() -> tracker().header("X-GitHub-Event", "issues")
                    .header("X-GitHub-Delivery", send[0]).header("X-Hub-Signature-256", "sha256=" + hmacHex(SECRET, body))
                    .contentType("application/json").body(body).post("/api/v1/webhooks/" + conn)));
        }
        Map<String, List<String>> outcomes = new HashMap<>();
        for (int i = 0; i < sends.size(); i++) {
            Response r = answers.get(i).get(60, TimeUnit.SECONDS);
            assertEquals(200, r.statusCode(), r.asString());
            outcomes.computeIfAbsent(r.path("delivery"), k -> new ArrayList<>()).add(r.path("outcome"));
        }
        pool.shutdown();
        assertEquals(2 * issues, outcomes.size());
        outcomes.forEach((delivery, seen) -> {
            Collections.sort(seen);
            assertEquals(List.of("applied", "duplicate"), seen, delivery);
        });

        assertEquals(2 * issues, Db.rawEvents(ds, conn));
        assertEquals(issues, Db.items(ds, conn));
        // Each status change names the delivery it came from, and that delivery is about its item.
        assertEquals(0, Db.count(ds, "select count(*) from transition t join item i on i.id = t.item_id"
                + " left join raw_event r on r.id = t.raw_event_id"
                + " where i.connection_id = ?::uuid and (r.id is null or r.delivery_key not like"
                + " 'concurrent-' || substring(i.external_id from 'I_concurrent_(\\d+)') || '-%')", conn));
        as(tenant, "reader").get("/api/v1/items?connectionId=" + conn + "&limit=100").then().statusCode(200)
                .body("items", hasSize(issues))
                .body("items.flowState", everyItem(equalTo("done")));
    }

    @Test
    void oneFailingDeliveryDoesNotFailTheOthersWrittenWithIt() throws Exception {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "github", SECRET);
        ConnectionService.WebhookTarget target = connections.forWebhook(UUID.fromString(conn));
        Instant at = Instant.parse("2025-03-01T10:00:00Z");
        DeliveryWriter.Pending good = pending(target, "good-1", change("I_good_1", at));
        DeliveryWriter.Pending bad = pending(target, "bad", change(null, at)); // no external id: cannot be stored
        DeliveryWriter.Pending alsoGood = pending(target, "good-2", change("I_good_2", at));
        DeliveryWriter.Pending elsewhere = pending(new ConnectionService.WebhookTarget(UUID.randomUUID(), tenant,
                "github", target.secret()), "gone", change("I_gone", at));

        writer.writeAll(List.of(good, bad, alsoGood, elsewhere));

        assertEquals("applied", good.answer().get().outcome());
        assertEquals("applied", alsoGood.answer().get().outcome());
        assertTrue(bad.answer().isCompletedExceptionally());
        ExecutionException gone = assertThrows(ExecutionException.class, () -> elsewhere.answer().get());
        assertInstanceOf(ApiException.class, gone.getCause());
        assertEquals(404, ((ApiException) gone.getCause()).status());
        // The failed delivery left nothing behind, not even its raw record.
        assertEquals(2, Db.rawEvents(ds, conn));
        assertEquals(2, Db.items(ds, conn));
        assertEquals(0, Db.count(ds, "select count(*) from raw_event where delivery_key in ('bad', 'gone')"));
    }

    private static ItemChange change(String externalId, Instant at) {
        return new ItemChange(externalId, "#1", "acme/shop", "An issue", null, List.of(), at, at,
                List.of(new StatusChange(at, "open", null)), false);
    }

    private static DeliveryWriter.Pending pending(ConnectionService.WebhookTarget target, String key, ItemChange change) {
        return new DeliveryWriter.Pending(target, key, "{}", "{}".getBytes(),
                ParsedDelivery.changes("issues.opened", List.of(change)), Instant.now(), UUID.randomUUID(),
                new CompletableFuture<>());
    }
}
