package io.flowlens.ingestion.backfill;

import static io.flowlens.ingestion.support.Api.as;
import static io.flowlens.ingestion.support.Api.hmacHex;
import static io.flowlens.ingestion.support.Api.tracker;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.agroal.api.AgroalDataSource;
import io.flowlens.ingestion.support.Api;
import io.flowlens.ingestion.support.Db;
import io.flowlens.ingestion.support.FakeMetricsService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Generic {@code deleted} and {@code restored} records through imports (the bulk path), a later
 * import and a generic webhook: the newest statement by instant decides, in any line order, a
 * deletion wins at the same instant, and a replay rebuilds the same presence.
 */
@QuarkusTest
class ImportedDeletionsAndRestorationsTest {

    static final String SECRET = "generic-presence-secret";

    /** Each item's presence as stored: external id, deleted, the instant of the statement that decided it. */
    static final String PRESENCE = "select string_agg(external_id || ' ' || deleted || ' '"
            + " || coalesce(to_char(presence_at at time zone 'UTC', 'YYYY-MM-DD'), '-'),"
            + " ', ' order by external_id) from item where connection_id = ?::uuid";

    @Inject
    AgroalDataSource ds;

    static String item(String id) {
        return "{\"kind\":\"item\",\"id\":\"" + id + "\",\"project\":\"shop\",\"title\":\"Item " + id
                + "\",\"type\":\"Story\",\"labels\":[],\"createdAt\":\"2024-01-01T09:00:00Z\"}\n";
    }

    static String presence(String kind, String id, String day) {
        return "{\"kind\":\"" + kind + "\",\"item\":\"" + id + "\",\"at\":\"" + day + "T00:00:00Z\"}\n";
    }

    static JsonPath importAndWait(String tenant, String conn, String ndjson) throws Exception {
        JsonPath job = ImportTest.importAndWait(tenant, conn, "application/x-ndjson",
                ndjson.getBytes(StandardCharsets.UTF_8));
        assertEquals("succeeded", job.getString("status"), job.prettify());
        return job;
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

    /** The type of the event metrics last accepted for each of the connection's items, by external id. */
    Map<String, String> metricsHas(String conn) throws InterruptedException {
        await("the connection's outbox is empty", () -> Db.count(ds, "select count(*) from outbox o join item i"
                + " on i.id = o.item_id where i.connection_id = ?::uuid", conn) == 0);
        Map<String, String> out = new java.util.TreeMap<>();
        for (JsonNode e : FakeMetricsService.get().receivedFor(conn)) {
            String itemId = e.get("item").get("itemId").asText();
            String ext = Db.string(ds, "select external_id from item where id = ?::uuid", itemId);
            out.put(ext, FakeMetricsService.get().latestByItem.get(itemId).get("type").asText());
        }
        return out;
    }

    @Test
    void theNewestStatementDecidesOnEveryWritePath() throws Exception {
        FakeMetricsService.get().setDown(false);
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "generic", SECRET);
        // A: restored, then deleted later; B: the restore is newer although its line comes first;
        // C: deleted and restored at the same instant; D: only an item.
        importAndWait(tenant, conn, item("A") + presence("restored", "A", "2024-02-01")
                + presence("deleted", "A", "2024-03-01") + item("B") + presence("restored", "B", "2024-03-01")
                + presence("deleted", "B", "2024-02-01") + item("C") + presence("restored", "C", "2024-02-01")
                + presence("deleted", "C", "2024-02-01") + item("D"));
        assertEquals("A true 2024-03-01, B false 2024-03-01, C true 2024-02-01, D false -", Db.string(ds, PRESENCE, conn));
        as(tenant, "reader").get("/api/v1/items?connectionId=" + conn).then().body("items.key",
                containsInAnyOrder("B", "D"));
        as(tenant, "reader").get("/api/v1/connections/" + conn + "/data-quality").then().body("deleted", equalTo(2));

        // Known items (the bulk update): A comes back, an older deletion of B changes nothing, an item
        // record of C states nothing about presence.
        JsonPath second = importAndWait(tenant, conn, presence("restored", "A", "2024-04-01")
                + presence("deleted", "B", "2024-01-15") + item("C"));
        assertEquals(1, second.getInt("itemsChanged"));
        assertEquals("A false 2024-04-01, B false 2024-03-01, C true 2024-02-01, D false -",
                Db.string(ds, PRESENCE, conn));
        assertEquals(Map.of("A", "item.upserted", "B", "item.upserted", "C", "item.deleted", "D", "item.upserted"),
                metricsHas(conn));

        // A generic webhook's restoration, newer than C's deletion.
        byte[] body = presence("restored", "C", "2024-05-01").getBytes(StandardCharsets.UTF_8);
        tracker().header("X-Flowlens-Signature", "sha256=" + hmacHex(SECRET, body)).contentType("application/json")
                .body(body).post("/api/v1/webhooks/" + conn).then().statusCode(200).body("outcome", equalTo("applied"));
        String live = Db.string(ds, PRESENCE, conn);
        assertEquals("A false 2024-04-01, B false 2024-03-01, C false 2024-05-01, D false -", live);
        assertEquals(Map.of("A", "item.upserted", "B", "item.upserted", "C", "item.upserted", "D", "item.upserted"),
                metricsHas(conn));
        int sent = FakeMetricsService.get().receivedFor(conn).size();

        // A replay of both imports and the webhook gives the same presence and sends nothing.
        String job = as(tenant, "member").post("/api/v1/connections/" + conn + "/replay").then().statusCode(202)
                .extract().path("id");
        JsonPath replay = ImportTest.waitForJob(tenant, job);
        assertEquals("succeeded", replay.getString("status"), replay.prettify());
        assertEquals(live, Db.string(ds, PRESENCE, conn));
        assertEquals(Map.of("A", "item.upserted", "B", "item.upserted", "C", "item.upserted", "D", "item.upserted"),
                metricsHas(conn));
        assertEquals(sent, FakeMetricsService.get().receivedFor(conn).size());
    }

