package io.flowlens.metrics.result;

import static io.flowlens.metrics.Fixtures.as;
import static io.flowlens.metrics.Fixtures.newTenant;
import static io.flowlens.metrics.result.Results.add;
import static io.flowlens.metrics.result.Results.category;
import static io.flowlens.metrics.result.Results.point;
import static io.flowlens.metrics.result.Results.results;
import static io.flowlens.metrics.result.Results.stream;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.flowlens.common.identity.Roles;
import io.flowlens.metrics.paging.Cursor;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** One point at a time: add, read, list by category and period, correct, delete; bad points refused. */
@QuarkusTest
class ResultPointsTest {

    @Inject
    DataSource dataSource;

    private static ValidatableResponse post(String tenant, String stream, String json) {
        return as(tenant, Roles.MEMBER).contentType(ContentType.JSON).body(json).post(results(stream)).then()
                .contentType(containsString("json"));
    }

    @Test
    void aMemberAddsReadsCorrectsAndDeletesAPoint() {
        String tenant = newTenant();
        String stream = stream(tenant);
        String location = as(tenant, Roles.MEMBER).contentType(ContentType.JSON)
                .body(point("value", "2026-03-31", 125000.5, "Q1 revenue")).post(results(stream))
                .then().statusCode(201)
                .body("category", equalTo("value")).body("date", equalTo("2026-03-31"))
                .body("value", equalTo(125000.5f)).body("note", equalTo("Q1 revenue"))
                .body("valueStreamId", equalTo(stream)).body("createdAt", notNullValue())
                .extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        as(tenant, Roles.READER).get(location).then().statusCode(200).body("id", equalTo(id));
        as(tenant, Roles.MEMBER).contentType(ContentType.JSON).body(point("cost", "2026-03-30", 80000, null))
                .put(results(stream) + "/" + id).then().statusCode(200)
                .body("category", equalTo("cost")).body("date", equalTo("2026-03-30")).body("value", equalTo(80000.0f))
                .body("note", nullValue());
        as(tenant, Roles.READER).get(results(stream)).then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].category", equalTo("cost"));
        as(tenant, Roles.MEMBER).delete(results(stream) + "/" + id).then().statusCode(204);
        as(tenant, Roles.MEMBER).delete(results(stream) + "/" + id).then().statusCode(404)
                .contentType("application/problem+json");
        as(tenant, Roles.READER).get(results(stream) + "/" + id).then().statusCode(404);
        as(tenant, Roles.MEMBER).contentType(ContentType.JSON).body(point("cost", "2026-03-30", 1, null))
                .put(results(stream) + "/" + id).then().statusCode(404);
        as(tenant, Roles.READER).get(results(stream)).then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void severalPointsMayShareADateAndTheListIsByCategoryAndPeriod() {
        String tenant = newTenant();
        String stream = stream(tenant);
        category(tenant, "nps", true);
        add(tenant, stream, "value", "2026-01-31", 10);
        add(tenant, stream, "value", "2026-01-31", 12);
        add(tenant, stream, "value", "2026-02-28", 11);
        add(tenant, stream, "nps", "2026-02-01", 40);
        add(tenant, stream, "value", "2025-12-31", 9);
        as(tenant, Roles.READER).get(results(stream)).then().statusCode(200)
                .body("items.date", equalTo(List.of("2025-12-31", "2026-01-31", "2026-01-31", "2026-02-01", "2026-02-28")));
        // [from, to): to is the day after the last.
        as(tenant, Roles.READER).queryParam("category", "value").queryParam("from", "2026-01-01")
                .queryParam("to", "2026-02-28").get(results(stream)).then().statusCode(200)
                .body("items.value", containsInAnyOrder(10.0f, 12.0f));
        as(tenant, Roles.READER).queryParam("category", "nps").get(results(stream)).then().statusCode(200)
                .body("items.value", equalTo(List.of(40.0f)));
        as(tenant, Roles.READER).queryParam("category", "happiness").get(results(stream)).then().statusCode(200)
                .body("items", hasSize(0));
        as(tenant, Roles.READER).queryParam("category", "customer-centricity").get(results(stream)).then()
                .statusCode(200).body("items", hasSize(0));
        as(tenant, Roles.READER).queryParam("category", "revenue").get(results(stream)).then().statusCode(422)
                .contentType("application/problem+json").body("errors[0].pointer", equalTo("category"))
                .body("detail", containsString("'revenue'"));
    }

