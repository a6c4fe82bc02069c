package io.flowlens.ingestion.backfill;

import static io.flowlens.ingestion.backfill.ImportTest.importAndWait;
import static io.flowlens.ingestion.support.Api.as;
import static io.flowlens.ingestion.support.Api.fixture;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.flowlens.ingestion.support.Api;
import io.flowlens.ingestion.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Tracker exports through the import endpoint into stored timelines: a Jira export's histories
 * in any order give one timeline; resolution, sub-task and localized types arrive; what cannot
 * be stored is a synchronous 400 naming the record.
 */
@QuarkusTest
class TrackerExportsImportTest {

    @Inject
    AgroalDataSource ds;

    String importJira(String tenant, String fixture) throws Exception {
        String conn = Api.connection(tenant, "jira", "jira-secret-123");
        JsonPath job = importAndWait(tenant, conn, "application/json", fixture("jira/" + fixture));
        assertEquals("succeeded", job.getString("status"), job.prettify());
        return conn;
    }

    @Test
    void jiraHistoriesNewestFirstShuffledOrAtEqualInstantsGiveOneTimeline() throws Exception {
        String tenant = Api.newTenant();
        for (String fixture : List.of("search-newest-first.json", "search-shuffled.json",
                "search-equal-instants.json")) {
            String conn = importJira(tenant, fixture);
            String item = as(tenant, "reader").get("/api/v1/items?connectionId=" + conn).then()
                    .body("items", hasSize(1)).extract().path("items[0].id");
            as(tenant, "reader").get("/api/v1/items/" + item + "/timeline").then().statusCode(200)
                    .body("transitions[0].trackerStatus", equalTo("To Do"))
                    .body("states.state", contains("new", "active", "waiting", "done"))
                    .body("states.at", contains("2024-03-01T08:00:00Z", "2024-03-02T09:00:00Z",
                            "2024-03-04T11:00:00Z", "2024-03-06T15:00:00Z"));
        }
    }

    @Test
    void jiraResolutionSubTaskAndLocalizedTypesArrive() throws Exception {
        String tenant = Api.newTenant();
        String conn = importJira(tenant, "search-resolution-subtask-localized.json");
        as(tenant, "reader").get("/api/v1/items?connectionId=" + conn + "&flowState=canceled").then()
                .body("items", hasSize(1)).body("items[0].key", equalTo("FLOW-8"))
                .body("items[0].title", equalTo("Legacy CSV export"));
        as(tenant, "reader").get("/api/v1/items?connectionId=" + conn + "&flowType=defect").then()
                .body("items", hasSize(1)).body("items[0].key", equalTo("FLOW-10"));
        as(tenant, "reader").get("/api/v1/items?connectionId=" + conn + "&flowState=active").then()
                .body("items", hasSize(1)).body("items[0].key", equalTo("FLOW-9"))
                .body("items[0].parentExternalId", equalTo("10070")).body("items[0].hierarchy", equalTo("subtask"));
    }

