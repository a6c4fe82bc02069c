package io.flowlens.metrics.preparation;

import static io.flowlens.metrics.Fixtures.as;
import static io.flowlens.metrics.Fixtures.awaitDayCounts;
import static io.flowlens.metrics.Fixtures.newTenant;
import static io.flowlens.metrics.Fixtures.post;
import static io.flowlens.metrics.Fixtures.scope;
import static io.flowlens.metrics.Fixtures.upsert;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.flowlens.common.identity.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Creating a stream in a zone no other stream uses, changing its zone, or narrowing it by labels
 * answers at once with dayCounts "preparing"; a job back-fills the counts; meanwhile the figures
 * come from the timelines, and they are the same before, during and after (no item counted twice
 * or missed by a batch applied while the job was pending).
 */
@QuarkusTest
class DayCountPreparationTest {

    static ValidatableResponse get(String tenant, String path) {
        return as(tenant, Roles.READER).when().get(path).then();
    }

    static Map<String, Object> active(String t, String id, String at, List<String> labels) {
        return upsert(t, id, 1, "c1", "shop", "feature", labels, "2025-06-01T00:00:00Z", at, "active");
    }

    @Test
    void aStreamInANewZoneAnswersAtOnceAndIsCorrectWhileItsCountsArePrepared() {
        String t = newTenant();
        // 16:00Z on 06-02 is 01:00 on 06-03 in Tokyo.
        post(active(t, "k", "2025-06-02T16:00:00Z", List.of()), active(t, "m", "2025-06-01T10:00:00Z", List.of()));
        String id = as(t, Roles.MEMBER).contentType(ContentType.JSON)
                .body(Map.of("name", "Tokyo", "timeZone", "Asia/Tokyo", "scopes", List.of(scope("c1", "shop"))))
                .when().post("/api/v1/value-streams").then().statusCode(201)
                .body("dayCounts", equalTo("preparing")).extract().path("id");
        // A batch right behind the request: applied before or after the back-fill, counted once.
        post(active(t, "n", "2025-06-02T23:00:00Z", List.of()));
        String cfd = "/api/v1/value-streams/" + id + "/cfd?from=2025-06-01&to=2025-06-04";
        List<Integer> expected = List.of(1, 1, 3);
        get(t, cfd).statusCode(200).body("days.active", equalTo(expected));
        get(t, "/api/v1/value-streams/" + id + "/flow?from=2025-06-01&to=2025-06-03T03:00:00Z") // 12:00 in Tokyo.statusCode(200)
                .body("total.load.atEnd", equalTo(3));
        awaitDayCounts(t, id);
        get(t, cfd).statusCode(200).body("days.active", equalTo(expected));
        get(t, "/api/v1/portfolio/cfd?from=2025-06-01&to=2025-06-04&zone=Asia/Tokyo").statusCode(200)
                .body("days.active", equalTo(expected));

        // A zone change is prepared the same way; the zone of the new stream was not kept before.
        as(t, Roles.MEMBER).contentType(ContentType.JSON)
                .body(Map.of("name", "Tokyo", "timeZone", "America/Los_Angeles", "scopes", List.of(scope("c1", "shop"))))
                .when().put("/api/v1/value-streams/" + id).then().statusCode(200)
                .body("dayCounts", equalTo("preparing"));
        awaitDayCounts(t, id);
        get(t, cfd).statusCode(200).body("window.timeZone", equalTo("America/Los_Angeles"))
                .body("days.active", equalTo(List.of(1, 3, 3)));
    }