    @Test
    void theListIsCursorPaginatedByDateThenId() {
        String tenant = newTenant();
        String stream = stream(tenant);
        for (String date : List.of("2026-01-03", "2026-01-01", "2026-01-02", "2026-01-02", "2026-01-04")) {
            add(tenant, stream, "quality", date, 1);
        }
        String cursor = as(tenant, Roles.READER).get(results(stream) + "?limit=3").then().statusCode(200)
                .body("items.date", equalTo(List.of("2026-01-01", "2026-01-02", "2026-01-02")))
                .body("nextCursor", notNullValue()).extract().path("nextCursor");
        as(tenant, Roles.READER).queryParam("limit", 3).queryParam("cursor", cursor).get(results(stream)).then()
                .statusCode(200).body("items.date", equalTo(List.of("2026-01-03", "2026-01-04")))
                .body("nextCursor", nullValue());
        for (String[] bad : List.of(new String[] { "limit", "0" }, new String[] { "limit", "x" },
                new String[] { "cursor", "%%%" }, new String[] { "from", "2026-13-01" }, new String[] { "to", "yesterday" },
                new String[] { "cursor", new Cursor(Instant.parse("+10000-01-01T00:00:00Z"), "x").encode() },
                new String[] { "cursor", new Cursor(Instant.parse("+10000-01-01T00:00:00Z"),
                        UUID.randomUUID().toString()).encode() })) {
            as(tenant, Roles.READER).queryParam(bad[0], bad[1]).get(results(stream)).then().statusCode(400)
                    .body("errors[0].pointer", equalTo(bad[0]));
        }
        as(tenant, Roles.READER).queryParam("from", "2026-02-01").queryParam("to", "2026-02-01").get(results(stream))
                .then().statusCode(400).body("errors[0].pointer", equalTo("from"));
    }

    @Test
    void aBadPointIsRefusedNamingEachFieldAndStoresNothing() throws SQLException {
        String tenant = newTenant();
        String stream = stream(tenant);
        post(tenant, stream, "{\"category\":\"value\",\"date\":\"2026-01-31\",\"value\":\"12\"}").statusCode(400)
                .body("errors[0].pointer", equalTo("/value"));
        post(tenant, stream, "{\"category\":\"value\",\"date\":\"2026-01-31\",\"value\":1e400}").statusCode(400)
                .body("errors[0].pointer", equalTo("/value")).body("errors[0].detail", containsString("finite"));
        post(tenant, stream, "{\"category\":\"value\",\"date\":\"2026-01-31\",\"value\":NaN}").statusCode(400);
        post(tenant, stream, "{\"category\":\"value\",\"date\":\"31/01/2026\",\"value\":1,\"note\":\"a\\nb\"}")
                .statusCode(400).body("errors.pointer", equalTo(List.of("/date", "/note")));
        post(tenant, stream, "{\"category\":\"value\",\"date\":\"1969-12-31\",\"value\":1}").statusCode(400)
                .body("errors[0].pointer", equalTo("/date")).body("errors[0].detail", containsString("1970"));
        post(tenant, stream, "{\"category\":\"value\",\"date\":\"2026-01-31\",\"value\":1,\"note\":\"a\\u0000b\"}")
                .statusCode(400).body("errors[0].pointer", equalTo("/note"));
        post(tenant, stream, "{\"date\":\"2026-01-31\"}").statusCode(400)
                .body("errors.pointer", equalTo(List.of("/category", "/value")));
        post(tenant, stream, "{\"category\":\"value\",\"date\":\"2026-01-31\",\"value\":1,\"value\":2}").statusCode(400)
                .body("errors[0].pointer", equalTo("/value"));
        post(tenant, stream, "{\"category\":\"value\",\"date\":\"2026-01-31\",\"value\":1,\"unit\":\"EUR\"}")
                .statusCode(400).body("errors[0].pointer", equalTo("/unit"));
        post(tenant, stream, "{\"category\":\"revenue\",\"date\":\"2026-01-31\",\"value\":1}").statusCode(422)
                .body("errors[0].pointer", equalTo("/category")).body("errors[0].detail", containsString("'revenue'"));
        post(tenant, stream, "{\"category\":\"customer-centricity\",\"date\":\"2026-01-31\",\"value\":70}")
                .statusCode(422).body("errors[0].detail", containsString("assessments"));
        as(tenant, Roles.MEMBER).body("{\"category\":\"value\",\"date\":\"2026-01-31\",\"value\":1}")
                .post(results(stream)).then().statusCode(415);
        assertEquals(0, Results.points(dataSource, tenant));
    }

    @Test
    void deletingTheValueStreamDeletesItsPointsOnly() throws SQLException {
        String tenant = newTenant();
        String gone = stream(tenant);
        String stays = stream(tenant);
        add(tenant, gone, "value", "2026-01-31", 1);
        add(tenant, gone, "cost", "2026-01-31", 2);
        add(tenant, stays, "value", "2026-01-31", 3);
        as(tenant, Roles.MEMBER).delete("/api/v1/value-streams/" + gone).then().statusCode(204);
        assertEquals(0, Results.rows(dataSource, "select count(*) from business_result where value_stream_id = ?::uuid", gone));
        assertEquals(1, Results.points(dataSource, tenant));
        as(tenant, Roles.READER).get(results(gone)).then().statusCode(404);
        as(tenant, Roles.READER).get(results(stays)).then().statusCode(200).body("items.value", equalTo(List.of(3.0f)))
                .body("items.category", not(hasSize(0)));
    }
}
