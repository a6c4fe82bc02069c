package io.flowlens.ingestion.outbox;

import static io.flowlens.ingestion.outbox.OutboxRelayTest.await;
import static io.flowlens.ingestion.outbox.OutboxRelayTest.deliver;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.flowlens.ingestion.support.Api;
import io.flowlens.ingestion.support.Db;
import io.flowlens.ingestion.support.FakeMetricsService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * An event metrics-service refuses is parked with the reason, visible to its tenant, counted and
 * retryable, while every other event keeps flowing; a newer revision of the item supersedes it.
 */
@QuarkusTest
class RefusedEventsAreParkedTest {

    /** The title of the GitHub fixtures opened and closed; the edited one drops " file". */
    static final String REFUSED_TITLE = "Spelling error in the README file";

    @Inject
    AgroalDataSource ds;

    static List<Object> parked(String tenant, String conn) {
        return Api.as(tenant, "reader").get("/api/v1/connections/" + conn + "/parked-events").then().statusCode(200)
                .extract().jsonPath().getList("items");
    }

    /** Health and metrics are served on the management interface, a port of their own. */
    static int managementPort() {
        return ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
    }

    static JsonPath readiness() {
        return given().port(managementPort()).get("/q/health/ready").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aRefusedEventIsParkedWhileAnotherTenantsKeepArrivingAndItsCorrectionSupersedesIt() throws Exception {
        FakeMetricsService metrics = FakeMetricsService.get();
        metrics.setDown(false);
        String tenant = Api.newTenant();
        String other = Api.newTenant();
        String conn = Api.connection(tenant, "github", OutboxRelayTest.SECRET);
        String otherConn = Api.connection(other, "github", OutboxRelayTest.SECRET);
        metrics.refuse(tenant, e -> REFUSED_TITLE.equals(e.path("item").path("title").asText()));
        try {
            deliver(conn, "issues-opened.json", "p1");
            await("the refused event is parked", () -> parked(tenant, conn).size() == 1);
            Api.as(tenant, "reader").get("/api/v1/connections/" + conn + "/parked-events").then()
                    .body("items[0].revision", equalTo(1))
                    .body("items[0].errors[0].pointer", equalTo("/item/title"))
                    .body("items[0].errors[0].detail", containsString("refused"))
                    .body("items[0].event.item.title", equalTo(REFUSED_TITLE))
                    .body("items[0].attempts", equalTo(1))
                    .body("nextCursor", equalTo(null));
            assertEquals(0, Db.count(ds, "select count(*) from outbox where tenant_id = ?", tenant));
            assertTrue(metrics.receivedFor(conn).isEmpty());

            // Another tenant's changes arrive as usual: within milliseconds, not stuck behind the refusal.
            Instant sent = Instant.now();
            deliver(otherConn, "issues-opened.json", "q1");
            deliver(otherConn, "issues-closed.json", "q2");
            await("the other tenant's events arrived", () -> metrics.receivedFor(otherConn).size() == 2);
            assertTrue(Duration.between(sent, Instant.now()).toMillis() < 5_000, "delivered within the usual time");

            // Counted in /q/metrics and readiness detail, still UP; another tenant cannot see it.
            given().port(managementPort()).get("/q/metrics").then().statusCode(200).body(containsString("flowlens_outbox_parked"));
            JsonPath ready = readiness();
            assertEquals("UP", ready.getString("checks.find { it.name == 'outbox relay' }.status"));
            assertTrue(ready.getInt("checks.find { it.name == 'outbox relay' }.data.parked") >= 1);
            Api.as(other, "reader").get("/api/v1/connections/" + conn + "/parked-events").then().statusCode(404)
                    .contentType("application/problem+json");
            Api.as(other, "member").post("/api/v1/connections/" + conn + "/parked-events/retry").then().statusCode(404);

            // The corrected revision is delivered and supersedes the parked one.
            deliver(conn, "issues-edited.json", "p2");
            await("the correction reached metrics", () -> metrics.receivedFor(conn).size() == 1);
            assertEquals(2, metrics.receivedFor(conn).get(0).get("revision").asLong());
            await("the parked event is superseded", () -> parked(tenant, conn).isEmpty());
        } finally {
            metrics.stopRefusing(tenant);
        }
    }

    @Test
    void parkedEventsLeaveWithTheirConnectionAndWithTheirTenant() throws Exception {
        FakeMetricsService metrics = FakeMetricsService.get();
        metrics.setDown(false);
        String tenant = Api.newTenant();
        String deleted = Api.connection(tenant, "github", OutboxRelayTest.SECRET);
        String kept = Api.connection(tenant, "github", OutboxRelayTest.SECRET);
        metrics.refuse(tenant, e -> true);
        try {
            deliver(deleted, "issues-opened.json", "d1");
            deliver(kept, "issues-opened.json", "k1");
            await("both parked", () -> parked(tenant, deleted).size() == 1 && parked(tenant, kept).size() == 1);
            // Accepted from now on, so the deletion's own item.deleted event is not parked in turn.
            metrics.stopRefusing(tenant);
            Api.as(tenant, "member").delete("/api/v1/connections/" + deleted + "?confirm=true").then().statusCode(204);
            await("the deletion reached metrics", () -> metrics.receivedFor(deleted).size() == 1);
            assertEquals(0, Db.count(ds, "select count(*) from parked_event where tenant_id = ? and connection_id = ?::uuid",
                    tenant, deleted));
            assertEquals(1, Db.count(ds, "select count(*) from parked_event where tenant_id = ?", tenant));

            Api.service().delete("/internal/v1/tenants/" + tenant).then()
                    .statusCode(200).body("erased.parkedEvents", equalTo(1));
            assertEquals(0, Db.count(ds, "select count(*) from parked_event where tenant_id = ?", tenant));
        } finally {
            metrics.stopRefusing(tenant);
        }
    }

    @Test
    void parkedEventsAreRetriedByAMemberAndParkedAgainIfStillRefused() throws Exception {
        FakeMetricsService metrics = FakeMetricsService.get();
        metrics.setDown(false);
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "github", OutboxRelayTest.SECRET);
        metrics.refuse(tenant, e -> true);
        try {
            deliver(conn, "issues-opened.json", "r1");
            await("parked", () -> parked(tenant, conn).size() == 1);
            Api.as(tenant, "reader").post("/api/v1/connections/" + conn + "/parked-events/retry").then().statusCode(403);
            // Retried while the consumer still refuses it: parked again, one more attempt counted.
            Api.as(tenant, "member").post("/api/v1/connections/" + conn + "/parked-events/retry").then().statusCode(200)
                    .body("requeued", equalTo(1));
            await("parked again", () -> Db.count(ds, "select count(*) from parked_event where tenant_id = ?"
                    + " and attempts = 2", tenant) == 1);
            // After the fix, a retry delivers it.
            metrics.stopRefusing(tenant);
            Api.as(tenant, "member").post("/api/v1/connections/" + conn + "/parked-events/retry").then().statusCode(200)
                    .body("requeued", equalTo(1));
            await("the retried event reached metrics", () -> metrics.receivedFor(conn).size() == 1);
            assertTrue(parked(tenant, conn).isEmpty());
            Api.as(tenant, "member").post("/api/v1/connections/" + conn + "/parked-events/retry").then().statusCode(200)
                    .body("requeued", equalTo(0));
        } finally {
            metrics.stopRefusing(tenant);
        }
    }

