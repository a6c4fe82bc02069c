package io.flowlens.metrics.bottleneck;

import static io.flowlens.metrics.Fixtures.as;
import static io.flowlens.metrics.Fixtures.newTenant;
import static io.flowlens.metrics.Fixtures.post;
import static io.flowlens.metrics.Fixtures.scope;
import static io.flowlens.metrics.Fixtures.upsert;
import static io.flowlens.metrics.Fixtures.valueStream;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.flowlens.common.identity.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Where the time goes, over HTTP against the real database: a week of hand-computed items in
 * c1/shop (waiting periods, a reopen through unmapped statuses, an item done without start, items
 * in progress with and without statuses) plus items the stream does not cover.
 */
@QuarkusTest
class TimeInStatusResourceTest {

    static final String WEEK = "from=2025-06-01&to=2025-06-08";

    /** An upsert whose transitions are (instant, state, status) triples; a null status is left out. */
    static Map<String, Object> item(String tenant, String id, String project, String type, String created,
            String... triples) {
        List<Map<String, Object>> ts = new ArrayList<>();
        for (int k = 0; k < triples.length; k += 3) {
            Map<String, Object> t = new HashMap<>(Map.of("at", triples[k], "state", triples[k + 1]));
            if (triples[k + 2] != null) {
                t.put("status", triples[k + 2]);
            }
            ts.add(t);
        }
        Map<String, Object> event = new HashMap<>(upsert(tenant, id, 1, "c1", project, type, List.of(), created));
        @SuppressWarnings("unchecked")
        Map<String, Object> it = new HashMap<>((Map<String, Object>) event.get("item"));
        it.put("transitions", ts);
        event.put("item", it);
        return event;
    }

    static String week() {
        String t = newTenant();
        Map<String, Object> subtask = item(t, "s", "shop", "feature", "2025-06-01T00:00:00Z",
                "2025-06-02T00:00:00Z", "waiting", "Parked", "2025-06-03T00:00:00Z", "done", "Done");
        @SuppressWarnings("unchecked")
        Map<String, Object> sub = new HashMap<>((Map<String, Object>) subtask.get("item"));
        sub.put("hierarchy", "subtask");
        subtask.put("item", sub);
        post(item(t, "a", "shop", "feature", "2025-06-01T00:00:00Z",
                "2025-06-02T00:00:00Z", "active", "In Progress", "2025-06-03T00:00:00Z", "waiting", "In Review",
                "2025-06-04T12:00:00Z", "active", "In Progress", "2025-06-05T00:00:00Z", "done", "Done"),
                item(t, "b", "shop", "defect", "2025-05-30T00:00:00Z",
                        "2025-06-02T00:00:00Z", "active", "In Progress", "2025-06-03T00:00:00Z", "waiting", "Blocked",
                        "2025-06-06T00:00:00Z", "active", "In Progress", "2025-06-07T00:00:00Z", "done", "Done"),
                item(t, "c", "shop", "defect", "2025-06-01T00:00:00Z", "2025-06-03T00:00:00Z", "done", "Done"),
                // Reopened through statuses no mapping covered (new before, waiting after work started).
                item(t, "d", "shop", "feature", "2025-05-31T00:00:00Z",
                        "2025-06-01T00:00:00Z", "active", "In Progress", "2025-06-02T00:00:00Z", "done", "Done",
                        "2025-06-03T00:00:00Z", "new", "Reopened", "2025-06-04T00:00:00Z", "active", "In Progress",
                        "2025-06-05T00:00:00Z", "waiting", "Waiting for Legal", "2025-06-06T00:00:00Z", "done", "Done"),
                // From an older producer: no statuses.
                item(t, "e", "shop", "feature", "2025-06-01T00:00:00Z",
                        "2025-06-02T00:00:00Z", "active", null, "2025-06-04T00:00:00Z", "waiting", null),
                item(t, "f", "shop", "risk", "2025-06-01T00:00:00Z", "2025-06-05T12:00:00Z", "active", "In Progress"),
                item(t, "g", "web", "defect", "2025-06-01T00:00:00Z",
                        "2025-06-02T00:00:00Z", "active", "Doing", "2025-06-03T00:00:00Z", "done", "Done"),
                subtask);
        return t;
    }

