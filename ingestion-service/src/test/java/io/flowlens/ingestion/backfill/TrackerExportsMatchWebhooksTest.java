package io.flowlens.ingestion.backfill;

import static io.flowlens.ingestion.support.Api.as;
import static io.flowlens.ingestion.support.Api.fixture;
import static io.flowlens.ingestion.support.Api.hmacHex;
import static io.flowlens.ingestion.support.Api.tracker;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.flowlens.ingestion.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Each GitLab, Azure DevOps and Linear scenario told twice, once by webhook deliveries and once
 * by the tracker's own export through the import endpoint: both give the same timeline (reopen
 * keeps the close, scoped labels, current status as a fact, parent, type), and each fixture's
 * expected timeline is spelled out.
 */
@QuarkusTest
class TrackerExportsMatchWebhooksTest {

    static final String SECRET = "export-and-webhook-secret";

    // --- GitLab ---

    @Test
    void gitlabReopenKeepsTheCloseAsWebhookAndAsBothExports() throws Exception {
        String tenant = Api.newTenant();
        String hooked = Api.connection(tenant, "gitlab", SECRET);
        gitlab(hooked, "issue-open.json", "o1");
        gitlab(hooked, "issue-close.json", "c1");
        gitlab(hooked, "issue-reopen.json", "r1");
        List<Map<String, Object>> expected = List.of(
                state("new", "2013-12-03T17:15:43Z"), state("done", "2013-12-06T15:30:00Z"),
                state("new", "2013-12-10T10:00:00Z"));
        assertEquals(expected, states(tenant, hooked, "#23"));

        String rest = imported(tenant, "gitlab", "application/json", null, "gitlab/export-issues-reopened.json");
        assertEquals(expected, states(tenant, rest, "#23"));
        as(tenant, "reader").get("/api/v1/items/" + itemId(tenant, rest, "#23")).then()
                .body("project", equalTo("gitlabhq/gitlab-test")).body("trackerType", equalTo("Issue"))
                .body("labels", containsInAnyOrder("API", "bug")).body("hierarchy", equalTo("standard"));

        String project = imported(tenant, "gitlab", "application/x-ndjson", "gitlab-project-export",
                "gitlab/project-export-issues.ndjson");
        assertEquals(expected, states(tenant, project, "#23"));
        as(tenant, "reader").get("/api/v1/items/" + itemId(tenant, project, "#23") + "/timeline").then()
                .body("transitions.trackerStatus", equalTo(List.of("opened", "closed", "reopened")));
    }

    @Test
    void gitlabScopedWorkflowLabelIsTheStatusFromWhenItWasAdded() throws Exception {
        String tenant = Api.newTenant();
        String hooked = Api.connection(tenant, "gitlab", SECRET);
        gitlab(hooked, "issue-open.json", "o1");
        gitlab(hooked, "issue-update-labels.json", "u1");
        gitlab(hooked, "issue-update-workflow-label.json", "u2");
        List<Map<String, Object>> expected = List.of(state("new", "2013-12-03T17:15:43Z"),
                state("active", "2013-12-05T10:00:00Z"));
        assertEquals(expected, states(tenant, hooked, "#23"));

        String rest = imported(tenant, "gitlab", "application/json", null, "gitlab/export-issues-workflow-label.json");
        assertEquals(expected, states(tenant, rest, "#23"));
        as(tenant, "reader").get("/api/v1/items/" + itemId(tenant, rest, "#23") + "/timeline").then()
                .body("transitions.trackerStatus", equalTo(List.of("opened", "workflow::in progress")));
    }

    @Test
    void gitlabClosedIssueWithoutEventsIsDoneSinceItsClosedAt() throws Exception {
        String tenant = Api.newTenant();
        String hooked = Api.connection(tenant, "gitlab", SECRET);
        gitlab(hooked, "issue-close.json", "c1");
        List<Map<String, Object>> expected = List.of(state("new", "2013-12-03T17:15:43Z"),
                state("done", "2013-12-06T15:30:00Z"));
        assertEquals(expected, states(tenant, hooked, "#23"));

        String rest = imported(tenant, "gitlab", "application/json", null,
                "gitlab/export-issues-closed-without-events.json");
        assertEquals(expected, states(tenant, rest, "#23"));
    }

