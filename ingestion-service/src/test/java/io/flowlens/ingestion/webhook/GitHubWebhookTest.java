package io.flowlens.ingestion.webhook;

import static io.flowlens.ingestion.support.Api.as;
import static io.flowlens.ingestion.support.Api.fixture;
import static io.flowlens.ingestion.support.Api.hmacHex;
import static io.flowlens.ingestion.support.Api.tracker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.flowlens.ingestion.support.Api;
import io.flowlens.ingestion.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** GitHub deliveries: signatures, redelivery, event kinds, order, and what reaches the item. */
@QuarkusTest
class GitHubWebhookTest {

    static final String SECRET = "gh-webhook-secret-1";

    @Inject
    AgroalDataSource ds;

    static ValidatableResponse deliver(String connectionId, String event, String fixture, String deliveryId) {
        byte[] body = fixture("github/" + fixture);
        return tracker().header("X-GitHub-Event", event).header("X-GitHub-Delivery", deliveryId)
                .header("X-Hub-Signature-256", "sha256=" + hmacHex(SECRET, body))
                .contentType("application/json").body(body)
                .post("/api/v1/webhooks/" + connectionId).then();
    }

    @Test
    void aSignedDeliveryIsStoredRawAndBecomesAnItem() {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "github", SECRET);
        deliver(conn, "issues", "issues-opened.json", UUID.randomUUID().toString()).statusCode(200)
                .body("outcome", equalTo("applied")).body("eventKind", equalTo("issues.opened"))
                .body("itemsChanged", equalTo(1));
        assertEquals(1, Db.rawEvents(ds, conn));
        // The exact bytes are kept, and credentials are not among the stored headers.
        assertEquals(1, Db.count(ds, "select count(*) from raw_event where connection_id = ?::uuid and body = ?"
                + " and not jsonb_exists(headers, 'x-flowlens-identity')", conn, fixture("github/issues-opened.json")));
        as(tenant, "reader").get("/api/v1/items?connectionId=" + conn).then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].key", equalTo("#1"))
                .body("items[0].project", equalTo("Codertocat/Hello-World"))
                .body("items[0].flowState", equalTo("new"))
                .body("items[0].flowType", equalTo("feature"));
    }

    @Test
    void aWrongOrMissingSignatureIs401AndStoresNothing() {
        String conn = Api.connection(Api.newTenant(), "github", SECRET);
        byte[] body = fixture("github/issues-opened.json");
        tracker().header("X-GitHub-Event", "issues").header("X-Hub-Signature-256",
                "sha256=" + hmacHex("not-the-secret", body)).contentType("application/json").body(body)
                .post("/api/v1/webhooks/" + conn).then().statusCode(401)
                .contentType("application/problem+json").body("type", equalTo("https://flowlens.io/problems/invalid-signature"));
        tracker().header("X-GitHub-Event", "issues").contentType("application/json").body(body)
                .post("/api/v1/webhooks/" + conn).then().statusCode(401);
        // One byte changed after signing: the signature no longer matches.
        byte[] tampered = body.clone();
        tampered[tampered.length - 3] = (byte) ' ';
        tracker().header("X-GitHub-Event", "issues").header("X-Hub-Signature-256", "sha256=" + hmacHex(SECRET, body))
                .contentType("application/json").body(tampered).post("/api/v1/webhooks/" + conn).then().statusCode(401);
        assertEquals(0, Db.rawEvents(ds, conn));
        assertEquals(0, Db.items(ds, conn));
    }

    @Test
    void aRedeliveryIsANoOp() {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "github", SECRET);
        String delivery = UUID.randomUUID().toString();
        deliver(conn, "issues", "issues-opened.json", delivery).statusCode(200).body("outcome", equalTo("applied"));
        deliver(conn, "issues", "issues-opened.json", delivery).statusCode(200).body("outcome", equalTo("duplicate"));
        assertEquals(1, Db.rawEvents(ds, conn));
        assertEquals(1, Db.items(ds, conn));
        as(tenant, "reader").get("/api/v1/items?connectionId=" + conn).then().body("items[0].revision", equalTo(1));
    }

    @Test
    void eventsOutOfOrderGiveTheTimelineThePayloadInstantsDescribe() {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "github", SECRET);
        // Arrival: reopened, closed, labeled, opened, projects status — instants say otherwise.
        deliver(conn, "issues", "issues-reopened.json", "d-reopened").statusCode(200);
        deliver(conn, "issues", "issues-closed.json", "d-closed").statusCode(200);
        deliver(conn, "issues", "issues-labeled.json", "d-labeled").statusCode(200);
        deliver(conn, "issues", "issues-opened.json", "d-opened").statusCode(200);
        deliver(conn, "projects_v2_item", "projects-v2-item-status.json", "d-status").statusCode(200)
                .body("outcome", equalTo("applied"));
        String item = as(tenant, "reader").get("/api/v1/items?connectionId=" + conn).then()
                .body("items", hasSize(1)).body("items[0].flowType", equalTo("defect"))
                .body("items[0].labels", contains("bug"))
                .extract().path("items[0].id");
        as(tenant, "reader").get("/api/v1/items/" + item + "/timeline").then().statusCode(200)
                // The reopened payload still names the close it ends (closed_at): that close is a fact too.
                .body("transitions.trackerStatus", contains("open", "In Progress", "closed", "closed:completed",
                        "reopened"))
                .body("states.state", contains("new", "active", "done", "new"))
                .body("states.at", contains("2021-07-05T18:05:24Z", "2021-07-05T18:06:40Z", "2021-07-05T18:07:10Z",
                        "2021-10-11T16:40:56Z"))
                .body("flowState", equalTo("new"));
        // The latest payload (reopened, 2021-10-11) decides the attributes, whatever arrived last.
        as(tenant, "reader").get("/api/v1/items/" + item).then().body("title",
                equalTo("Spelling error in the README file"));
    }

    @Test
    void closedAsNotPlannedIsCanceledAndUnlabeledChangesTheType() {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "github", SECRET);
        deliver(conn, "issues", "issues-closed-not-planned.json", "d1").statusCode(200);
        String item = as(tenant, "reader").get("/api/v1/items?connectionId=" + conn).then()
                .body("items[0].flowState", equalTo("canceled")).body("items[0].flowType", equalTo("defect"))
                .extract().path("items[0].id");
        deliver(conn, "issues", "issues-unlabeled.json", "d2").statusCode(200);
        as(tenant, "reader").get("/api/v1/items/" + item).then().body("flowType", equalTo("feature"))
                .body("revision", equalTo(2));
    }

    @Test
    void eventKindsThatChangeNoItemAreAcknowledgedAndKept() {
        String conn = Api.connection(Api.newTenant(), "github", SECRET);
        deliver(conn, "projects_v2_item", "projects-v2-item-edited.json", "d-field").statusCode(200)
                .body("outcome", equalTo("ignored"));
        byte[] ping = "{\"zen\":\"Keep it logically awesome.\",\"hook_id\":1}".getBytes();
        tracker().header("X-GitHub-Event", "ping").header("X-GitHub-Delivery", "d-ping")
                .header("X-Hub-Signature-256", "sha256=" + hmacHex(SECRET, ping)).contentType("application/json")
                .body(ping).post("/api/v1/webhooks/" + conn).then().statusCode(200).body("outcome", equalTo("ignored"));
        assertEquals(2, Db.rawEvents(ds, conn));
        assertEquals(0, Db.items(ds, conn));
    }

    @Test
    void badInputIsA4xxProblemAndStoresNothing() {
        String conn = Api.connection(Api.newTenant(), "github", SECRET);
        byte[] notJson = "{\"action\": \"opened\", ".getBytes();
        tracker().header("X-GitHub-Event", "issues").header("X-Hub-Signature-256", "sha256=" + hmacHex(SECRET, notJson))
                .contentType("application/json").body(notJson).post("/api/v1/webhooks/" + conn).then()
                .statusCode(400).contentType("application/problem+json");
        // Signed with this connection's secret but not a GitHub delivery (no event header).
        byte[] gitlab = fixture("gitlab/issue-open.json");
        tracker().header("X-Hub-Signature-256", "sha256=" + hmacHex(SECRET, gitlab)).contentType("application/json")
                .body(gitlab).post("/api/v1/webhooks/" + conn).then().statusCode(400)
                .body("errors[0].pointer", equalTo("X-GitHub-Event"));
        byte[] big = new byte[5 * 1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        tracker().header("X-GitHub-Event", "issues").contentType("application/json").body(big)
                .post("/api/v1/webhooks/" + conn).then().statusCode(413).contentType("application/problem+json");
        tracker().header("X-GitHub-Event", "issues").contentType("application/json").body("{}")
                .post("/api/v1/webhooks/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        // Only the gateway's webhook identity may deliver.
        as(Api.newTenant(), "admin").header("X-GitHub-Event", "issues").contentType("application/json").body("{}")
                .post("/api/v1/webhooks/" + conn).then().statusCode(403);
        assertEquals(0, Db.rawEvents(ds, conn));
        assertEquals(0, Db.items(ds, conn));
    }
}