    static ValidatableResponse get(String tenant, String path) {
        return as(tenant, Roles.READER).when().get(path).then();
    }

    @Test
    void itemsCompletedInTheWindowShowTheirTimePerStatusWithTheWaitingStatusesRanked() {
        String t = week();
        String vs = valueStream(t, "Shop", "UTC", List.of(scope("c1", "shop")));
        get(t, "/api/v1/value-streams/" + vs + "/time-in-status?" + WEEK).statusCode(200)
                .contentType("application/json")
                .body("valueStreamId", equalTo(vs))
                .body("definitions", equalTo("flowlens-flow-2"))
                .body("timeZone", equalTo("UTC"))
                .body("from", equalTo("2025-06-01T00:00:00Z"))
                .body("to", equalTo("2025-06-08T00:00:00Z"))
                // a, b and d (c was never started: left out; the sub-task counts in its parent only)
                .body("completed.items", equalTo(3))
                .body("completed.itemsLeftOut", equalTo(1))
                .body("completed.itemsWithoutStatuses", equalTo(0))
                .body("completed.flowTimeDays", equalTo(13.0f))
                .body("completed.statuses.status", contains("In Progress", "Blocked", "In Review", "Done", "Reopened",
                        "Waiting for Legal"))
                .body("completed.statuses.flowState", contains("active", "waiting", "waiting", "done", "new",
                        "waiting"))
                .body("completed.statuses.totalDays", contains(5.5f, 3.0f, 1.5f, 1.0f, 1.0f, 1.0f))
                .body("completed.statuses.items", contains(3, 1, 1, 1, 1, 1))
                .body("completed.statuses[0].meanDays", equalTo(1.8333f))
                .body("completed.statuses.sharePercent", contains(42.31f, 23.08f, 11.54f, 7.69f, 7.69f, 7.69f))
                .body("completed.waitingRanked.status", contains("Blocked", "In Review", "Waiting for Legal"))
                .body("completed.waitingRanked.rank", contains(1, 2, 3))
                .body("completed.byType.flowType", contains("feature", "defect", "risk", "debt"))
                .body("completed.byType[0].items", equalTo(2))
                .body("completed.byType[0].flowTimeDays", equalTo(8.0f))
                .body("completed.byType[0].waitingRanked.status", contains("In Review", "Waiting for Legal"))
                .body("completed.byType[1].items", equalTo(1))
                .body("completed.byType[1].itemsLeftOut", equalTo(1))
                .body("completed.byType[1].statuses.status", contains("Blocked", "In Progress"))
                .body("completed.byType[1].statuses.sharePercent", contains(60.0f, 40.0f))
                .body("completed.byType[2].items", equalTo(0))
                .body("completed.byType[2].statuses.size()", equalTo(0));
    }

    @Test
    void theLoadAtToCountsUpToToAndItemsWithoutStatusesShowTheirFlowStates() {
        String t = week();
        String vs = valueStream(t, "Shop", "UTC", List.of(scope("c1", "shop")));
        get(t, "/api/v1/value-streams/" + vs + "/time-in-status?" + WEEK).statusCode(200)
                .body("load.items", equalTo(2))
                .body("load.itemsLeftOut", equalTo(0))
                .body("load.itemsWithoutStatuses", equalTo(1))
                .body("load.flowTimeDays", equalTo(8.5f))
                .body("load.statuses.flowState", contains("waiting", "active", "active"))
                .body("load.statuses.totalDays", contains(4.0f, 2.5f, 2.0f))
                .body("load.statuses[0]", not(hasKey("status")))
                .body("load.statuses[1].status", equalTo("In Progress"))
                .body("load.statuses[2]", not(hasKey("status")))
                .body("load.waitingRanked.size()", equalTo(1))
                .body("load.byType[2].statuses[0].totalDays", equalTo(2.5f));
        // A `to` inside the week: a and b were still in progress, a in review.
        get(t, "/api/v1/value-streams/" + vs + "/time-in-status?from=2025-06-01&to=2025-06-04T00:00:00Z")
                .statusCode(200)
                .body("load.items", equalTo(3)) // a, b, e (d was back in new: not in the load)
                .body("load.waitingRanked.status", contains("Blocked", "In Review")) // a tie: by name
                .body("load.waitingRanked.totalDays", contains(1.0f, 1.0f));
    }