    @Test
    void aLabelNarrowedStreamGetsCountsOfItsOwnAgainWhenItsLabelsChange() {
        String t = newTenant();
        post(active(t, "x1", "2025-06-02T10:00:00Z", List.of("x")), active(t, "y1", "2025-06-02T11:00:00Z", List.of("y")),
                active(t, "xy", "2025-06-03T10:00:00Z", List.of("x", "y")));
        String id = as(t, Roles.MEMBER).contentType(ContentType.JSON)
                .body(Map.of("name", "X", "timeZone", "UTC", "scopes",
                        List.of(Map.of("connectionId", "c1", "project", "shop", "labels", List.of("x")))))
                .when().post("/api/v1/value-streams").then().statusCode(201)
                .body("dayCounts", equalTo("preparing")).extract().path("id");
        String cfd = "/api/v1/value-streams/" + id + "/cfd?from=2025-06-01&to=2025-06-04";
        get(t, cfd).statusCode(200).body("days.active", equalTo(List.of(0, 1, 2)));
        awaitDayCounts(t, id);
        get(t, cfd).statusCode(200).body("days.active", equalTo(List.of(0, 1, 2)));
        post(active(t, "x2", "2025-06-01T10:00:00Z", List.of("x")));
        get(t, cfd).statusCode(200).body("days.active", equalTo(List.of(1, 2, 3)));

        as(t, Roles.MEMBER).contentType(ContentType.JSON)
                .body(Map.of("name", "X or Y", "timeZone", "UTC", "scopes",
                        List.of(Map.of("connectionId", "c1", "project", "shop", "labels", List.of("x", "y")))))
                .when().put("/api/v1/value-streams/" + id).then().statusCode(200).body("dayCounts", equalTo("preparing"));
        awaitDayCounts(t, id);
        get(t, cfd).statusCode(200).body("days.active", equalTo(List.of(1, 3, 4))); // xy once, not twice
    }

    @Test
    void aStreamCreatedDuringALongBackFillIsPreparedWithoutWaitingForIt() {
        String t = newTenant();
        // 2,520 items: the zone's back-fill takes 360 chunks of 7 items here (the test setting), far
        // longer than the label stream's one step, however fast the machine.
        for (int batch = 0; batch < 21; batch++) {
            List<Map<String, Object>> items = new java.util.ArrayList<>();
            for (int k = 0; k < 120; k++) {
                int n = batch * 120 + k;
                items.add(active(t, "i" + n, "2025-06-02T10:00:00Z", n % 10 == 0 ? List.of("x") : List.of()));
            }
            post(items.toArray(Map[]::new));
        }
        String zone = as(t, Roles.MEMBER).contentType(ContentType.JSON)
                .body(Map.of("name", "Kolkata", "timeZone", "Asia/Kolkata", "scopes", List.of(scope("c1", "shop"))))
                .when().post("/api/v1/value-streams").then().statusCode(201)
                .body("dayCounts", equalTo("preparing")).extract().path("id");
        String labels = as(t, Roles.MEMBER).contentType(ContentType.JSON)
                .body(Map.of("name", "X", "timeZone", "UTC", "scopes",
                        List.of(Map.of("connectionId", "c1", "project", "shop", "labels", List.of("x")))))
                .when().post("/api/v1/value-streams").then().statusCode(201)
                .body("dayCounts", equalTo("preparing")).extract().path("id");
        // Polled closely: the zone is looked at the moment the label stream is seen ready.
        long deadline = System.currentTimeMillis() + 60_000;
        while (!"ready".equals(get(t, "/api/v1/value-streams/" + labels).statusCode(200).extract().path("dayCounts"))) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the label stream's day counts were not ready after 60 s");
            }
            Thread.onSpinWait();
        }
        // Ready while the zone is still being back-filled: it waited for a chunk, not the zone.
        get(t, "/api/v1/value-streams/" + zone).statusCode(200).body("dayCounts", equalTo("preparing"));
        get(t, "/api/v1/value-streams/" + labels + "/cfd?from=2025-06-01&to=2025-06-03").statusCode(200)
                .body("days.active", equalTo(List.of(0, 252)));
        awaitDayCounts(t, zone);
        get(t, "/api/v1/value-streams/" + zone + "/cfd?from=2025-06-01&to=2025-06-03").statusCode(200)
                .body("days.active", equalTo(List.of(0, 2520)));
    }
}
