package io.flowlens.ingestion.webhook;

import static io.flowlens.ingestion.support.Api.as;
import static io.flowlens.ingestion.support.Api.fixture;
import static io.flowlens.ingestion.support.Api.hmacHex;
import static io.flowlens.ingestion.support.Api.tracker;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.flowlens.ingestion.support.Api;
import io.flowlens.ingestion.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * GitLab, Jira, Azure DevOps and Linear deliveries (real payload shapes from their docs): each
 * tracker's own authenticity check, redelivery, order by payload instants, ignored kinds, defaults.
 */
@QuarkusTest
class TrackerWebhooksTest {

    static final String SECRET = "tracker-secret-42";

    @Inject
    AgroalDataSource ds;

    static ValidatableResponse gitlab(String conn, String fixture, String token, String uuid) {
        RequestSpecification r = tracker().header("X-Gitlab-Event", "Issue Hook").header("X-Gitlab-Event-UUID", uuid);
        if (token != null) {
            r = r.header("X-Gitlab-Token", token);
        }
        return r.contentType("application/json").body(fixture("gitlab/" + fixture))
                .post("/api/v1/webhooks/" + conn).then();
    }

    static ValidatableResponse jira(String conn, String fixture, String secret, String id) {
        byte[] body = fixture("jira/" + fixture);
        return tracker().header("X-Atlassian-Webhook-Identifier", id)
                .header("X-Hub-Signature", "sha256=" + hmacHex(secret, body)).contentType("application/json")
                .body(body).post("/api/v1/webhooks/" + conn).then();
    }

    static ValidatableResponse azure(String conn, String fixture, String password) {
        String basic = Base64.getEncoder().encodeToString(("flowlens:" + password).getBytes(StandardCharsets.UTF_8));
        return tracker().header("Authorization", "Basic " + basic).contentType("application/json")
                .body(fixture("azure-devops/" + fixture)).post("/api/v1/webhooks/" + conn).then();
    }

    static ValidatableResponse linear(String conn, String fixture, String secret, String delivery) {
        return linearSigned(conn, sentNow(fixture("linear/" + fixture)), secret, delivery);
    }

    /** The Linear delivery as if sent now: Linear refuses to be believed more than a minute later. */
    static byte[] sentNow(byte[] body) {
        return new String(body, StandardCharsets.UTF_8).replaceFirst("\"webhookTimestamp\": *\\d+",
                "\"webhookTimestamp\": " + System.currentTimeMillis()).getBytes(StandardCharsets.UTF_8);
    }

    static ValidatableResponse linearSigned(String conn, byte[] body, String secret, String delivery) {
        return tracker().header("Linear-Delivery", delivery).header("Linear-Event", "Issue")
                .header("Linear-Signature", hmacHex(secret, body)).contentType("application/json").body(body)
                .post("/api/v1/webhooks/" + conn).then();
    }

    static String onlyItem(String tenant, String conn) {
        return as(tenant, "reader").get("/api/v1/items?connectionId=" + conn).then().body("items", hasSize(1))
                .extract().path("items[0].id");
    }

