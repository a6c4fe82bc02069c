package io.flowlens.metrics;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.flowlens.common.identity.Caller;
import io.flowlens.common.identity.IdentityToken;
import io.flowlens.common.identity.Roles;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Signed identities and canonical events for the HTTP tests; each test uses tenants of its own. */
public final class Fixtures {

    public static final String SECRET = "dev-only-identity-secret-change-me-0123456789";
    private static final IdentityToken TOKENS = new IdentityToken(SECRET);

    private Fixtures() {
    }

    public static String newTenant() {
        return UUID.randomUUID().toString();
    }

    public static RequestSpecification as(String tenantId, String role) {
        return given().header(IdentityToken.HEADER,
                TOKENS.sign(new Caller(tenantId, role, "test-" + role, null), Duration.ofMinutes(5)));
    }

    public static RequestSpecification service() {
        return as(null, Roles.SERVICE);
    }

    /** An item.upserted event; transitions alternate instant, state. */
    public static Map<String, Object> upsert(String tenantId, String itemId, long revision, String connectionId,
            String project, String flowType, List<String> labels, String createdAt, String... transitions) {
        List<Map<String, Object>> ts = new ArrayList<>();
        for (int k = 0; k < transitions.length; k += 2) {
            ts.add(Map.of("at", transitions[k], "state", transitions[k + 1]));
        }
        return Map.of("eventId", UUID.randomUUID().toString(), "tenantId", tenantId, "type", "item.upserted",
                "revision", revision, "emittedAt", "2026-01-05T10:00:00Z",
                "item", Map.of("itemId", itemId, "connectionId", connectionId, "project", project,
                        "key", itemId.toUpperCase(), "title", "Item " + itemId, "flowType", flowType, "labels", labels,
                        "createdAt", createdAt, "transitions", ts));
    }

    public static Map<String, Object> deletion(String tenantId, String itemId, long revision, String connectionId) {
        return Map.of("eventId", UUID.randomUUID().toString(), "tenantId", tenantId, "type", "item.deleted",
                "revision", revision, "emittedAt", "2026-01-05T10:00:00Z",
                "item", Map.of("itemId", itemId, "connectionId", connectionId));
    }

    /** Posts a batch to the internal endpoint and expects it applied. */
    @SafeVarargs
    public static void post(Map<String, Object>... events) {
        service().contentType(ContentType.JSON).body(Map.of("events", List.of(events)))
                .when().post("/internal/v1/item-events").then().statusCode(200);
    }

    /** Creates a value stream and returns its id. */
    public static String valueStream(String tenantId, String name, String zone, List<Map<String, Object>> scopes) {
        return as(tenantId, Roles.MEMBER).contentType(ContentType.JSON)
                .body(Map.of("name", name, "timeZone", zone, "scopes", scopes))
                .when().post("/api/v1/value-streams").then().statusCode(201).extract().path("id");
    }

    /** Waits (up to 60 s) until the back-fill job has prepared the stream's day counts. */
    public static void awaitDayCounts(String tenantId, String valueStreamId) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!"ready".equals(as(tenantId, Roles.READER).get("/api/v1/value-streams/" + valueStreamId).then()
                .statusCode(200).extract().path("dayCounts"))) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("day counts of " + valueStreamId + " not ready after 60 s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    public static Map<String, Object> scope(String connectionId, String project) {
        return Map.of("connectionId", connectionId, "project", project);
    }
}