    @Test
    void thePortfolioCoversEveryProjectAndSubtasksCountWhereAStreamAsks() {
        String t = week();
        get(t, "/api/v1/portfolio/time-in-status?" + WEEK).statusCode(200)
                .body("$", not(hasKey("valueStreamId")))
                .body("completed.items", equalTo(4))
                .body("completed.statuses.status", contains("In Progress", "Blocked", "In Review", "Doing", "Done",
                        "Reopened", "Waiting for Legal"));
        String withSubtasks = as(t, Roles.MEMBER).contentType("application/json")
                .body(Map.of("name", "Shop, sub-tasks too", "timeZone", "Europe/Berlin", "countSubtasks", true,
                        "scopes", List.of(scope("c1", "shop"))))
                .post("/api/v1/value-streams").then().statusCode(201).extract().path("id");
        get(t, "/api/v1/value-streams/" + withSubtasks + "/time-in-status?from=2025-05-31T22:00:00Z&to=2025-06-07T22:00:00Z")
                .statusCode(200)
                .body("timeZone", equalTo("Europe/Berlin"))
                .body("completed.items", equalTo(4))
                .body("completed.waitingRanked.status", contains("Blocked", "In Review", "Parked",
                        "Waiting for Legal"));
        // Dates are read in the stream's zone: the same window as the instants above.
        get(t, "/api/v1/value-streams/" + withSubtasks + "/time-in-status?" + WEEK).statusCode(200)
                .body("from", equalTo("2025-05-31T22:00:00Z")).body("completed.items", equalTo(4));
    }

    @Test
    void tenantsAreWalls() {
        String a = week();
        String vs = valueStream(a, "Shop", "UTC", List.of(scope("c1", "shop")));
        String b = newTenant();
        get(b, "/api/v1/value-streams/" + vs + "/time-in-status?" + WEEK).statusCode(404)
                .contentType("application/problem+json");
        get(b, "/api/v1/value-streams/" + UUID.randomUUID() + "/time-in-status").statusCode(404);
        get(b, "/api/v1/portfolio/time-in-status?" + WEEK).statusCode(200)
                .body("completed.items", equalTo(0)).body("load.items", equalTo(0))
                .body("completed.statuses.size()", equalTo(0));
    }

    @Test
    void badParametersAre400ProblemsNamingTheParameter() {
        String t = newTenant();
        String vs = valueStream(t, "Shop", "UTC", List.of(scope("c1", "shop")));
        String base = "/api/v1/value-streams/" + vs + "/time-in-status";
        Map<String, String> cases = Map.of(
                base + "?from=2025-06-08&to=2025-06-01", "from",
                base + "?from=2019-01-01&to=2025-01-02", "to",
                base + "?from=last-week", "from",
                base + "?to=2025-13-01", "to",
                "/api/v1/portfolio/time-in-status?zone=Mars/Olympus", "zone",
                "/api/v1/portfolio/time-in-status?zone=Asia/Tokyo", "zone");
        cases.forEach((path, parameter) -> get(t, path).statusCode(400).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo(parameter)));
    }

    @Test
    void aReaderMayReadAndNobodyWithoutAnIdentity() {
        String t = newTenant();
        given().get("/api/v1/portfolio/time-in-status").then().statusCode(401).contentType("application/problem+json");
        get(t, "/api/v1/portfolio/time-in-status").statusCode(200);
        as(t, Roles.ADMIN).get("/api/v1/portfolio/time-in-status").then().statusCode(200);
    }
}