    @Test
    void anInstantNoStoreCanHoldIsASynchronous400NamingTheRecord() {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "jira", "jira-secret-123");
        String body = new String(fixture("jira/search-newest-first.json"), StandardCharsets.UTF_8)
                .replace("\"2024-03-01T09:00:00.000+0100\"", "\"-290000-01-01T00:00:00.000+0000\"");
        as(tenant, "member").contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/connections/" + conn + "/imports").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.pointer", hasItem("/0/issues/0/fields/created"));
        assertEquals(0, Db.items(ds, conn));
    }

    /** Posts an export and expects the synchronous 400 with problems naming each of {@code pointers}. */
    private void refused(String kind, String contentType, String format, String body, String... pointers) {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, kind, "export-secret-123");
        String path = "/api/v1/connections/" + conn + "/imports" + (format == null ? "" : "?format=" + format);
        as(tenant, "member").contentType(contentType).body(body.getBytes(StandardCharsets.UTF_8)).post(path).then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors.pointer", hasItems(pointers));
        assertEquals(0, Db.items(ds, conn));
        assertEquals(0, Db.count(ds, "select count(*) from job where connection_id = ?::uuid", conn));
    }

    private static String fixtureText(String path) {
        return new String(fixture(path), StandardCharsets.UTF_8);
    }

    @Test
    void aGitLabProjectExportLineThatIsNotJsonOrAStateEventWithoutItsInstantIsRefusedNamingTheLine() {
        String[] lines = fixtureText("gitlab/project-export-issues.ndjson").split("\n");
        String noInstant = lines[0].replaceFirst("\"created_at\": \"2013-12-06T15:30:00.000Z\", \"state\": "
                + "\"closed\"", "\"state\": \"closed\"");
        refused("gitlab", "application/x-ndjson", "gitlab-project-export",
                noInstant + "\n" + lines[1].substring(0, 80) + "\n",
                "/1/resource_state_events/0/created_at", "/2");
    }

    @Test
    void aGitLabRestIssueWithoutIdOrWithAnUnreadableStateEventInstantIsRefusedNamingTheIndex() {
        String issues = fixtureText("gitlab/export-issues-reopened.json");
        String twice = "[" + issues.substring(issues.indexOf('{'), issues.lastIndexOf(']')) + ","
                + issues.substring(issues.indexOf('{'), issues.lastIndexOf(']'))
                        .replaceFirst("\"id\": 301,", "")
                        .replace("\"2013-12-04T09:00:00.000Z\"", "\"yesterday\"") + "]";
        refused("gitlab", "application/json", null, twice, "/0/1/id");
        refused("gitlab", "application/json", null,
                issues.replace("\"2013-12-06T15:30:00.000Z\"", "\"yesterday\""),
                "/0/0/resource_state_events/0/created_at");
    }

    @Test
    void azureDevOpsRevisionsOutOfOrderOrWithoutTheirInstantOrPageAreRefusedNamingThem() {
        String revisions = fixtureText("azure-devops/revisions.json");
        // rev 2 listed after rev 3: what changed at rev 3 could not be told.
        refused("azure-devops", "application/json", null,
                revisions.replace("\"rev\": 2,", "\"rev\": 9,"), "/0/value/2/rev");
        refused("azure-devops", "application/json", null,
                revisions.replace("\"System.ChangedDate\": \"2021-08-09T08:00:00Z\"",
                        "\"System.ChangedDate\": \"last Monday\""),
                "/0/value/2/fields/System.ChangedDate");
        refused("azure-devops", "application/json", null, "{\"count\": 0, \"items\": []}", "/0");
        refused("azure-devops", "application/json", null, revisions.substring(0, revisions.length() / 2), "/0");
    }

    @Test
    void aLinearHistoryEntryWithoutItsInstantOrAnAnswerWithErrorsIsRefusedNamingThem() {
        String pages = fixtureText("linear/issues-with-history.json");
        refused("linear", "application/json", null,
                pages.replace("\"createdAt\": \"2020-01-24T09:00:00.000Z\"", "\"createdAt\": true"),
                "/0/0/data/issues/nodes/0/history/nodes/1/createdAt");
        refused("linear", "application/json", null,
                "{\"data\": null, \"errors\": [{\"message\": \"Rate limit exceeded\","
                        + " \"extensions\": {\"code\": \"RATELIMITED\"}}]}",
                "/0/data");
        refused("linear", "application/json", null,
                pages.replaceFirst("\"id\": \"2174add1-f7c8-44e3-bbf3-2d60b5ea8bc9\",", ""),
                "/0/0/data/issues/nodes/0/id");
    }

    @Test
    void aFormatTheConnectionsTrackerDoesNotReadIsA400NamingTheParameter() {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "gitlab", "export-secret-123");
        for (String format : List.of("jira-search", "linear-issues", "gitlab-everything")) {
            as(tenant, "member").contentType("application/json").body(fixture("gitlab/export-issues-reopened.json"))
                    .post("/api/v1/connections/" + conn + "/imports?format=" + format).then().statusCode(400)
                    .contentType("application/problem+json").body("errors.pointer", contains("format"));
        }
        assertEquals(0, Db.items(ds, conn));
    }
}
