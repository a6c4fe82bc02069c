package io.flowlens.ingestion.mapping;

import static io.flowlens.ingestion.support.Api.as;
import static io.flowlens.ingestion.support.Api.fixture;
import static io.flowlens.ingestion.support.Jira.importSearch;
import static io.flowlens.ingestion.support.Jira.until;
import static io.flowlens.ingestion.support.Jira.webhook;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.agroal.api.AgroalDataSource;
import io.flowlens.ingestion.support.Api;
import io.flowlens.ingestion.support.Db;
import io.flowlens.ingestion.support.FakeMetricsService;
import io.flowlens.ingestion.support.Jira;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A Jira status seen only in changelog histories (no category there) maps by the category the
 * same connection has seen it with as some issue's current status, whichever arrives first: seen
 * first, the history maps at once; seen later, the items that have it are derived again and only
 * those whose timeline changes reach metrics. The latest observation decides between two categories.
 */
@QuarkusTest
class StatusCategoriesSeenTest {

    @Inject
    AgroalDataSource ds;

    static String item(String tenant, String conn, String key) {
        return as(tenant, "reader").get("/api/v1/items?connectionId=" + conn + "&limit=100").then().statusCode(200)
                .extract().jsonPath().getString("items.find { it.key == '" + key + "' }.id");
    }

    /**
     * The flow states of the item's latest event at the stand-in metrics-service, or null before any.
     * Transitions are per tracker status (contract version 3): a repeat of a state is no new one.
     */
    static List<String> published(String itemId) {
        JsonNode e = FakeMetricsService.get().latestByItem.get(itemId);
        if (e == null) {
            return null;
        }
        List<String> states = new ArrayList<>();
        e.get("item").get("transitions").forEach(t -> {
            if (states.isEmpty() || !states.get(states.size() - 1).equals(t.get("state").asText())) {
                states.add(t.get("state").asText());
            }
        });
        return states;
    }

    static long revision(String itemId) {
        JsonNode e = FakeMetricsService.get().latestByItem.get(itemId);
        return e == null ? 0 : e.get("revision").asLong();
    }

    @Test
    void aStatusSeenWithACategoryMapsAHistoryOnlyEntryOfAnotherItem() throws Exception {
        FakeMetricsService.get();
        String tenant = Api.newTenant();
        String conn = Jira.connection(tenant, "Jira");
        webhook(conn, fixture("jira/issue-updated-peer-check.json"), "pc-1").statusCode(200);
        importSearch(tenant, conn, "search-history-only-statuses.json");

        String flow22 = item(tenant, conn, "FLOW-22");
        as(tenant, "reader").get("/api/v1/items/" + flow22 + "/timeline").then().statusCode(200)
                .body("transitions.trackerStatus", contains("To Do", "Peer Check", "Done"))
                .body("transitions.mapped", contains(true, true, true))
                .body("states.state", contains("new", "active", "done"))
                .body("states.at", contains("2024-03-01T09:00:00Z", "2024-03-02T10:00:00Z", "2024-03-03T11:00:00Z"));
        // Derived so when written: the first event metrics gets already has the active period.
        until(() -> published(flow22), s -> s != null, "FLOW-22 published");
        assertEquals(List.of("new", "active", "done"), published(flow22));
        assertEquals(1, revision(flow22));
        // Only the current status of FLOW-21 named its category; the history of FLOW-22 did not.
        assertEquals("indeterminate", Db.string(ds, "select category from status_category_seen"
                + " where connection_id = ?::uuid and status_key = 'peer check'", conn));
        as(tenant, "reader").get("/api/v1/connections/" + conn + "/mapping").then().statusCode(200)
                .body("seenCategories.'peer check'", equalTo("indeterminate"))
                .body("seenCategories.done", equalTo("done"));
        assertEquals(0, Db.count(ds, "select count(*) from transition t join item i on i.id = t.item_id"
                + " where i.connection_id = ?::uuid and t.status = 'Peer Check' and t.category is not null"
                + " and i.item_key = 'FLOW-22'", conn));
    }