    @Test
    void aReplayMissingSomeRawDataKeepsTheStoredStatementUnlessARecordIsNewer() throws Exception {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "generic", SECRET);
        byte[] body = ("[" + item("X").trim() + "," + presence("restored", "X", "2024-02-01").trim() + ","
                + item("Y").trim() + "," + presence("restored", "Y", "2024-04-01").trim() + "]")
                .getBytes(StandardCharsets.UTF_8);
        tracker().header("X-Flowlens-Signature", "sha256=" + hmacHex(SECRET, body)).contentType("application/json")
                .body(body).post("/api/v1/webhooks/" + conn).then().statusCode(200);
        // Deletions an import stated whose file is not kept (an import from before files were kept):
        // X's is newer than the restoration the raw layer holds, Y's older.
        Db.count(ds, "with u as (update item set deleted = true, presence_at = '2024-03-01T00:00:00Z'"
                + " where connection_id = ?::uuid returning 1) select count(*) from u", conn);
        Db.count(ds, "with j as (insert into job (id, tenant_id, connection_id, kind, status, created_at)"
                + " values (gen_random_uuid(), ?, ?::uuid, 'import', 'succeeded', now()) returning 1)"
                + " select count(*) from j", tenant, conn);
        String job = as(tenant, "member").post("/api/v1/connections/" + conn + "/replay").then().statusCode(202)
                .extract().path("id");
        assertEquals("succeeded", ImportTest.waitForJob(tenant, job).getString("status"));
        assertEquals("X true 2024-03-01, Y false 2024-04-01", Db.string(ds, PRESENCE, conn));
    }

    @Test
    void aRestoredRecordNamesWhatIsWrong() {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "generic", SECRET);
        as(tenant, "member").contentType("application/x-ndjson")
                .body(("{\"kind\":\"restored\",\"item\":\"A\"}\n{\"kind\":\"restored\",\"item\":\"A\","
                        + "\"at\":\"2024-01-01T00:00:00Z\",\"why\":\"undo\"}\n").getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/connections/" + conn + "/imports").then().statusCode(400)
                .contentType("application/problem+json").body("errors.pointer", hasItem("/1/at"))
                .body("errors.pointer", hasItem("/2/why"));
        assertEquals(0, Db.items(ds, conn));
        assertEquals(0, Db.count(ds, "select count(*) from import_file where connection_id = ?::uuid", conn));
    }
}
