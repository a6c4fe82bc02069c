package io.flowlens.metrics.result;

import static io.flowlens.metrics.Fixtures.as;
import static io.flowlens.metrics.Fixtures.newTenant;
import static io.flowlens.metrics.result.Results.add;
import static io.flowlens.metrics.result.Results.category;
import static io.flowlens.metrics.result.Results.point;
import static io.flowlens.metrics.result.Results.results;
import static io.flowlens.metrics.result.Results.stream;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.util.Map;

import jakarta.inject.Inject;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.flowlens.common.identity.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Tenants are walls around streams, points and categories; readers read, members write. */
@QuarkusTest
class ResultWallsAndRolesTest {

    @Inject
    DataSource dataSource;

    @Test
    void anotherTenantsStreamPointsAndCategoriesAreNotFound() throws SQLException {
        String a = newTenant();
        String b = newTenant();
        String stream = stream(a);
        category(a, "nps", true);
        String id = add(a, stream, "nps", "2026-01-31", 40);
        String point = results(stream) + "/" + id;
        as(b, Roles.READER).get(results(stream)).then().statusCode(404).contentType("application/problem+json");
        as(b, Roles.READER).get(point).then().statusCode(404);
        as(b, Roles.MEMBER).contentType(ContentType.JSON).body(point("value", "2026-01-31", 1, null))
                .post(results(stream)).then().statusCode(404);
        as(b, Roles.MEMBER).contentType(ContentType.JSON).body(point("value", "2026-01-31", 1, null))
                .put(point).then().statusCode(404);
        as(b, Roles.MEMBER).delete(point).then().statusCode(404);
        as(b, Roles.MEMBER).contentType("text/csv").body("category,date,value\nvalue,2026-01-31,1\n")
                .post(results(stream) + "/imports").then().statusCode(404);
        as(b, Roles.MEMBER).contentType(ContentType.JSON).body("[{\"category\":\"value\",\"date\":\"2026-01-31\",\"value\":1}]")
                .post(results(stream) + "/imports").then().statusCode(404);
        // A's category is no category of B's: not listed, not found, not usable, not deletable.
        as(b, Roles.READER).get("/api/v1/result-categories").then().body("items.name", not(hasItem("nps")));
        as(b, Roles.READER).get("/api/v1/result-categories/nps").then().statusCode(404);
        as(b, Roles.MEMBER).delete("/api/v1/result-categories/nps?confirm=true").then().statusCode(404);
        as(b, Roles.MEMBER).contentType(ContentType.JSON).body(Map.of("label", "x", "higherIsBetter", true))
                .put("/api/v1/result-categories/nps").then().statusCode(404);
        String own = stream(b);
        as(b, Roles.MEMBER).contentType(ContentType.JSON).body(point("nps", "2026-01-31", 1, null))
                .post(results(own)).then().statusCode(422);
        // B may define its own nps beside A's.
        category(b, "nps", false);
        as(a, Roles.READER).get("/api/v1/result-categories/nps").then().body("higherIsBetter", equalTo(true));
        as(a, Roles.READER).get(point).then().statusCode(200).body("value", equalTo(40.0f));
        assertEquals(1, Results.points(dataSource, a));
        assertEquals(0, Results.points(dataSource, b));
    }

    @Test
    void readersReadAndCannotWrite() throws SQLException {
        String tenant = newTenant();
        String stream = stream(tenant);
        String id = add(tenant, stream, "value", "2026-01-31", 1);
        as(tenant, Roles.READER).get(results(stream)).then().statusCode(200);
        as(tenant, Roles.READER).get("/api/v1/result-categories").then().statusCode(200);
        as(tenant, Roles.READER).contentType(ContentType.JSON).body(point("value", "2026-02-28", 1, null))
                .post(results(stream)).then().statusCode(403).contentType("application/problem+json");
        as(tenant, Roles.READER).contentType(ContentType.JSON).body(point("value", "2026-02-28", 1, null))
                .put(results(stream) + "/" + id).then().statusCode(403);
        as(tenant, Roles.READER).delete(results(stream) + "/" + id).then().statusCode(403);
        as(tenant, Roles.READER).contentType("text/csv").body("category,date,value\nvalue,2026-01-31,1\n")
                .post(results(stream) + "/imports").then().statusCode(403);
        as(tenant, Roles.READER).contentType(ContentType.JSON)
                .body(Map.of("name", "nps", "label", "NPS", "higherIsBetter", true))
                .post("/api/v1/result-categories").then().statusCode(403);
        as(tenant, Roles.READER).delete("/api/v1/result-categories/nps").then().statusCode(403);
        given().get(results(stream)).then().statusCode(401).contentType("application/problem+json");
        as(tenant, Roles.ADMIN).contentType(ContentType.JSON).body(point("cost", "2026-02-28", 1, null))
                .post(results(stream)).then().statusCode(201);
        assertEquals(2, Results.points(dataSource, tenant));
    }
}