    @Test
    void aConsumerThatRefusesWholeBatchesIsSplitUntilTheEventAtFaultIsAlone() throws Exception {
        FakeMetricsService metrics = FakeMetricsService.get();
        metrics.setDown(true);
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "github", OutboxRelayTest.SECRET);
        String good = Api.connection(tenant, "github", OutboxRelayTest.SECRET);
        metrics.refuse(tenant, e -> conn.equals(e.path("item").path("connectionId").asText()));
        metrics.setVersionOne(true);
        try {
            deliver(conn, "issues-opened.json", "v1");
            deliver(good, "issues-opened.json", "v2");
            deliver(good, "issues-closed.json", "v3");
            await("the relay tried", () -> !metrics.refusedBatches.isEmpty());
            metrics.setDown(false); // from now on: a 400 for every batch holding the bad event
            await("the good events arrived", () -> metrics.receivedFor(good).size() == 2);
            await("the bad one is parked", () -> parked(tenant, conn).size() == 1);
            Api.as(tenant, "reader").get("/api/v1/connections/" + conn + "/parked-events").then()
                    .body("items[0].errors[0].pointer", equalTo(""))
                    .body("items[0].errors[0].detail", containsString("metrics-service answered 400"));
            assertTrue(parked(tenant, good).isEmpty());
        } finally {
            metrics.setVersionOne(false);
            metrics.stopRefusing(tenant);
            metrics.setDown(false);
        }
    }

    @Test
    void listsArePagedAndCheckTheirParameters() throws Exception {
        FakeMetricsService metrics = FakeMetricsService.get();
        metrics.setDown(false);
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "generic", OutboxRelayTest.SECRET);
        metrics.refuse(tenant, e -> true);
        try {
            byte[] body = ("[{\"kind\":\"item\",\"id\":\"OPS-1\",\"project\":\"ops\",\"title\":\"One\",\"type\":\"Bug\","
                    + "\"createdAt\":\"2024-03-01T08:00:00Z\"},{\"kind\":\"item\",\"id\":\"OPS-2\",\"project\":\"ops\","
                    + "\"title\":\"Two\",\"type\":\"Bug\",\"createdAt\":\"2024-03-01T08:00:00Z\"}]")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            Api.tracker().header("X-Flowlens-Signature", "sha256=" + Api.hmacHex(OutboxRelayTest.SECRET, body))
                    .contentType("application/json").body(body).post("/api/v1/webhooks/" + conn).then().statusCode(200);
            await("two items parked", () -> parked(tenant, conn).size() == 2);
            String cursor = Api.as(tenant, "reader").queryParam("limit", 1).get("/api/v1/connections/" + conn
                    + "/parked-events").then().statusCode(200).body("items.size()", equalTo(1))
                    .extract().path("nextCursor");
            Api.as(tenant, "reader").queryParam("limit", 1).queryParam("cursor", cursor)
                    .get("/api/v1/connections/" + conn + "/parked-events").then().statusCode(200)
                    .body("items.size()", equalTo(1)).body("nextCursor", equalTo(null));
            Api.as(tenant, "reader").queryParam("limit", 0).get("/api/v1/connections/" + conn + "/parked-events")
                    .then().statusCode(400).contentType("application/problem+json");
            Api.as(tenant, "reader").queryParam("cursor", "nope").get("/api/v1/connections/" + conn + "/parked-events")
                    .then().statusCode(400);
        } finally {
            metrics.stopRefusing(tenant);
        }
    }
}
