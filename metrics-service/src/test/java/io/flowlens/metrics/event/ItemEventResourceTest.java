package io.flowlens.metrics.event;

import static io.flowlens.metrics.Fixtures.as;
import static io.flowlens.metrics.Fixtures.deletion;
import static io.flowlens.metrics.Fixtures.newTenant;
import static io.flowlens.metrics.Fixtures.post;
import static io.flowlens.metrics.Fixtures.service;
import static io.flowlens.metrics.Fixtures.upsert;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.flowlens.common.identity.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The canonical-event consumer: revisions win, idempotent, all-or-nothing, service role only. */
@QuarkusTest
class ItemEventResourceTest {

    static final String CONN = "c-events";
    static final String WINDOW = "from=2025-06-01&to=2025-07-01";

    static Map<String, Object> doneItem(String tenant, String item, long revision, String type, String doneAt) {
        return upsert(tenant, item, revision, CONN, "shop", type, List.of(), "2025-06-01T08:00:00Z",
                "2025-06-01T08:00:00Z", "new", "2025-06-02T08:00:00Z", "active", doneAt, "done");
    }

    static io.restassured.response.ValidatableResponse portfolio(String tenant) {
        return as(tenant, Roles.READER).when().get("/api/v1/portfolio/flow?" + WINDOW).then().statusCode(200);
    }

    @Test
    void onlyServicesMayPostEvents() {
        String tenant = newTenant();
        Map<String, Object> body = Map.of("events", List.of(doneItem(tenant, "a", 1, "feature", "2025-06-03T08:00:00Z")));
        given().contentType(ContentType.JSON).body(body).when().post("/internal/v1/item-events")
                .then().statusCode(401).contentType("application/problem+json");
        as(tenant, Roles.ADMIN).contentType(ContentType.JSON).body(body).when().post("/internal/v1/item-events")
                .then().statusCode(403).contentType("application/problem+json");
        portfolio(tenant).body("total.velocity", equalTo(0));
    }

    @Test
    void theHighestRevisionWinsWhateverTheArrivalOrder() {
        String tenant = newTenant();
        Map<String, Object> rev2 = doneItem(tenant, "a", 2, "defect", "2025-06-05T08:00:00Z");
        Map<String, Object> rev1 = doneItem(tenant, "a", 1, "feature", "2025-06-03T08:00:00Z");
        service().contentType(ContentType.JSON).body(Map.of("events", List.of(rev2))).post("/internal/v1/item-events")
                .then().statusCode(200).body("accepted", equalTo(1)).body("ignored", equalTo(0));
        service().contentType(ContentType.JSON).body(Map.of("events", List.of(rev1))).post("/internal/v1/item-events")
                .then().statusCode(200).body("accepted", equalTo(0)).body("ignored", equalTo(1));
        portfolio(tenant).body("total.velocity", equalTo(1))
                .body("byType.defect.velocity", equalTo(1)).body("byType.feature.velocity", equalTo(0))
                .body("total.flowTime.maxDays", equalTo(3.0f));
    }

    @Test
    void withinOneBatchOnlyTheHighestRevisionIsApplied() {
        String tenant = newTenant();
        service().contentType(ContentType.JSON).body(Map.of("events", List.of(
                doneItem(tenant, "a", 3, "risk", "2025-06-04T08:00:00Z"),
                doneItem(tenant, "a", 5, "debt", "2025-06-06T08:00:00Z"),
                doneItem(tenant, "a", 4, "feature", "2025-06-05T08:00:00Z"))))
                .post("/internal/v1/item-events").then().statusCode(200)
                .body("accepted", equalTo(1)).body("ignored", equalTo(2));
        portfolio(tenant).body("byType.debt.velocity", equalTo(1)).body("total.flowTime.maxDays", equalTo(4.0f));
    }

    @Test
    void redeliveringABatchChangesNothing() {
        String tenant = newTenant();
        Map<String, Object> body = Map.of("events", List.of(doneItem(tenant, "a", 1, "feature", "2025-06-03T08:00:00Z"),
                doneItem(tenant, "b", 1, "defect", "2025-06-04T08:00:00Z")));
        service().contentType(ContentType.JSON).body(body).post("/internal/v1/item-events")
                .then().statusCode(200).body("accepted", equalTo(2));
        service().contentType(ContentType.JSON).body(body).post("/internal/v1/item-events")
                .then().statusCode(200).body("accepted", equalTo(0)).body("ignored", equalTo(2));
        portfolio(tenant).body("total.velocity", equalTo(2));
        as(tenant, Roles.READER).get("/api/v1/portfolio/cfd?from=2025-06-05&to=2025-06-06").then().statusCode(200)
                .body("days[0].done", equalTo(2));
    }

