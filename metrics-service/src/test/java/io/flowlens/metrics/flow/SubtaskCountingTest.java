package io.flowlens.metrics.flow;

import static io.flowlens.metrics.Fixtures.as;
import static io.flowlens.metrics.Fixtures.newTenant;
import static io.flowlens.metrics.Fixtures.post;
import static io.flowlens.metrics.Fixtures.scope;
import static io.flowlens.metrics.Fixtures.upsert;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.flowlens.common.identity.Roles;
import io.flowlens.metrics.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * Sub-tasks are pieces of their parent: by default a value stream counts the parent and leaves
 * its sub-tasks out of every figure (velocity, distribution, flow time, efficiency, load, CFD,
 * aging); with {@code countSubtasks: true} they count like any item. The figures from the day
 * counts (project-scoped streams, the portfolio) and from the timelines (streams narrowed by
 * labels) must agree either way.
 */
@QuarkusTest
class SubtaskCountingTest {

    static final String WEEK = "from=2025-06-01&to=2025-06-08";

    /** An upsert of c1/shop labelled "team", with the optional hierarchy fields when not null. */
    static Map<String, Object> item(String tenant, String id, long rev, String type, String parent, String hierarchy,
            String... transitions) {
        Map<String, Object> e = new HashMap<>(upsert(tenant, id, rev, "c1", "shop", type, List.of("team"),
                "2025-06-01T00:00:00Z", transitions));
        @SuppressWarnings("unchecked")
        Map<String, Object> item = new HashMap<>((Map<String, Object>) e.get("item"));
        if (parent != null) {
            item.put("parentItemId", parent);
        }
        if (hierarchy != null) {
            item.put("hierarchy", hierarchy);
        }
        e.put("item", item);
        return e;
    }

    /**
     * A story done on 06-06 and its sub-tasks: two done (06-04, 06-05), one still active since
     * 06-04. Returns the tenant.
     */
    static String storyWithSubtasks() {
        String t = newTenant();
        post(item(t, "story", 1, "feature", null, "standard",
                        "2025-06-02T00:00:00Z", "active", "2025-06-06T00:00:00Z", "done"),
                item(t, "sub-1", 1, "feature", "story", "subtask",
                        "2025-06-02T00:00:00Z", "active", "2025-06-04T00:00:00Z", "done"),
                item(t, "sub-2", 1, "defect", "story", "subtask",
                        "2025-06-03T00:00:00Z", "active", "2025-06-05T00:00:00Z", "done"),
                item(t, "sub-3", 1, "feature", "story", "subtask", "2025-06-04T00:00:00Z", "active"));
        return t;
    }

