package io.flowlens.metrics.valuestream;

import static io.flowlens.metrics.Fixtures.as;
import static io.flowlens.metrics.Fixtures.newTenant;
import static io.flowlens.metrics.Fixtures.scope;
import static io.flowlens.metrics.Fixtures.valueStream;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.flowlens.common.identity.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Value stream CRUD: members write, readers read, bodies are validated, tenants are walls. */
@QuarkusTest
class ValueStreamResourceTest {

    static Map<String, Object> body(String name, String zone, List<?> scopes) {
        return Map.of("name", name, "timeZone", zone, "scopes", scopes);
    }

    @Test
    void aMemberCreatesReadsReplacesAndDeletesAValueStream() {
        String tenant = newTenant();
        String id = as(tenant, Roles.MEMBER).contentType(ContentType.JSON)
                .body(body("Checkout", "Europe/Berlin", List.of(Map.of("connectionId", "c1", "project", "acme/shop",
                        "labels", List.of("checkout"), "flowTypes", List.of("feature", "defect")))))
                .when().post("/api/v1/value-streams")
                .then().statusCode(201).header("Location", org.hamcrest.Matchers.containsString("/api/v1/value-streams/"))
                .body("name", equalTo("Checkout")).body("timeZone", equalTo("Europe/Berlin"))
                .body("scopes[0].labels", equalTo(List.of("checkout")))
                .body("createdAt", notNullValue()).extract().path("id");
        as(tenant, Roles.READER).get("/api/v1/value-streams/" + id).then().statusCode(200)
                .body("scopes[0].flowTypes", equalTo(List.of("feature", "defect")));
        as(tenant, Roles.MEMBER).contentType(ContentType.JSON)
                .body(body("Checkout & payments", "America/New_York", List.of(scope("c1", "acme/shop"),
                        scope("c1", "acme/pay"))))
                .put("/api/v1/value-streams/" + id).then().statusCode(200)
                .body("name", equalTo("Checkout & payments")).body("scopes", hasSize(2))
                .body("scopes[0].labels", nullValue());
        as(tenant, Roles.READER).get("/api/v1/value-streams/" + id).then().statusCode(200)
                .body("timeZone", equalTo("America/New_York"));
        as(tenant, Roles.MEMBER).delete("/api/v1/value-streams/" + id).then().statusCode(204);
        as(tenant, Roles.READER).get("/api/v1/value-streams/" + id).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void locationPointsAtTheNewStream() {
        String tenant = newTenant();
        String location = as(tenant, Roles.MEMBER).contentType(ContentType.JSON)
                .body(body("A", "UTC", List.of(scope("c1", "p")))).post("/api/v1/value-streams")
                .then().statusCode(201).extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        as(tenant, Roles.READER).get("/api/v1/value-streams/" + id).then().statusCode(200).body("name", equalTo("A"));
    }

    @Test
    void readersCannotWriteAndAnonymousCallersAreUnauthorized() {
        String tenant = newTenant();
        as(tenant, Roles.READER).contentType(ContentType.JSON).body(body("A", "UTC", List.of(scope("c1", "p"))))
                .post("/api/v1/value-streams").then().statusCode(403).contentType("application/problem+json");
        given().get("/api/v1/value-streams").then().statusCode(401).contentType("application/problem+json");
        as(tenant, Roles.READER).get("/api/v1/value-streams").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void aBadBodyIsRefusedNamingEachFieldAndStoresNothing() {
        String tenant = newTenant();
        as(tenant, Roles.MEMBER).contentType(ContentType.JSON).body(body("A", "Mars/Olympus", List.of(scope("c1", "p"))))
                .post("/api/v1/value-streams").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("/timeZone"));
        as(tenant, Roles.MEMBER).contentType(ContentType.JSON).body(body("A", "+02:00", List.of(scope("c1", "p"))))
                .post("/api/v1/value-streams").then().statusCode(400).body("errors[0].pointer", equalTo("/timeZone"));
        as(tenant, Roles.MEMBER).contentType(ContentType.JSON).body(body(" ", "UTC", List.of()))
                .post("/api/v1/value-streams").then().statusCode(400)
                .body("errors.pointer", hasItem("/name")).body("errors.pointer", hasItem("/scopes"));
        as(tenant, Roles.MEMBER).contentType(ContentType.JSON)
                .body(body("A", "UTC", List.of(Map.of("connectionId", "c1", "project", ""))))
                .post("/api/v1/value-streams").then().statusCode(400)
                .body("errors.pointer", hasItem("/scopes/0/project"));
        as(tenant, Roles.MEMBER).contentType(ContentType.JSON)
                .body(body("A", "Nowhere", List.of(scope("c1", "p"), Map.of("connectionId", "c1", "project", "q",
                        "flowTypes", List.of("defect", "epic"), "labels", List.of("ok", " ")))))
                .post("/api/v1/value-streams").then().statusCode(400)
                .body("errors.pointer", equalTo(List.of("/timeZone", "/scopes/1/labels/1", "/scopes/1/flowTypes/1")));
        as(tenant, Roles.MEMBER).contentType(ContentType.JSON)
                .body(Map.of("name", "A", "timeZone", "UTC", "scopes", List.of(scope("c1", "p")), "colour", "red"))
                .post("/api/v1/value-streams").then().statusCode(400).body("errors[0].pointer", equalTo("/colour"));
        as(tenant, Roles.MEMBER).contentType(ContentType.JSON).body("{\"name\": ")
                .post("/api/v1/value-streams").then().statusCode(400).contentType("application/problem+json");
        as(tenant, Roles.READER).get("/api/v1/value-streams").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void anotherTenantsValueStreamIsNotFoundForEveryVerb() {
        String a = newTenant();
        String b = newTenant();
        String id = valueStream(a, "A's", "UTC", List.of(scope("c1", "p")));
        as(b, Roles.READER).get("/api/v1/value-streams/" + id).then().statusCode(404);
        as(b, Roles.MEMBER).contentType(ContentType.JSON).body(body("stolen", "UTC", List.of(scope("c1", "p"))))
                .put("/api/v1/value-streams/" + id).then().statusCode(404);
        as(b, Roles.MEMBER).delete("/api/v1/value-streams/" + id).then().statusCode(404);
        as(b, Roles.READER).get("/api/v1/value-streams").then().statusCode(200).body("items", hasSize(0));
        as(a, Roles.READER).get("/api/v1/value-streams/" + id).then().statusCode(200).body("name", equalTo("A's"));
    }

    @Test
    void theListIsCursorPaginatedOldestFirst() {
        String tenant = newTenant();
        for (String name : List.of("one", "two", "three")) {
            valueStream(tenant, name, "UTC", List.of(scope("c1", name)));
        }
        String cursor = as(tenant, Roles.READER).get("/api/v1/value-streams?limit=2").then().statusCode(200)
                .body("items.name", equalTo(List.of("one", "two"))).body("nextCursor", notNullValue())
                .extract().path("nextCursor");
        as(tenant, Roles.READER).queryParam("limit", 2).queryParam("cursor", cursor).get("/api/v1/value-streams")
                .then().statusCode(200).body("items.name", equalTo(List.of("three"))).body("nextCursor", nullValue());
        as(tenant, Roles.READER).get("/api/v1/value-streams?limit=0").then().statusCode(400)
                .body("errors[0].pointer", equalTo("limit"));
        as(tenant, Roles.READER).get("/api/v1/value-streams?limit=ten").then().statusCode(400)
                .body("errors[0].pointer", equalTo("limit"));
        as(tenant, Roles.READER).get("/api/v1/value-streams?cursor=%%%").then().statusCode(400)
                .body("errors[0].pointer", equalTo("cursor"));
    }
}
