package io.flowlens.ingestion.backfill;

import static io.flowlens.ingestion.support.Api.as;
import static io.flowlens.ingestion.support.Api.fixture;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.flowlens.ingestion.support.Api;
import io.flowlens.ingestion.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Backfills: each format, validation before anything is kept, idempotent re-imports. */
@QuarkusTest
class ImportTest {

    @Inject
    AgroalDataSource ds;

    static JsonPath importAndWait(String tenant, String conn, String contentType, byte[] body) throws Exception {
        String job = as(tenant, "member").contentType(contentType).body(body)
                .post("/api/v1/connections/" + conn + "/imports").then().statusCode(202)
                .body("kind", equalTo("import")).extract().path("id");
        return waitForJob(tenant, job);
    }

    static JsonPath waitForJob(String tenant, String job) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
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

    @Test
    void aGenericNdjsonHistoryBecomesItemsWhateverTheLineOrder() throws Exception {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "generic", "generic-secret");
        JsonPath job = importAndWait(tenant, conn, "application/x-ndjson", fixture("generic/history.ndjson"));
        assertEquals("succeeded", job.getString("status"));
        assertEquals(8, job.getInt("records"));
        as(tenant, "reader").get("/api/v1/items?connectionId=" + conn).then()
                .body("items", hasSize(2)) // SHOP-9 was deleted
                .body("items.key", containsInAnyOrder("SHOP-1", "SHOP-2"));
        String shop2 = as(tenant, "reader").get("/api/v1/items?connectionId=" + conn + "&flowType=defect").then()
                .body("items", hasSize(1)).body("items[0].flowState", equalTo("waiting"))
                .extract().path("items[0].id");
        as(tenant, "reader").get("/api/v1/items/" + shop2 + "/timeline").then()
                .body("states.state", org.hamcrest.Matchers.contains("new", "active", "waiting"))
                .body("transitions[0].importId", equalTo(job.getString("id")));
    }

    @Test
    void reImportingTheSameHistoryChangesNothing() throws Exception {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "generic", "generic-secret");
        importAndWait(tenant, conn, "application/x-ndjson", fixture("generic/history.ndjson"));
        long transitions = Db.count(ds, "select count(*) from transition t join item i on i.id = t.item_id"
                + " where i.connection_id = ?::uuid", conn);
        long events = Db.count(ds, "select coalesce(sum(revision), 0) from item where connection_id = ?::uuid", conn);
        JsonPath again = importAndWait(tenant, conn, "application/x-ndjson", fixture("generic/history.ndjson"));
        assertEquals("succeeded", again.getString("status"));
        assertEquals(0, again.getInt("itemsChanged"));
        assertEquals(transitions, Db.count(ds, "select count(*) from transition t join item i on i.id = t.item_id"
                + " where i.connection_id = ?::uuid", conn));
        assertEquals(events, Db.count(ds, "select coalesce(sum(revision), 0) from item where connection_id = ?::uuid",
                conn));
    }

    @Test
    void aMalformedRecordRejectsTheWholeImportNamingItsLine() {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "generic", "generic-secret");
        String body = """
                {"kind":"item","id":"A-1","project":"a","title":"fine","type":"Story","labels":[],"createdAt":"2024-01-02T09:00:00Z"}
                {"kind":"transition","item":"A-1","at":"2024-01-03T10:00:00Z","status":"In Progress"}
                {"kind":"transition","item":"A-1","at":"yesterday","status":"Done"}
                {"kind":"transition","item":"A-404","at":"2024-01-03T10:00:00Z","status":"Done"}
                {"kind":"item","id":"A-2","createdAt":"2024-01-02T09:00:00Z","colour":"red"}
                not json at all
                """;
        as(tenant, "member").contentType("application/x-ndjson").body(body.getBytes())
                .post("/api/v1/connections/" + conn + "/imports").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://flowlens.io/problems/invalid-import"))
                .body("errors.pointer", hasItem("/3/at"))
                .body("errors.pointer", hasItem("/5/colour"))
                .body("errors.pointer", hasItem("/6"))
                .body("errors.pointer", hasItem("/4/item"))
                .body("errors.detail", hasItem(containsString("line 3")));
        assertEquals(0, Db.items(ds, conn));
        assertEquals(0, Db.count(ds, "select count(*) from job where connection_id = ?::uuid", conn));
    }

    @Test
    void jiraSearchResultsWithChangelogAreImported() throws Exception {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "jira", "jira-secret-123");
        JsonPath job = importAndWait(tenant, conn, "application/json", fixture("jira/search-page.json"));
        assertEquals("succeeded", job.getString("status"));
        assertEquals("jira-search", job.getString("format"));
        assertEquals(6, job.getInt("transitions"));
        as(tenant, "reader").get("/api/v1/items?connectionId=" + conn + "&flowState=done").then()
                .body("items", hasSize(1)).body("items[0].key", equalTo("SHOP-1"))
                .body("items[0].flowType", equalTo("feature")).body("items[0].project", equalTo("SHOP"));
        // "Peer Review" is in no default list, but the issue's status category (indeterminate) maps it.
        String shop2 = as(tenant, "reader").get("/api/v1/items?connectionId=" + conn + "&flowType=defect").then()
                .body("items", hasSize(1)).body("items[0].flowState", equalTo("active")).extract().path("items[0].id");
        as(tenant, "reader").get("/api/v1/items/" + shop2 + "/timeline").then()
                .body("transitions.trackerStatus", org.hamcrest.Matchers.contains("To Do", "In Progress",
                        "Peer Review"));
    }

    @Test
    void githubIssuesWithTheirEventsAreImported() throws Exception {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "github", "gh-import-secret");
        JsonPath job = importAndWait(tenant, conn, "application/json", fixture("github/issues-with-events.json"));
        assertEquals("succeeded", job.getString("status"));
        as(tenant, "reader").get("/api/v1/items?connectionId=" + conn).then().body("items", hasSize(3));
        as(tenant, "reader").get("/api/v1/items?connectionId=" + conn + "&flowType=debt").then()
                .body("items[0].flowState", equalTo("canceled"));
        String bug = as(tenant, "reader").get("/api/v1/items?connectionId=" + conn + "&flowType=defect").then()
                .body("items[0].flowState", equalTo("done")).extract().path("items[0].id");
        as(tenant, "reader").get("/api/v1/items/" + bug + "/timeline").then().log().ifValidationFails()
                .statusCode(200).body("states.state", org.hamcrest.Matchers.contains("new", "done", "new", "done"));
        // Completed without ever starting: counted as a data-quality finding.
        as(tenant, "reader").get("/api/v1/connections/" + conn + "/data-quality").then().statusCode(200)
                .body("items", equalTo(3)).body("doneWithoutStart", equalTo(1));
    }

    @Test
    void aFormatTheConnectionDoesNotImportIs415AndAnotherTenantsConnectionIs404() {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "generic", "generic-secret");
        as(tenant, "member").contentType("application/json").body("[]")
                .post("/api/v1/connections/" + conn + "/imports").then().statusCode(415)
                .contentType("application/problem+json");
        as(Api.newTenant(), "member").contentType("application/x-ndjson").body(fixture("generic/history.ndjson"))
                .post("/api/v1/connections/" + conn + "/imports").then().statusCode(404);
        as(tenant, "reader").contentType("application/x-ndjson").body(fixture("generic/history.ndjson"))
                .post("/api/v1/connections/" + conn + "/imports").then().statusCode(403);
        assertEquals(0, Db.items(ds, conn));
    }

    @Test
    void aLargerImportIsStagedAndPublishedInBulkWithAwkwardCharactersIntact() throws Exception {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "generic", "generic-secret");
        // Enough items for the outbox to be written with COPY; titles with a backslash, a tab and a newline.
        StringBuilder body = new StringBuilder();
        for (int n = 1; n <= 60; n++) {
            body.append("{\"kind\":\"transition\",\"item\":\"B-").append(n)
                    .append("\",\"at\":\"2024-01-03T10:00:00Z\",\"status\":\"In Progress\"}\n");
            body.append("{\"kind\":\"item\",\"id\":\"B-").append(n).append("\",\"project\":\"b\",\"title\":")
                    .append("\"back\\\\slash\\ttab\\nline ").append(n)
                    .append("\",\"type\":\"Bug\",\"labels\":[\"x\\\\y\"],\"createdAt\":\"2024-01-02T09:00:00Z\"}\n");
            body.append("{\"kind\":\"transition\",\"item\":\"B-").append(n)
                    .append("\",\"at\":\"2024-01-03T10:00:00Z\",\"status\":\"In Progress\"}\n");
        }
        JsonPath job = importAndWait(tenant, conn, "application/x-ndjson", body.toString().getBytes());
        assertEquals("succeeded", job.getString("status"));
        assertEquals(60, job.getInt("itemsChanged"));
        assertEquals(60, Db.items(ds, conn));
        // The same status at the same instant twice in one import is one fact.
        assertEquals(60, Db.count(ds, "select count(*) from transition t join item i on i.id = t.item_id"
                + " where i.connection_id = ?::uuid", conn));
        assertEquals(60, Db.count(ds, "select count(*) from item where connection_id = ?::uuid and revision = 1"
                + " and title = 'back\\slash' || chr(9) || 'tab' || chr(10) || 'line ' || substr(external_id, 3)"
                + " and labels = '[\"x\\\\y\"]'::jsonb and flow_type = 'defect' and flow_state = 'active'", conn));
        assertEquals(0, Db.count(ds, "select count(*) from outbox o join item i on i.id = o.item_id"
                + " where i.connection_id = ?::uuid and o.payload->'item'->>'title' <> i.title", conn));
        as(tenant, "reader").get("/api/v1/items?connectionId=" + conn + "&limit=1").then()
                .body("items[0].title", containsString("back\\slash\ttab\nline "));
    }
}