    static String stream(String tenant, List<Map<String, Object>> scopes, Boolean countSubtasks) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "Shop", "timeZone", "UTC", "scopes", scopes));
        if (countSubtasks != null) {
            body.put("countSubtasks", countSubtasks);
        }
        return as(tenant, Roles.MEMBER).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/value-streams").then().statusCode(201)
                .body("countSubtasks", equalTo(Boolean.TRUE.equals(countSubtasks))).extract().path("id");
    }

    static ValidatableResponse get(String tenant, String path) {
        return as(tenant, Roles.READER).when().get(path).then().statusCode(200);
    }

    @Test
    void byDefaultAStoryWithTwoDoneSubtasksIsOneDelivery() {
        String t = storyWithSubtasks();
        String vs = stream(t, List.of(scope("c1", "shop")), null);
        get(t, "/api/v1/value-streams/" + vs + "/flow?" + WEEK)
                .body("subject.countSubtasks", equalTo(false))
                .body("total.velocity", equalTo(1))
                .body("total.flowTime.count", equalTo(1)).body("total.flowTime.meanDays", equalTo(4.0f))
                .body("total.efficiencyPercent", equalTo(100.0f))
                .body("distribution.completedPercent.feature", equalTo(100.0f))
                .body("distribution.completedPercent.defect", equalTo(0.0f))
                .body("total.load.max", equalTo(1)).body("total.load.atEnd", equalTo(0));
        get(t, "/api/v1/value-streams/" + vs + "/cfd?" + WEEK)
                .body("days[3].active", equalTo(1)).body("days[6].active", equalTo(0))
                .body("days[6].done", equalTo(1));
        get(t, "/api/v1/value-streams/" + vs + "/flow/items?" + WEEK).body("items.itemId", equalTo(List.of("story")));
        get(t, "/api/v1/value-streams/" + vs + "/aging").body("inProgress", equalTo(0));
        get(t, "/api/v1/portfolio/flow?" + WEEK).body("subject.countSubtasks", equalTo(false))
                .body("total.velocity", equalTo(1)).body("total.load.atEnd", equalTo(0));
    }

    @Test
    void aStreamThatCountsSubtasksCountsEachOfThem() {
        String t = storyWithSubtasks();
        String vs = stream(t, List.of(scope("c1", "shop")), true);
        get(t, "/api/v1/value-streams/" + vs + "/flow?" + WEEK)
                .body("subject.countSubtasks", equalTo(true))
                .body("total.velocity", equalTo(3))
                .body("total.flowTime.count", equalTo(3))
                .body("distribution.completedPercent.feature", equalTo(66.67f))
                .body("distribution.completedPercent.defect", equalTo(33.33f))
                .body("total.load.max", equalTo(3)).body("total.load.atEnd", equalTo(1));
        get(t, "/api/v1/value-streams/" + vs + "/cfd?" + WEEK)
                .body("days[6].active", equalTo(1)).body("days[6].done", equalTo(3));
        get(t, "/api/v1/value-streams/" + vs + "/aging").body("inProgress", equalTo(1))
                .body("items[0].itemId", equalTo("sub-3"));
    }

    @Test
    void theOptionIsKeptReplacedAndAStringIsRefused() {
        String t = newTenant();
        String vs = stream(t, List.of(scope("c1", "shop")), true);
        get(t, "/api/v1/value-streams/" + vs).body("countSubtasks", equalTo(true));
        // A replace states the whole stream: without the option, sub-tasks are left out again.
        as(t, Roles.MEMBER).contentType(ContentType.JSON)
                .body(Map.of("name", "Shop", "timeZone", "UTC", "scopes", List.of(scope("c1", "shop"))))
                .when().put("/api/v1/value-streams/" + vs).then().statusCode(200).body("countSubtasks", equalTo(false));
        as(t, Roles.MEMBER).contentType(ContentType.JSON)
                .body(Map.of("name", "Shop", "timeZone", "UTC", "scopes", List.of(scope("c1", "shop")),
                        "countSubtasks", List.of("yes")))
                .when().post("/api/v1/value-streams").then().statusCode(400)
                .contentType("application/problem+json");
        get(t, "/api/v1/value-streams?limit=10").body("items", org.hamcrest.Matchers.hasSize(1));
    }

    @Test
    void anEventWithoutHierarchyCountsLikeAStandardItem() {
        String t = newTenant();
        // The shape of an older producer's event: neither parentItemId nor hierarchy.
        post(upsert(t, "old", 1, "c1", "shop", "feature", List.of(), "2025-06-01T00:00:00Z",
                "2025-06-02T00:00:00Z", "active", "2025-06-03T00:00:00Z", "done"));
        String vs = stream(t, List.of(scope("c1", "shop")), null);
        get(t, "/api/v1/value-streams/" + vs + "/flow?" + WEEK).body("total.velocity", equalTo(1))
                .body("total.load.max", equalTo(1));
    }

    @Test
    void dayCountsAndTimelinesAgreeWithSubtasksPresent() {
        String t = storyWithSubtasks();
        assertSameFromDayCountsAndTimelines(t);
        // A sub-task turned into a standard item (Jira's "convert to issue") moves into every count,
        // past days included; a deleted sub-task leaves them.
        post(item(t, "sub-2", 2, "defect", null, "standard",
                "2025-06-03T00:00:00Z", "active", "2025-06-05T00:00:00Z", "done"));
        post(Fixtures.deletion(t, "sub-1", 2, "c1"));
        String plain = stream(t, List.of(scope("c1", "shop")), null);
        get(t, "/api/v1/value-streams/" + plain + "/flow?" + WEEK).body("total.velocity", equalTo(2))
                .body("distribution.completedPercent.defect", equalTo(50.0f));
        assertSameFromDayCountsAndTimelines(t);
        // An item becoming a sub-task leaves the default counts again.
        post(item(t, "story", 2, "feature", "epic-1", "subtask",
                "2025-06-02T00:00:00Z", "active", "2025-06-06T00:00:00Z", "done"));
        get(t, "/api/v1/value-streams/" + plain + "/flow?" + WEEK).body("total.velocity", equalTo(1));
        assertSameFromDayCountsAndTimelines(t);
    }

    /**
     * For both settings of the option: a project-scoped stream (day counts), the same scope
     * narrowed by a label every item carries (timelines) and, without sub-tasks, the portfolio
     * (its roll-up rows) give the same figures and the same cumulative flow.
     */
    private static void assertSameFromDayCountsAndTimelines(String t) {
        for (Boolean count : new Boolean[] {null, true}) {
            String fromDays = stream(t, List.of(scope("c1", "shop")), count);
            String fromTimelines = stream(t,
                    List.of(Map.of("connectionId", "c1", "project", "shop", "labels", List.of("team"))), count);
            for (String path : List.of("/flow?bucket=day&" + WEEK, "/cfd?" + WEEK)) {
                JsonPath days = get(t, "/api/v1/value-streams/" + fromDays + path).extract().jsonPath();
                JsonPath timelines = get(t, "/api/v1/value-streams/" + fromTimelines + path).extract().jsonPath();
                for (String part : List.of("total", "byType", "distribution", "series", "days")) {
                    assertEquals((Object) days.get(part), timelines.get(part), part + " of " + path + ", countSubtasks " + count);
                }
                if (count == null) {
                    JsonPath portfolio = get(t, "/api/v1/portfolio" + path).extract().jsonPath();
                    for (String part : List.of("total", "byType", "distribution", "series", "days")) {
                        assertEquals((Object) days.get(part), portfolio.get(part), part + " of the portfolio's " + path);
                    }
                }
            }
        }
    }
}
