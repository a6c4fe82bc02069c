package io.flowlens.ingestion.webhook;

import static io.flowlens.ingestion.support.Api.as;
import static io.flowlens.ingestion.support.Api.fixture;
import static io.flowlens.ingestion.support.Api.hmacHex;
import static io.flowlens.ingestion.support.Api.tracker;
import static io.flowlens.ingestion.webhook.TrackerWebhooksTest.azure;
import static io.flowlens.ingestion.webhook.TrackerWebhooksTest.gitlab;
import static io.flowlens.ingestion.webhook.TrackerWebhooksTest.jira;
import static io.flowlens.ingestion.webhook.TrackerWebhooksTest.linear;
import static io.flowlens.ingestion.webhook.TrackerWebhooksTest.linearSigned;
import static io.flowlens.ingestion.webhook.TrackerWebhooksTest.onlyItem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.flowlens.ingestion.support.Api;
import io.flowlens.ingestion.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Each tracker fixture through the real webhook endpoint into the stored timeline: what the
 * payload states (resolution, reopen after close, current status, parent, transfer) is what the
 * timeline shows, and what cannot be stored or is stale is a 400 naming the field with nothing
 * stored.
 */
@QuarkusTest
class TrackerFidelityWebhookTest {

    static final String SECRET = TrackerWebhooksTest.SECRET;

    @Inject
    AgroalDataSource ds;

    static ValidatableResponse github(String conn, String event, String fixture, String id) {
        byte[] body = fixture("github/" + fixture);
        return tracker().header("X-GitHub-Event", event).header("X-GitHub-Delivery", id)
                .header("X-Hub-Signature-256", "sha256=" + hmacHex(SECRET, body)).contentType("application/json")
                .body(body).post("/api/v1/webhooks/" + conn).then();
    }

    static ValidatableResponse timeline(String tenant, String item) {
        return as(tenant, "reader").get("/api/v1/items/" + item + "/timeline").then().statusCode(200);
    }