    @Test
    void gitlabTaskIsASubtaskActiveSinceItsStatusWasSet() throws Exception {
        String tenant = Api.newTenant();
        String hooked = Api.connection(tenant, "gitlab", SECRET);
        gitlab(hooked, "work-item-task-status.json", "w1");
        List<Map<String, Object>> expected = List.of(state("new", "2014-01-10T09:00:00Z"),
                state("active", "2014-01-11T14:00:00Z"));
        assertEquals(expected, states(tenant, hooked, "#24"));

        // The project export carries no status widget history: the task's workflow:: label says the same.
        String project = imported(tenant, "gitlab", "application/x-ndjson", "gitlab-project-export",
                "gitlab/project-export-issues.ndjson");
        assertEquals(expected, states(tenant, project, "#24"));
        as(tenant, "reader").get("/api/v1/items/" + itemId(tenant, project, "#24")).then()
                .body("hierarchy", equalTo("subtask")).body("trackerType", equalTo("Task"))
                .body("labels", equalTo(List.of("workflow::in progress")));
    }

    // --- Azure DevOps ---

    @Test
    void azureDevOpsRevisionsGiveTheTransitionsTheServiceHooksGave() throws Exception {
        String tenant = Api.newTenant();
        String hooked = Api.connection(tenant, "azure-devops", SECRET);
        azure(hooked, "workitem-created.json");
        azure(hooked, "workitem-updated-approved.json");
        azure(hooked, "workitem-updated-committed.json");
        List<Map<String, Object>> expected = List.of(state("new", "2021-08-07T15:41:43.080Z"),
                state("active", "2021-08-09T08:00:00Z"));
        assertEquals(expected, states(tenant, hooked, "#13"));

        String exported = imported(tenant, "azure-devops", "application/json", null, "azure-devops/revisions.json");
        assertEquals(expected, states(tenant, exported, "#13"));
        List<String> statuses = List.of("New", "Approved", "Committed");
        assertEquals(statuses, transitions(tenant, hooked, "#13"));
        // The fourth revision changed the tags only: no transition, but its tags are the item's.
        assertEquals(statuses, transitions(tenant, exported, "#13"));
        as(tenant, "reader").get("/api/v1/items/" + itemId(tenant, exported, "#13")).then()
                .body("labels", equalTo(List.of("checkout", "payments"))).body("flowType", equalTo("defect"))
                .body("project", equalTo("Virtual.Currency"));
    }

    @Test
    void azureDevOpsReportingBatchesInterleaveItemsRepeatARevisionAndStartLate() throws Exception {
        String tenant = Api.newTenant();
        String conn = imported(tenant, "azure-devops", "application/json", null,
                "azure-devops/reporting-revisions.json");
        assertEquals(List.of(state("new", "2021-08-07T15:41:43.080Z"), state("active", "2021-08-09T08:00:00Z"),
                state("waiting", "2021-08-12T10:00:00Z"), state("done", "2021-08-13T11:00:00Z")),
                states(tenant, conn, "#13"));
        assertEquals(List.of("New", "Approved", "Committed", "Resolved", "Closed"), transitions(tenant, conn, "#13"));
        assertEquals(List.of(state("new", "2021-08-08T10:00:00Z"), state("active", "2021-08-09T09:00:00Z"),
                state("canceled", "2021-08-11T16:00:00Z")), states(tenant, conn, "#14"));
        as(tenant, "reader").get("/api/v1/items/" + itemId(tenant, conn, "#14")).then()
                .body("parentExternalId", equalTo("13")).body("trackerType", equalTo("Task"));
        // Only rev 6 of #15 is in the export: its state is a fact from that revision on.
        assertEquals(List.of(state("new", "2021-07-01T08:00:00Z"), state("active", "2021-08-10T12:00:00Z")),
                states(tenant, conn, "#15"));
    }

    // --- Linear ---

    @Test
    void linearHistoryGivesTheTimelineTheWebhooksGave() throws Exception {
        String tenant = Api.newTenant();
        String hooked = Api.connection(tenant, "linear", SECRET);
        linear(hooked, "issue-create.json", "c1");
        linear(hooked, "issue-update-started.json", "s1");
        linear(hooked, "issue-update-completed.json", "d1");
        linear(hooked, "issue-create-sub-issue.json", "p1");
        linear(hooked, "issue-update-already-started.json", "a1");
        String exported = imported(tenant, "linear", "application/json", null, "linear/issues-with-history.json");

        List<Map<String, Object>> eng123 = List.of(state("new", "2020-01-23T12:53:18.084Z"),
                state("active", "2020-01-24T09:00:00Z"), state("done", "2020-01-27T17:30:00Z"));
        assertEquals(eng123, states(tenant, hooked, "ENG-123"));
        assertEquals(eng123, states(tenant, exported, "ENG-123"));
        assertEquals(List.of("Todo", "In Progress", "Done"), transitions(tenant, exported, "ENG-123"));

        // Updated while already started: active since it started, whether told by webhook or history.
        List<Map<String, Object>> eng130 = List.of(state("new", "2020-02-01T09:00:00Z"),
                state("active", "2020-02-03T10:00:00Z"));
        assertEquals(eng130, states(tenant, hooked, "ENG-130"));
        assertEquals(eng130, states(tenant, exported, "ENG-130"));

        List<Map<String, Object>> eng124 = List.of(state("new", "2020-01-23T13:10:00Z"));
        assertEquals(eng124, states(tenant, hooked, "ENG-124"));
        assertEquals(eng124, states(tenant, exported, "ENG-124"));
        for (String conn : List.of(hooked, exported)) {
            as(tenant, "reader").get("/api/v1/items/" + itemId(tenant, conn, "ENG-124")).then()
                    .body("parentExternalId", equalTo("2174add1-f7c8-44e3-bbf3-2d60b5ea8bc9"))
                    .body("hierarchy", equalTo("subtask")).body("project", equalTo("ENG"));
            as(tenant, "reader").get("/api/v1/items/" + itemId(tenant, conn, "ENG-123")).then()
                    .body("labels", equalTo(List.of("Bug"))).body("hierarchy", equalTo("standard"));
        }
    }

