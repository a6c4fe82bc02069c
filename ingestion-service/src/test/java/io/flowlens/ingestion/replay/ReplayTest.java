package io.flowlens.ingestion.replay;

import static io.flowlens.ingestion.support.Api.as;
import static io.flowlens.ingestion.support.Api.fixture;
import static io.flowlens.ingestion.support.Api.hmacHex;
import static io.flowlens.ingestion.support.Api.tracker;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.agroal.api.AgroalDataSource;
import io.flowlens.ingestion.domain.FlowMapping;
import io.flowlens.ingestion.domain.StatusChange;
import io.flowlens.ingestion.item.ItemFacts;
import io.flowlens.ingestion.support.Api;
import io.flowlens.ingestion.support.Db;
import io.flowlens.ingestion.support.FakeMetricsService;
import io.flowlens.ingestion.tracker.ItemChange;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Replays rebuild a connection's facts from its raw layer with today's parsers: wrong facts an
 * older interpretation left are corrected (timelines and what metrics has), nothing is doubled
 * while webhooks keep arriving, a second replay changes and sends nothing, item ids stay.
 */
@QuarkusTest
class ReplayTest {

    static final String SECRET = "gh-replay-secret";
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource ds;

    @Inject
    ItemFacts facts;

    /** GitHub's real "issues" payload, renumbered to issue {@code n}, opened or closed. */
    static byte[] issueEvent(int n, boolean closed) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(fixture("github/" + (closed ? "issues-closed.json" : "issues-opened.json")));
        ObjectNode issue = (ObjectNode) root.get("issue");
        issue.put("id", 700_000 + n);
        issue.put("node_id", "I_replay_" + n);
        issue.put("number", n);
        issue.put("title", "Replayed issue " + n);
        return JSON.writeValueAsBytes(root);
    }

    static int deliver(String conn, String deliveryId, byte[] body) {
        return tracker().header("X-GitHub-Event", "issues").header("X-GitHub-Delivery", deliveryId)
                .header("X-Hub-Signature-256", "sha256=" + hmacHex(SECRET, body)).contentType("application/json")
                .body(body).post("/api/v1/webhooks/" + conn).statusCode();
    }

    static JsonPath replayAndWait(String tenant, String conn) throws Exception {
        String job = as(tenant, "member").post("/api/v1/connections/" + conn + "/replay").then().statusCode(202)
                .body("kind", equalTo("replay")).extract().path("id");
        return waitForJob(tenant, job);
    }

    static JsonPath waitForJob(String tenant, String job) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            JsonPath j = as(tenant, "reader").get("/api/v1/jobs/" + job).then().statusCode(200).extract().jsonPath();
            String status = j.getString("status");
            if ("succeeded".equals(status) || "failed".equals(status)) {
                return j;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("job " + job + " still " + status);
            }
            Thread.sleep(50);
        }
    }

    /** Each item's timeline as the API shows it (tracker statuses and flow states), by item id. */
    Map<String, String> timelines(String tenant, String conn) {
        Map<String, String> out = new HashMap<>();
        List<String> ids = as(tenant, "reader").get("/api/v1/items?connectionId=" + conn + "&limit=200").then()
                .statusCode(200).extract().path("items.id");
        for (String id : ids) {
            JsonPath t = as(tenant, "reader").get("/api/v1/items/" + id + "/timeline").then().statusCode(200)
                    .extract().jsonPath();
            String title = as(tenant, "reader").get("/api/v1/items/" + id).then().extract().path("title");
            out.put(id, title + " " + t.getList("transitions.trackerStatus") + " " + t.getList("transitions.at") + " "
                    + t.getList("states.state") + " " + t.getList("states.at"));
        }
        return out;
    }

    static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }

    /** The item JSON metrics last accepted for each of the tenant's items. */
    static Map<String, JsonNode> metricsView(String tenant) {
        Map<String, JsonNode> out = new HashMap<>();
        FakeMetricsService.get().latestByItem.forEach((item, event) -> {
            if (tenant.equals(event.get("tenantId").asText())) {
                out.put(item, event);
            }
        });
        return out;
    }

    @Test
    void aReplayCorrectsWhatAnOlderParserGotWrongWhileWebhooksKeepArriving() throws Exception {
        FakeMetricsService metrics = FakeMetricsService.get();
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "github", SECRET);
        UUID connId = UUID.fromString(conn);
        int issues = 20;
        for (int n = 1; n <= issues; n++) {
            assertEquals(200, deliver(conn, "replay-" + n + "-opened", issueEvent(n, false)));
            if (n % 2 == 0) {
                assertEquals(200, deliver(conn, "replay-" + n + "-closed", issueEvent(n, true)));
            }
        }
        Map<String, String> right = timelines(tenant, conn);
        assertEquals(issues, right.size());
        await("metrics has every item", () -> metricsView(tenant).size() == issues);
        Map<String, JsonNode> metricsRight = metricsView(tenant);

        // An older parser's reading of the same deliveries: a wrong title and a close that never happened,
        // each written as a fact of the delivery it was read from.
        QuarkusTransaction.requiringNew().call(() -> {
            try (var c = ds.getConnection()) {
                FlowMapping mapping = facts.lockForWriting(c, Map.of(connId, "github")).get(connId);
                List<ItemChange> wrong = new ArrayList<>();
                List<UUID> sources = new ArrayList<>();
                for (int n = 1; n <= issues; n++) {
                    UUID raw = UUID.fromString(Db.string(ds, "select id::text from raw_event where connection_id = ?::uuid"
                            + " and delivery_key = ?", conn, "replay-" + n + "-opened"));
                    Instant created = Instant.parse(Db.string(ds, "select to_json(created_at)#>>'{}' from item"
                            + " where connection_id = ?::uuid and external_id = ?", conn, "I_replay_" + n));
                    wrong.add(new ItemChange("I_replay_" + n, null, null, "Misread title " + n, null, null, null,
                            Instant.parse("2030-01-01T00:00:00Z"),
                            List.of(new StatusChange(created.plusSeconds(60), "closed", null)), false));
                    sources.add(raw);
                }
                return facts.apply(c, tenant, connId, wrong, sources, mapping);
            }
        });
        Map<String, String> wrongNow = timelines(tenant, conn);
        for (String id : right.keySet()) {
            assertNotEquals(right.get(id), wrongNow.get(id), "the misreading changed item " + id);
        }
        await("metrics has the misread items", () -> metricsView(tenant).values().stream()
                .allMatch(e -> e.get("item").get("title").asText().startsWith("Misread")));

        // Webhooks keep arriving (new issues, and redeliveries of old ones) while the replay runs.
        AtomicBoolean sending = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<Map<String, Integer>> traffic = pool.submit(() -> {
            Map<String, Integer> answers = new HashMap<>();
            int n = 100;
            while (sending.get() || n < 110) {
                answers.put("replay-" + n + "-opened", deliver(conn, "replay-" + n + "-opened", issueEvent(n, false)));
                answers.put("replay-" + n + "-closed", deliver(conn, "replay-" + n + "-closed", issueEvent(n, true)));
                // a redelivery of an old delivery: a duplicate, nothing new
                assertEquals(200, deliver(conn, "replay-1-opened", issueEvent(1, false)));
                n++;
            }
            return answers;
        });
        Thread.sleep(100);
        JsonPath job = replayAndWait(tenant, conn);
        sending.set(false);
        Map<String, Integer> answers = traffic.get();
        pool.shutdown();
        assertEquals("succeeded", job.getString("status"), job.prettify());
        answers.forEach((delivery, status) -> assertEquals(200, status, delivery));

        // The replayed items are as the deliveries say, with the same ids.
        Map<String, String> after = timelines(tenant, conn);
        right.forEach((id, timeline) -> assertEquals(timeline, after.get(id), "item " + id));
        // Every concurrent delivery is there once: new issues opened and closed, one raw event per delivery.
        int newIssues = answers.size() / 2;
        assertEquals(issues + newIssues, after.size());
        assertEquals(issues + issues / 2 + answers.size(), Db.rawEvents(ds, conn));
        assertEquals(0, Db.count(ds, "select count(*) from (select item_id, at, status from transition t"
                + " join item i on i.id = t.item_id where i.connection_id = ?::uuid"
                + " group by 1, 2, 3 having count(*) > 1) d", conn));
        assertEquals(newIssues, Db.count(ds, "select count(*) from item where connection_id = ?::uuid"
                + " and external_id like 'I_replay_1__' and flow_state = 'done'", conn));
        // Metrics ends with the corrected items: the same as before the misreading, at a higher revision.
        await("metrics has the corrected items", () -> metricsRight.entrySet().stream().allMatch(e -> {
            JsonNode now = metricsView(tenant).get(e.getKey());
            return now != null && now.get("item").equals(e.getValue().get("item"));
        }));
        // Nothing doubled: one event per item and revision.
        Set<String> seen = new HashSet<>();
        for (JsonNode e : metrics.received) {
            if (tenant.equals(e.get("tenantId").asText())) {
                assertTrue(seen.add(e.get("item").get("itemId").asText() + "@" + e.get("revision").asLong()),
                        "event sent twice: " + e);
            }
        }

        // A second replay changes nothing and sends nothing.
        long eventsBefore = metrics.received.stream().filter(e -> tenant.equals(e.get("tenantId").asText())).count();
        String factsBefore = Db.string(ds, "select string_agg(t.id::text || t.status || coalesce(t.raw_event_id::text, ''),"
                + " ',' order by t.id) from transition t join item i on i.id = t.item_id where i.connection_id = ?::uuid",
                conn);
        long revisions = Db.count(ds, "select sum(revision) from item where connection_id = ?::uuid", conn);
        JsonPath again = replayAndWait(tenant, conn);
        assertEquals("succeeded", again.getString("status"));
        assertEquals(0, again.getInt("itemsChanged"));
        assertEquals(factsBefore, Db.string(ds, "select string_agg(t.id::text || t.status || coalesce(t.raw_event_id::text,"
                + " ''), ',' order by t.id) from transition t join item i on i.id = t.item_id"
                + " where i.connection_id = ?::uuid", conn));
        assertEquals(revisions, Db.count(ds, "select sum(revision) from item where connection_id = ?::uuid", conn));
        Thread.sleep(1500); // a relay tick
        assertEquals(eventsBefore, metrics.received.stream().filter(e -> tenant.equals(e.get("tenantId").asText())).count());
    }

    @Test
    void anotherTenantsConnectionOrAnUnknownOneIsNotReplayed() {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "github", SECRET);
        as(Api.newTenant(), "member").post("/api/v1/connections/" + conn + "/replay").then().statusCode(404);
        as(tenant, "member").post("/api/v1/connections/" + UUID.randomUUID() + "/replay").then().statusCode(404);
        as(tenant, "reader").post("/api/v1/connections/" + conn + "/replay").then().statusCode(403);
        assertEquals(0, Db.count(ds, "select count(*) from job where connection_id = ?::uuid", conn));
    }

    @Test
    void importFilesAreKeptCompressedReplayedAndErasedWithTheirConnection() throws Exception {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "generic", "generic-secret");
        byte[] file = fixture("generic/history.ndjson");
        String jobId = as(tenant, "member").contentType("application/x-ndjson").body(file)
                .post("/api/v1/connections/" + conn + "/imports").then().statusCode(202).extract().path("id");
        assertEquals("succeeded", waitForJob(tenant, jobId).getString("status"));

        // Kept as received, gzip-compressed, in chunks.
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (var c = ds.getConnection(); var ps = c.prepareStatement(
                "select data from import_file_chunk where job_id = ?::uuid order by seq")) {
            ps.setString(1, jobId);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    gz.write(rs.getBytes(1));
                }
            }
        }
        assertArrayEquals(file, new GZIPInputStream(new java.io.ByteArrayInputStream(gz.toByteArray())).readAllBytes());
        assertEquals(file.length, Db.count(ds, "select size_bytes from import_file where job_id = ?::uuid", jobId));

        // A lost fact comes back from the file.
        Map<String, String> right = timelines(tenant, conn);
        long transitions = Db.count(ds, "select count(*) from transition t join item i on i.id = t.item_id"
                + " where i.connection_id = ?::uuid", conn);
        Db.count(ds, "with d as (delete from transition where id = (select min(t.id) from transition t"
                + " join item i on i.id = t.item_id where i.connection_id = ?::uuid) returning 1) select count(*) from d",
                conn);
        JsonPath replay = replayAndWait(tenant, conn);
        assertEquals("succeeded", replay.getString("status"), replay.prettify());
        assertEquals(transitions, Db.count(ds, "select count(*) from transition t join item i on i.id = t.item_id"
                + " where i.connection_id = ?::uuid", conn));
        assertEquals(right, timelines(tenant, conn));

        as(tenant, "member").delete("/api/v1/connections/" + conn + "?confirm=true").then().statusCode(204);
        assertEquals(0, Db.count(ds, "select count(*) from import_file where job_id = ?::uuid", jobId));
        assertEquals(0, Db.count(ds, "select count(*) from import_file_chunk where job_id = ?::uuid", jobId));
    }
}