    @Test
    void seenAfterTheHistoryTheItemIsDerivedAgainAndMetricsGetsTheCorrectedTimeline() throws Exception {
        FakeMetricsService.get();
        String tenant = Api.newTenant();
        String conn = Jira.connection(tenant, "Jira");
        importSearch(tenant, conn, "search-history-only-statuses.json");
        String flow22 = item(tenant, conn, "FLOW-22");
        String flow23 = item(tenant, conn, "FLOW-23");
        // Not seen with a category yet: unmapped, and before any start it counts as new.
        until(() -> published(flow22), s -> s != null, "FLOW-22 published");
        assertEquals(List.of("new", "done"), published(flow22));
        until(() -> published(flow23), s -> s != null, "FLOW-23 published");

        webhook(conn, fixture("jira/issue-updated-peer-check.json"), "pc-1").statusCode(200);

        until(() -> published(flow22), s -> List.of("new", "active", "done").equals(s), "FLOW-22 corrected");
        assertEquals(2, revision(flow22));
        as(tenant, "reader").get("/api/v1/items/" + flow22).then().body("revision", equalTo(2))
                .body("flowState", equalTo("done"));
        assertEquals(0, Db.count(ds, "select dq_unmapped from item where id = ?::uuid", flow22));
        assertEquals("[{\"at\": \"2024-03-01T09:00:00Z\", \"state\": \"new\"}, {\"at\": \"2024-03-02T10:00:00Z\","
                + " \"state\": \"active\"}, {\"at\": \"2024-03-03T11:00:00Z\", \"state\": \"done\"}]",
                Db.string(ds, "select timeline::text from item where id = ?::uuid", flow22));
        // The item without that status did not change and sent nothing again.
        as(tenant, "reader").get("/api/v1/items/" + flow23).then().body("revision", equalTo(1));
        assertEquals(1, FakeMetricsService.get().received.stream()
                .filter(e -> flow23.equals(e.get("item").get("itemId").asText())).count());
        // Everything marked was done.
        until(() -> Db.count(ds, "select count(*) from status_category_seen where connection_id = ?::uuid"
                + " and rederive", conn), n -> n == 0, "re-derivation done");
    }

    @Test
    void theLatestObservationDecidesBetweenTwoCategories() throws Exception {
        FakeMetricsService.get();
        String tenant = Api.newTenant();
        String conn = Jira.connection(tenant, "Jira");
        String seen = new String(fixture("jira/issue-updated-peer-check.json"), StandardCharsets.UTF_8);
        importSearch(tenant, conn, "search-history-only-statuses.json");
        String flow22 = item(tenant, conn, "FLOW-22");
        webhook(conn, seen.getBytes(StandardCharsets.UTF_8), "pc-1").statusCode(200);
        until(() -> published(flow22), s -> List.of("new", "active", "done").equals(s), "FLOW-22 active");

        // A day later the site moved Peer Check into the Done category: the history entry now means done.
        byte[] later = seen.replace("\"indeterminate\"", "\"done\"").replace("1709632800000", "1709719200000")
                .getBytes(StandardCharsets.UTF_8);
        webhook(conn, later, "pc-2").statusCode(200);
        until(() -> published(flow22), s -> List.of("new", "done").equals(s), "FLOW-22 done at Peer Check");
        as(tenant, "reader").get("/api/v1/items/" + flow22 + "/timeline").then()
                .body("states.at", contains("2024-03-01T09:00:00Z", "2024-03-02T10:00:00Z"));

        // An older observation with the earlier category, arriving now, changes nothing.
        long revision = revision(flow22);
        byte[] older = seen.replace("1709632800000", "1709546400000").getBytes(StandardCharsets.UTF_8);
        webhook(conn, older, "pc-3").statusCode(200);
        assertEquals("done", Db.string(ds, "select distinct on (status_key) category from status_category_seen"
                + " where connection_id = ?::uuid and status_key = 'peer check' order by status_key, seen_at desc",
                conn));
        Thread.sleep(300);
        assertEquals(revision, revision(flow22));
        assertEquals(List.of("new", "done"), published(flow22));
    }

    @Test
    void aReDerivationACrashLeftUndoneIsPickedUpByTheSweep() throws Exception {
        FakeMetricsService.get();
        String tenant = Api.newTenant();
        String conn = Jira.connection(tenant, "Jira");
        importSearch(tenant, conn, "search-history-only-statuses.json");
        String flow22 = item(tenant, conn, "FLOW-22");
        until(() -> published(flow22), s -> List.of("new", "done").equals(s), "FLOW-22 published");
        // As a webhook batch leaves it when the process stops right after its commit: the category is
        // recorded, the connection's items not derived again yet.
        Db.count(ds, "with ins as (insert into status_category_seen (connection_id, status_key, status, category,"
                + " seen_at, recorded_at, rederive) values (?::uuid, 'peer check', 'Peer Check', 'indeterminate',"
                + " '2024-03-05T10:00:00Z', now() - interval '2 minutes', true) returning 1) select count(*) from ins",
                conn);
        until(() -> published(flow22), s -> List.of("new", "active", "done").equals(s), "FLOW-22 corrected");
        until(() -> Db.count(ds, "select count(*) from status_category_seen where connection_id = ?::uuid"
                + " and rederive", conn), n -> n == 0, "sweep done");
    }
}