    @Test
    void linearCurrentStateIsAFactWhenTheHistoryIsCutShort() throws Exception {
        String tenant = Api.newTenant();
        String conn = imported(tenant, "linear", "application/json", null, "linear/issues-with-history.json");
        assertEquals(List.of(state("new", "2020-02-05T10:00:00Z"), state("active", "2020-02-06T11:00:00Z"),
                state("canceled", "2020-02-10T15:00:00Z")), states(tenant, conn, "ENG-131"));
        assertEquals(List.of("Todo", "In Progress", "Canceled"), transitions(tenant, conn, "ENG-131"));
    }

    // --- helpers ---

    static String imported(String tenant, String kind, String contentType, String format, String fixture)
            throws Exception {
        String conn = Api.connection(tenant, kind, SECRET);
        String path = "/api/v1/connections/" + conn + "/imports" + (format == null ? "" : "?format=" + format);
        String job = as(tenant, "member").contentType(contentType).body(fixture(fixture)).post(path).then()
                .statusCode(202).extract().path("id");
        JsonPath done = ImportTest.waitForJob(tenant, job);
        assertEquals("succeeded", done.getString("status"), done.prettify());
        return conn;
    }

    static Map<String, Object> state(String state, String at) {
        return Map.of("state", state, "at", at);
    }

    static String itemId(String tenant, String conn, String key) {
        String id = as(tenant, "reader").get("/api/v1/items?connectionId=" + conn).then().statusCode(200).extract()
                .path("items.find { it.key == '" + key + "' }.id");
        if (id == null) {
            throw new AssertionError("no item " + key + " in connection " + conn);
        }
        return id;
    }

    static List<Map<String, Object>> states(String tenant, String conn, String key) {
        List<Map<String, Object>> states = as(tenant, "reader")
                .get("/api/v1/items/" + itemId(tenant, conn, key) + "/timeline").then().statusCode(200).extract()
                .path("states");
        return states.stream().map(s -> state((String) s.get("state"), (String) s.get("at"))).toList();
    }

    static List<String> transitions(String tenant, String conn, String key) {
        return as(tenant, "reader").get("/api/v1/items/" + itemId(tenant, conn, key) + "/timeline").then()
                .statusCode(200).extract().path("transitions.trackerStatus");
    }

    static void gitlab(String conn, String fixture, String uuid) {
        tracker().header("X-Gitlab-Event", "Issue Hook").header("X-Gitlab-Event-UUID", uuid)
                .header("X-Gitlab-Token", SECRET).contentType("application/json").body(fixture("gitlab/" + fixture))
                .post("/api/v1/webhooks/" + conn).then().statusCode(200);
    }

    static void azure(String conn, String fixture) {
        String basic = Base64.getEncoder().encodeToString(("flowlens:" + SECRET).getBytes(StandardCharsets.UTF_8));
        tracker().header("Authorization", "Basic " + basic).contentType("application/json")
                .body(fixture("azure-devops/" + fixture)).post("/api/v1/webhooks/" + conn).then().statusCode(200);
    }

    static void linear(String conn, String fixture, String delivery) {
        // As if sent now: Linear deliveries are believed within a minute of being sent.
        byte[] body = new String(fixture("linear/" + fixture), StandardCharsets.UTF_8)
                .replaceFirst("\"webhookTimestamp\": *\\d+", "\"webhookTimestamp\": " + System.currentTimeMillis())
                .getBytes(StandardCharsets.UTF_8);
        tracker().header("Linear-Delivery", delivery).header("Linear-Event", "Issue")
                .header("Linear-Signature", hmacHex(SECRET, body)).contentType("application/json").body(body)
                .post("/api/v1/webhooks/" + conn).then().statusCode(200);
    }
}