    @Test
    void jiraResolvedWontDoIsCanceled() {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "jira", SECRET);
        jira(conn, "issue-updated-wont-do.json", SECRET, "w1").statusCode(200);
        String item = onlyItem(tenant, conn);
        timeline(tenant, item).body("flowState", equalTo("canceled"))
                .body("states.state", contains("new", "canceled"))
                .body("states.at", contains("2016-04-21T22:22:35Z", "2016-04-25T22:22:35Z"));
    }

    @Test
    void jiraUpdateWithoutAStatusChangeMakesAFirstSeenItemActive() {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "jira", SECRET);
        jira(conn, "issue-updated-no-status.json", SECRET, "n1").statusCode(200);
        String item = onlyItem(tenant, conn);
        timeline(tenant, item).body("flowState", equalTo("active"))
                .body("states.at", contains("2016-04-21T22:22:35Z", "2016-04-23T22:22:35Z"));
    }

    @Test
    void jiraSubTaskKeepsItsParentAndLosesTheNul() {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "jira", SECRET);
        jira(conn, "issue-created-subtask.json", SECRET, "s1").statusCode(200);
        as(tenant, "reader").get("/api/v1/items/" + onlyItem(tenant, conn)).then()
                .body("title", equalTo("Safari-Test schreiben")).body("parentExternalId", equalTo("25201"))
                .body("hierarchy", equalTo("subtask"));
    }

    @Test
    void anInstantNoStoreCanHoldIs400NamingTheFieldAndStoresNothing() {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "jira", SECRET);
        jira(conn, "issue-created-year-out-of-range.json", SECRET, "y1").statusCode(400)
                .contentType("application/problem+json").body("errors.pointer", hasItem("/issue/fields/created"));
        assertEquals(0, Db.rawEvents(ds, conn));
        assertEquals(0, Db.items(ds, conn));
    }

    @Test
    void githubReopenKeepsTheDonePeriod() {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "github", SECRET);
        github(conn, "issues", "issues-reopened.json", "r1").statusCode(200);
        timeline(tenant, onlyItem(tenant, conn)).body("states.state", contains("new", "done", "new"))
                .body("states.at", contains("2021-07-05T18:05:24Z", "2021-07-05T18:07:10Z", "2021-10-11T16:40:56Z"));
    }

    @Test
    void githubCloseAsNotPlannedStillDecidesWhenTheReopenRepeatsTheClose() {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "github", SECRET);
        github(conn, "issues", "issues-reopened.json", "r1").statusCode(200);
        github(conn, "issues", "issues-closed-not-planned.json", "c1").statusCode(200);
        timeline(tenant, onlyItem(tenant, conn)).body("states.state", contains("new", "canceled", "new"));
    }

    @Test
    void githubTransferEndsTheItemHere() {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "github", SECRET);
        github(conn, "issues", "issues-opened.json", "o1").statusCode(200);
        github(conn, "issues", "issues-transferred.json", "t1").statusCode(200)
                .body("eventKind", equalTo("issues.transferred"));
        as(tenant, "reader").get("/api/v1/items?connectionId=" + conn).then().body("items", hasSize(0));
        as(tenant, "reader").get("/api/v1/connections/" + conn + "/data-quality").then().body("deleted", equalTo(1));
    }

    @Test
    void githubIssueTypeMapsToTheFlowType() {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "github", SECRET);
        github(conn, "issues", "issues-opened-typed.json", "b1").statusCode(200);
        as(tenant, "reader").get("/api/v1/items/" + onlyItem(tenant, conn)).then()
                .body("trackerType", equalTo("Bug")).body("flowType", equalTo("defect"));
    }

    @Test
    void gitlabReopenKeepsTheDonePeriod() {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "gitlab", SECRET);
        gitlab(conn, "issue-reopen.json", SECRET, "g1").statusCode(200);
        timeline(tenant, onlyItem(tenant, conn)).body("states.state", contains("new", "done", "new"))
                .body("states.at", contains("2013-12-03T17:15:43Z", "2013-12-06T15:30:00Z", "2013-12-10T10:00:00Z"));
    }

    @Test
    void gitlabWorkItemStatusAndWorkflowLabels() {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "gitlab", SECRET);
        gitlab(conn, "work-item-task-status.json", SECRET, "w1").statusCode(200)
                .body("eventKind", equalTo("work_item.update"));
        as(tenant, "reader").get("/api/v1/items/" + onlyItem(tenant, conn)).then().body("flowState", equalTo("active"))
                .body("hierarchy", equalTo("subtask"));
        String other = Api.connection(tenant, "gitlab", SECRET);
        gitlab(other, "issue-update-workflow-label.json", SECRET, "l1").statusCode(200);
        timeline(tenant, onlyItem(tenant, other)).body("flowState", equalTo("active"))
                .body("transitions.trackerStatus", hasItem("workflow::in progress"));
    }

    @Test
    void linearUpdateOfAnIssueAlreadyStartedIsActiveSinceItStarted() {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "linear", SECRET);
        linear(conn, "issue-update-already-started.json", SECRET, "a1").statusCode(200);
        timeline(tenant, onlyItem(tenant, conn)).body("states.state", contains("new", "active"))
                .body("states.at", contains("2020-02-01T09:00:00Z", "2020-02-03T10:00:00Z"));
    }

    @Test
    void linearSubIssueKeepsItsParent() {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "linear", SECRET);
        linear(conn, "issue-create-sub-issue.json", SECRET, "p1").statusCode(200);
        as(tenant, "reader").get("/api/v1/items/" + onlyItem(tenant, conn)).then()
                .body("parentExternalId", equalTo("2174add1-f7c8-44e3-bbf3-2d60b5ea8bc9"));
    }

    @Test
    void linearDeliveryOlderThanAMinuteIsRefusedAndNothingStored() {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "linear", SECRET);
        // Signed correctly, but sent (webhookTimestamp) in 2020: a replay.
        linearSigned(conn, fixture("linear/issue-update-started.json"), SECRET, "old1").statusCode(400)
                .contentType("application/problem+json").body("errors.pointer", hasItem("/webhookTimestamp"));
        assertEquals(0, Db.rawEvents(ds, conn));
        assertEquals(0, Db.items(ds, conn));
    }

    @Test
    void azureDevOpsDeletionAndRestoreAreAcceptedInTheirOwnWords() {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "azure-devops", SECRET);
        azure(conn, "workitem-created.json", SECRET).statusCode(200);
        azure(conn, "workitem-deleted.json", SECRET).statusCode(200).body("eventKind", equalTo("workitem.deleted"));
        as(tenant, "reader").get("/api/v1/items?connectionId=" + conn).then().body("items", hasSize(0));
        azure(conn, "workitem-restored.json", SECRET).statusCode(200).body("eventKind", equalTo("workitem.restored"))
                .body("outcome", equalTo("applied"));
    }
}