    @Test
    void aDeletedItemLeavesEveryMetricAndALowerRevisionCannotBringItBack() {
        String tenant = newTenant();
        post(doneItem(tenant, "a", 1, "feature", "2025-06-03T08:00:00Z"),
                doneItem(tenant, "b", 1, "feature", "2025-06-04T08:00:00Z"));
        post(deletion(tenant, "a", 2, CONN));
        portfolio(tenant).body("total.velocity", equalTo(1));
        as(tenant, Roles.READER).get("/api/v1/portfolio/cfd?from=2025-06-10&to=2025-06-11").then().statusCode(200)
                .body("days[0].done", equalTo(1));
        service().contentType(ContentType.JSON)
                .body(Map.of("events", List.of(doneItem(tenant, "a", 1, "feature", "2025-06-03T08:00:00Z"))))
                .post("/internal/v1/item-events").then().statusCode(200).body("ignored", equalTo(1));
        portfolio(tenant).body("total.velocity", equalTo(1));
        post(doneItem(tenant, "a", 3, "feature", "2025-06-03T08:00:00Z"));
        portfolio(tenant).body("total.velocity", equalTo(2));
    }

    @Test
    void aBatchWithOneBadEventIsRefusedWholeAndNamesTheField() {
        String tenant = newTenant();
        Map<String, Object> bad = new HashMap<>(doneItem(tenant, "b", 1, "feature", "2025-06-03T08:00:00Z"));
        Map<String, Object> item = new HashMap<>((Map<String, Object>) bad.get("item"));
        item.put("flowType", "epic");
        item.put("transitions", List.of(Map.of("at", "yesterday", "state", "done")));
        bad.put("item", item);
        service().contentType(ContentType.JSON)
                .body(Map.of("events", List.of(doneItem(tenant, "a", 1, "feature", "2025-06-03T08:00:00Z"), bad)))
                .post("/internal/v1/item-events").then().statusCode(400).contentType("application/problem+json")
                .body("errors.pointer", hasItem("/events/1/item/flowType"))
                .body("errors.pointer", hasItem("/events/1/item/transitions/0/at"));
        portfolio(tenant).body("total.velocity", equalTo(0));
    }

    @Test
    void malformedAndOversizedBatchesAreRefused() {
        service().contentType(ContentType.JSON).body("{\"events\": [").post("/internal/v1/item-events")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://flowlens.io/problems/malformed-json"));
        service().contentType(ContentType.JSON).body("{\"items\": []}").post("/internal/v1/item-events")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/events"));
        String tenant = newTenant();
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 1_001; i++) {
            many.add(doneItem(tenant, "i" + i, 1, "feature", "2025-06-03T08:00:00Z"));
        }
        service().contentType(ContentType.JSON).body(Map.of("events", many)).post("/internal/v1/item-events")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/events"));
        service().contentType(ContentType.JSON).body(Map.of("events", List.of(
                Map.of("eventId", "x", "tenantId", tenant, "type", "item.moved", "revision", -1, "item", Map.of()))))
                .post("/internal/v1/item-events").then().statusCode(400)
                .body("errors.pointer", hasItem("/events/0/type"))
                .body("errors.pointer", hasItem("/events/0/revision"))
                .body("errors.pointer", hasItem("/events/0/item/itemId"));
        portfolio(tenant).body("total.velocity", equalTo(0)).body("total.flowTime.meanDays", nullValue());
    }

    @Test
    void eventsOfSeveralTenantsInOneBatchStayWithTheirTenant() {
        String a = newTenant();
        String b = newTenant();
        post(doneItem(a, "same-id", 1, "feature", "2025-06-03T08:00:00Z"),
                doneItem(b, "same-id", 1, "defect", "2025-06-03T08:00:00Z"),
                doneItem(b, "other", 1, "defect", "2025-06-03T08:00:00Z"));
        portfolio(a).body("total.velocity", equalTo(1)).body("byType.feature.velocity", equalTo(1));
        portfolio(b).body("total.velocity", equalTo(2)).body("byType.defect.velocity", equalTo(2));
    }
}