    @Test
    void gitlabIssueHooks() {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "gitlab", SECRET);
        gitlab(conn, "issue-open.json", "wrong-token", "u0").statusCode(401);
        gitlab(conn, "issue-open.json", null, "u0").statusCode(401);
        assertEquals(0, Db.rawEvents(ds, conn));
        gitlab(conn, "issue-close.json", SECRET, "u3").statusCode(200).body("eventKind", equalTo("issue.close"));
        gitlab(conn, "issue-open.json", SECRET, "u1").statusCode(200);
        gitlab(conn, "issue-update-labels.json", SECRET, "u2").statusCode(200);
        gitlab(conn, "issue-update-labels.json", SECRET, "u2").statusCode(200).body("outcome", equalTo("duplicate"));
        gitlab(conn, "note.json", SECRET, "u4").statusCode(200).body("outcome", equalTo("ignored"));
        assertEquals(4, Db.rawEvents(ds, conn));
        String item = onlyItem(tenant, conn);
        as(tenant, "reader").get("/api/v1/items/" + item).then().body("key", equalTo("#23"))
                .body("project", equalTo("gitlabhq/gitlab-test")).body("flowType", equalTo("defect"))
                .body("flowState", equalTo("done"));
        as(tenant, "reader").get("/api/v1/items/" + item + "/timeline").then()
                .body("states.state", contains("new", "done"))
                .body("states.at", contains("2013-12-03T17:15:43Z", "2013-12-06T15:30:00Z"));
        // The token is checked, never stored.
        assertEquals(0, Db.count(ds, "select count(*) from raw_event where connection_id = ?::uuid"
                + " and jsonb_exists(headers, 'x-gitlab-token')", conn));
    }

    @Test
    void jiraIssueEventsWithChangelog() {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "jira", SECRET);
        jira(conn, "issue-created.json", "other-secret", "j0").statusCode(401);
        jira(conn, "issue-updated-done.json", SECRET, "j3").statusCode(200);
        jira(conn, "issue-updated-in-progress.json", SECRET, "j2").statusCode(200);
        jira(conn, "issue-created.json", SECRET, "j1").statusCode(200).body("eventKind", equalTo("jira:issue_created"));
        jira(conn, "issue-created.json", SECRET, "j1").statusCode(200).body("outcome", equalTo("duplicate"));
        jira(conn, "comment-created.json", SECRET, "j4").statusCode(200).body("outcome", equalTo("ignored"));
        String item = onlyItem(tenant, conn);
        as(tenant, "reader").get("/api/v1/items/" + item).then().body("key", equalTo("MYPROJECT-154"))
                .body("flowType", equalTo("defect")).body("flowState", equalTo("done"));
        as(tenant, "reader").get("/api/v1/items/" + item + "/timeline").then()
                .body("transitions.trackerStatus", contains("To Do", "In Progress", "Done"))
                .body("states.state", contains("new", "active", "done"));
        jira(conn, "issue-deleted.json", SECRET, "j5").statusCode(200);
        as(tenant, "reader").get("/api/v1/items?connectionId=" + conn).then().body("items", hasSize(0));
        as(tenant, "reader").get("/api/v1/connections/" + conn + "/data-quality").then().body("deleted", equalTo(1));
    }

    @Test
    void azureDevOpsWorkItemHooks() {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "azure-devops", SECRET);
        azure(conn, "workitem-created.json", "not-the-password").statusCode(401);
        tracker().contentType("application/json").body(fixture("azure-devops/workitem-created.json"))
                .post("/api/v1/webhooks/" + conn).then().statusCode(401);
        // Out of order: the later state change first.
        azure(conn, "workitem-updated-committed.json", SECRET).statusCode(200);
        azure(conn, "workitem-updated-approved.json", SECRET).statusCode(200);
        azure(conn, "workitem-created.json", SECRET).statusCode(200);
        azure(conn, "workitem-created.json", SECRET).statusCode(200).body("outcome", equalTo("duplicate"));
        azure(conn, "workitem-commented.json", SECRET).statusCode(200).body("outcome", equalTo("ignored"));
        String item = onlyItem(tenant, conn);
        as(tenant, "reader").get("/api/v1/items/" + item).then().body("key", equalTo("#13"))
                .body("trackerType", equalTo("Bug")).body("flowType", equalTo("defect"))
                .body("project", equalTo("Virtual.Currency")).body("flowState", equalTo("active"));
        as(tenant, "reader").get("/api/v1/items/" + item + "/timeline").then()
                .body("transitions.trackerStatus", contains("New", "Approved", "Committed"))
                .body("states.state", contains("new", "active"));
    }

    @Test
    void linearIssueWebhooks() {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "linear", SECRET);
        linear(conn, "issue-create.json", "wrong", "l0").statusCode(401);
        linear(conn, "issue-update-completed.json", SECRET, "l3").statusCode(200);
        linear(conn, "issue-create.json", SECRET, "l1").statusCode(200);
        linear(conn, "issue-update-started.json", SECRET, "l2").statusCode(200);
        linear(conn, "issue-update-started.json", SECRET, "l2").statusCode(200).body("outcome", equalTo("duplicate"));
        linear(conn, "comment-create.json", SECRET, "l4").statusCode(200).body("outcome", equalTo("ignored"));
        String item = onlyItem(tenant, conn);
        as(tenant, "reader").get("/api/v1/items/" + item).then().body("key", equalTo("ENG-123"))
                .body("flowType", equalTo("defect")).body("flowState", equalTo("done"));
        as(tenant, "reader").get("/api/v1/items/" + item + "/timeline").then()
                .body("states.state", contains("new", "active", "done"))
                .body("states.at", contains("2020-01-23T12:53:18.084Z", "2020-01-24T09:00:00Z",
                        "2020-01-27T17:30:00Z"));
        linear(conn, "issue-remove.json", SECRET, "l5").statusCode(200);
        as(tenant, "reader").get("/api/v1/items/" + item).then().statusCode(404);
    }

    @Test
    void aGenericRecordSignedWithTheFlowlensHeader() {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "generic", SECRET);
        byte[] body = ("[{\"kind\":\"item\",\"id\":\"OPS-7\",\"project\":\"ops\",\"title\":\"Rotate keys\","
                + "\"type\":\"Vulnerability\",\"labels\":[],\"createdAt\":\"2024-03-01T08:00:00Z\"},"
                + "{\"kind\":\"transition\",\"item\":\"OPS-7\",\"at\":\"2024-03-02T08:00:00Z\",\"status\":\"Doing\"}]")
                .getBytes(StandardCharsets.UTF_8);
        tracker().header("X-Flowlens-Signature", "sha256=" + hmacHex(SECRET, body)).contentType("application/json")
                .body(body).post("/api/v1/webhooks/" + conn).then().statusCode(200).body("outcome", equalTo("applied"));
        // No delivery id: the body's digest makes the redelivery a no-op.
        tracker().header("X-Flowlens-Signature", "sha256=" + hmacHex(SECRET, body)).contentType("application/json")
                .body(body).post("/api/v1/webhooks/" + conn).then().statusCode(200).body("outcome", equalTo("duplicate"));
        as(tenant, "reader").get("/api/v1/items?connectionId=" + conn).then().body("items[0].flowType", equalTo("risk"))
                .body("items[0].flowState", equalTo("active"));
    }
}
