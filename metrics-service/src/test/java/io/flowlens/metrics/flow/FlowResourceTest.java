package io.flowlens.metrics.flow;

import static io.flowlens.metrics.Fixtures.as;
import static io.flowlens.metrics.Fixtures.newTenant;
import static io.flowlens.metrics.Fixtures.post;
import static io.flowlens.metrics.Fixtures.scope;
import static io.flowlens.metrics.Fixtures.upsert;
import static io.flowlens.metrics.Fixtures.valueStream;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.flowlens.common.identity.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Flow metrics, items, aging and cumulative flow over HTTP against the real database, on the
 * hand-computed week of FlowFiguresTest (A..G in c1/shop) plus H in c1/web. Every figure
 * below is the one computed by hand there, so the stored facts and day deltas are checked
 * against the definitions, not against themselves.
 */
@QuarkusTest
class FlowResourceTest {

    static final String WEEK = "from=2025-06-01&to=2025-06-08";

    static Map<String, Object> item(String tenant, String id, long rev, String project, String type, List<String> labels,
            String created, String... transitions) {
        return upsert(tenant, id, rev, "c1", project, type, labels, created, transitions);
    }

    static Map<String, Object> itemA(String tenant, long rev, String type) {
        return item(tenant, "a", rev, "shop", type, List.of("checkout"), "2025-06-01T00:00:00Z",
                "2025-06-02T00:00:00Z", "active", "2025-06-04T00:00:00Z", "waiting", "2025-06-05T00:00:00Z", "active",
                "2025-06-06T00:00:00Z", "done");
    }

    /** Posts the week; returns the tenant. */
    static String week() {
        String t = newTenant();
        post(itemA(t, 1, "feature"),
                item(t, "b", 1, "shop", "defect", List.of("checkout", "bug"), "2025-05-30T00:00:00Z",
                        "2025-06-05T12:00:00Z", "active", "2025-06-07T12:00:00Z", "done"),
                item(t, "c", 1, "shop", "defect", List.of(), "2025-06-01T00:00:00Z",
                        "2025-06-01T00:00:00Z", "new", "2025-06-03T00:00:00Z", "done"),
                item(t, "d", 1, "shop", "feature", List.of(), "2025-06-01T00:00:00Z",
                        "2025-06-06T00:00:00Z", "active", "2025-06-08T00:00:00Z", "done"),
                item(t, "e", 1, "shop", "risk", List.of(), "2025-05-20T00:00:00Z",
                        "2025-05-25T00:00:00Z", "active", "2025-06-01T00:00:00Z", "done"));
        // Out of order on purpose: the timeline is the one the instants describe.
        post(item(t, "f", 1, "shop", "debt", List.of(), "2025-06-01T00:00:00Z",
                "2025-06-04T12:00:00Z", "canceled", "2025-06-03T00:00:00Z", "active"),
                item(t, "g", 1, "shop", "feature", List.of(), "2025-05-01T00:00:00Z", "2025-05-31T00:00:00Z", "active"),
                item(t, "h", 1, "web", "defect", List.of(), "2025-06-01T00:00:00Z",
                        "2025-06-02T00:00:00Z", "active", "2025-06-03T00:00:00Z", "done"));
        return t;
    }

    static ValidatableResponse get(String tenant, String path) {
        return as(tenant, Roles.READER).when().get(path).then();
    }

    @Test
    void aValueStreamCreatedAfterItsItemsReportsTheFiveMetrics() {
        String t = week();
        String vs = valueStream(t, "Shop", "UTC", List.of(scope("c1", "shop")));
        get(t, "/api/v1/value-streams/" + vs + "/flow?" + WEEK).statusCode(200)
                .body("definitions", equalTo("flowlens-flow-2"))
                .body("subject.kind", equalTo("value-stream")).body("subject.name", equalTo("Shop"))
                .body("window.from", equalTo("2025-06-01T00:00:00Z")).body("window.to", equalTo("2025-06-08T00:00:00Z"))
                .body("window.timeZone", equalTo("UTC")).body("window.sampledDays", equalTo(7))
                .body("total.velocity", equalTo(4))
                .body("total.leftOutNeverStarted", equalTo(1))
                .body("total.flowTime.count", equalTo(3))
                .body("total.flowTime.meanDays", equalTo(4.3333f))
                .body("total.flowTime.minDays", equalTo(2.0f))
                .body("total.flowTime.maxDays", equalTo(7.0f))
                .body("total.flowTime.p50Days", equalTo(4.0f))
                .body("total.flowTime.p85Days", equalTo(7.0f))
                .body("total.flowTime.p95Days", equalTo(7.0f))
                .body("total.efficiencyPercent", equalTo(92.31f))
                .body("total.load.mean", equalTo(2.29f)).body("total.load.max", equalTo(3))
                .body("total.load.atEnd", equalTo(2))
                .body("byType.feature.velocity", equalTo(1)).body("byType.defect.velocity", equalTo(2))
                .body("byType.risk.velocity", equalTo(1)).body("byType.debt.velocity", equalTo(0))
                .body("byType.debt.load.max", equalTo(1)).body("byType.debt.efficiencyPercent", nullValue())
                .body("distribution.completedPercent.feature", equalTo(25.0f))
                .body("distribution.completedPercent.defect", equalTo(50.0f))
                .body("distribution.loadPercent.feature", equalTo(100.0f))
                .body("series", nullValue());
    }

    @Test
    void thePortfolioCoversEveryProjectOfTheTenant() {
        String t = week();
        get(t, "/api/v1/portfolio/flow?" + WEEK).statusCode(200)
                .body("subject.kind", equalTo("portfolio"))
                .body("total.velocity", equalTo(5)).body("byType.defect.velocity", equalTo(3))
                .body("total.load.max", equalTo(3)).body("total.load.mean", equalTo(2.43f));
        get(newTenant(), "/api/v1/portfolio/flow?" + WEEK).statusCode(200).body("total.velocity", equalTo(0));
    }

    @Test
    void windowEdgesAreFromInclusiveToExclusive() {
        String t = week();
        get(t, "/api/v1/portfolio/flow?from=2025-06-01T00:00:00.001Z&to=2025-06-08").statusCode(200)
                .body("total.velocity", equalTo(4)).body("byType.risk.velocity", equalTo(0));
        get(t, "/api/v1/portfolio/flow?from=2025-06-01&to=2025-06-08T00:00:00.001Z").statusCode(200)
                .body("total.velocity", equalTo(6)).body("byType.feature.velocity", equalTo(2));
    }

    @Test
    void scopesNarrowedByLabelsOrTypesCountOnlyTheirItems() {
        String t = week();
        String labelled = valueStream(t, "Checkout", "UTC",
                List.of(Map.of("connectionId", "c1", "project", "shop", "labels", List.of("checkout"))));
        get(t, "/api/v1/value-streams/" + labelled + "/flow?" + WEEK).statusCode(200)
                .body("total.velocity", equalTo(2)).body("total.flowTime.p50Days", equalTo(2.0f))
                .body("total.flowTime.p85Days", equalTo(4.0f))
                .body("total.load.max", equalTo(2)).body("total.load.atEnd", equalTo(0))
                .body("total.load.mean", equalTo(0.86f));
        String defects = valueStream(t, "Defects", "UTC",
                List.of(Map.of("connectionId", "c1", "project", "shop", "flowTypes", List.of("defect")),
                        Map.of("connectionId", "c1", "project", "web", "flowTypes", List.of("defect"))));
        get(t, "/api/v1/value-streams/" + defects + "/flow?" + WEEK).statusCode(200)
                .body("total.velocity", equalTo(3)).body("total.leftOutNeverStarted", equalTo(1))
                .body("total.flowTime.count", equalTo(2)).body("byType.feature.velocity", equalTo(0));
        get(t, "/api/v1/value-streams/" + defects + "/cfd?" + WEEK).statusCode(200)
                .body("days[6].done", equalTo(3));
    }

    @Test
    void aReclassifiedItemCountsUnderItsNewTypeInPastWindows() {
        String t = week();
        post(itemA(t, 2, "defect"));
        get(t, "/api/v1/portfolio/flow?" + WEEK).statusCode(200)
                .body("byType.feature.velocity", equalTo(0)).body("byType.defect.velocity", equalTo(4))
                .body("byType.defect.load.max", equalTo(2)).body("total.velocity", equalTo(5));
    }

    @Test
    void cumulativeFlowCountsEachStateAtEachDaysEnd() {
        String t = week();
        String vs = valueStream(t, "Shop", "UTC", List.of(scope("c1", "shop")));
        get(t, "/api/v1/value-streams/" + vs + "/cfd?" + WEEK).statusCode(200)
                .body("definitions", equalTo("flowlens-flow-2")).body("days", hasSize(7))
                .body("days[2].day", equalTo("2025-06-03"))
                .body("days[2].new", equalTo(2)).body("days[2].active", equalTo(3)).body("days[2].waiting", equalTo(0))
                .body("days[2].done", equalTo(2)).body("days[2].canceled", equalTo(0))
                .body("days[3].waiting", equalTo(1)).body("days[3].canceled", equalTo(1))
                .body("days[6].new", equalTo(0)).body("days[6].active", equalTo(2)).body("days[6].done", equalTo(4));
    }

    @Test
    void seriesPerIsoWeekStartOnMonday() {
        String t = week();
        get(t, "/api/v1/portfolio/flow?" + WEEK + "&bucket=week").statusCode(200)
                .body("series.bucket", equalTo("week")).body("series.points", hasSize(2))
                .body("series.points[0].start", equalTo("2025-06-01T00:00:00Z"))
                .body("series.points[0].end", equalTo("2025-06-02T00:00:00Z"))
                .body("series.points[0].partial", equalTo(true)).body("series.points[0].label", equalTo("2025-W22"))
                .body("series.points[1].start", equalTo("2025-06-02T00:00:00Z"))
                .body("series.points[1].end", equalTo("2025-06-08T00:00:00Z"))
                .body("series.points[1].partial", equalTo(true)) // W23 ends on the 9th, clipped to to
                .body("series.points[1].load.atEnd", equalTo(2))
                .body("series.points[0].velocity", equalTo(1)).body("series.points[0].load.mean", equalTo(1.0f))
                .body("series.points[1].velocity", equalTo(4))
                .body("series.points[1].flowTime.p95Days", equalTo(4.0f));
        get(t, "/api/v1/portfolio/flow?" + WEEK + "&bucket=day").statusCode(200).body("series.points", hasSize(7));
    }

    @Test
    void completedItemsArePagedByCompletion() {
        String t = week();
        String vs = valueStream(t, "Shop", "UTC", List.of(scope("c1", "shop")));
        String cursor = get(t, "/api/v1/value-streams/" + vs + "/flow/items?" + WEEK + "&limit=2").statusCode(200)
                .body("items.itemId", equalTo(List.of("e", "c")))
                .body("items[0].flowTimeDays", equalTo(7.0f)).body("items[0].activeTimeDays", equalTo(7.0f))
                .body("items[0].flowType", equalTo("risk")).body("items[0].completedAt", equalTo("2025-06-01T00:00:00Z"))
                .body("items[1].flowTimeDays", nullValue()).body("items[1].workStartedAt", nullValue())
                .body("nextCursor", notNullValue()).extract().path("nextCursor");
        as(t, Roles.READER).queryParam("cursor", cursor).get("/api/v1/value-streams/" + vs + "/flow/items?" + WEEK
                + "&limit=2").then().statusCode(200)
                .body("items.itemId", equalTo(List.of("a", "b"))).body("items[0].activeTimeDays", equalTo(3.0f))
                .body("nextCursor", nullValue());
    }

    @Test
    void agingListsTheLoadNowWithEachItemsAge() {
        String t = week();
        String vs = valueStream(t, "Shop", "UTC", List.of(scope("c1", "shop")));
        get(t, "/api/v1/value-streams/" + vs + "/aging").statusCode(200)
                .body("inProgress", equalTo(1)).body("items", hasSize(1))
                .body("items[0].itemId", equalTo("g")).body("items[0].state", equalTo("active"))
                .body("items[0].workStartedAt", equalTo("2025-05-31T00:00:00Z"))
                .body("items[0].ageDays", greaterThan(300f))
                .body("recentFlowTime.count", equalTo(0)).body("items[0].beyondP85", equalTo(false));
        get(t, "/api/v1/portfolio/aging?limit=1").statusCode(200).body("inProgress", equalTo(1));
    }

    @Test
    void anItemOlderThanTheRecentP85FlowTimeStandsOut() {
        String t = newTenant();
        java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        java.time.LocalDate yesterday = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1);
        // Recent completions with flow times 1, 2 and 3 days: p50 2 days, p85 3 days.
        for (int d = 1; d <= 3; d++) {
            String done = yesterday + "T12:00:00Z";
            post(item(t, "done" + d, 1, "shop", "feature", List.of(), "2025-01-01T00:00:00Z",
                    java.time.Instant.parse(done).minus(java.time.Duration.ofDays(d)).toString(), "active", done, "done"));
        }
        post(item(t, "old", 1, "shop", "defect", List.of(), "2025-01-01T00:00:00Z",
                now.minus(java.time.Duration.ofDays(10)).toString(), "waiting"),
                item(t, "young", 1, "shop", "feature", List.of(), "2025-01-01T00:00:00Z",
                        now.minus(java.time.Duration.ofHours(1)).toString(), "active"));
        get(t, "/api/v1/portfolio/aging").statusCode(200)
                .body("inProgress", equalTo(2)).body("recentFlowTime.count", equalTo(3))
                .body("recentFlowTime.p50Days", equalTo(2.0f)).body("recentFlowTime.p85Days", equalTo(3.0f))
                .body("items.itemId", equalTo(List.of("old", "young")))
                .body("items[0].state", equalTo("waiting")).body("items[0].beyondP85", equalTo(true))
                .body("items[1].beyondP85", equalTo(false));
        String next = get(t, "/api/v1/portfolio/aging?limit=1").statusCode(200)
                .body("items.itemId", equalTo(List.of("old"))).extract().path("nextCursor");
        as(t, Roles.READER).queryParam("cursor", next).queryParam("limit", 1).get("/api/v1/portfolio/aging").then()
                .statusCode(200).body("items.itemId", equalTo(List.of("young"))).body("nextCursor", nullValue());
    }

    @Test
    void daysFollowTheValueStreamsZoneAcrossTheDstChange() {
        String t = newTenant();
        post(item(t, "y", 1, "shop", "feature", List.of(), "2025-03-01T00:00:00Z", "2025-03-29T23:30:00Z", "active"));
        String vs = valueStream(t, "Berlin", "Europe/Berlin", List.of(scope("c1", "shop")));
        post(item(t, "x", 1, "shop", "feature", List.of(), "2025-03-01T00:00:00Z", "2025-03-30T22:00:00Z", "active"));
        get(t, "/api/v1/value-streams/" + vs + "/cfd?from=2025-03-29&to=2025-04-01").statusCode(200)
                .body("window.from", equalTo("2025-03-28T23:00:00Z")).body("window.to", equalTo("2025-03-31T22:00:00Z"))
                .body("days.active", equalTo(List.of(0, 1, 2)))
                .body("days.new", equalTo(List.of(2, 1, 0)));
        get(t, "/api/v1/portfolio/cfd?from=2025-03-29&to=2025-04-01").statusCode(200)
                .body("days.active", equalTo(List.of(1, 2, 2)));
        get(t, "/api/v1/portfolio/cfd?from=2025-03-29&to=2025-04-01&zone=Europe/Berlin").statusCode(200)
                .body("window.timeZone", equalTo("Europe/Berlin")).body("days.active", equalTo(List.of(0, 1, 2)));
    }

    @Test
    void thePortfolioIsCountedInUtcOrTheZoneOfOneOfTheTenantsValueStreams() {
        String t = week();
        get(t, "/api/v1/portfolio/cfd?" + WEEK + "&zone=Asia/Tokyo").statusCode(400)
                .body("errors[0].pointer", equalTo("zone"));
        // K starts at 16:00Z on 06-02: still the 2nd in UTC, already 01:00 on the 3rd in Tokyo.
        post(item(t, "k", 1, "web", "debt", List.of(), "2025-06-01T00:00:00Z", "2025-06-02T16:00:00Z", "active"));
        valueStream(t, "Tokyo", "Asia/Tokyo", List.of(scope("c1", "web")));
        // Created after the items: the Tokyo day counts are derived from the stored timelines.
        get(t, "/api/v1/portfolio/cfd?from=2025-06-01&to=2025-06-04&zone=Asia/Tokyo").statusCode(200)
                .body("window.timeZone", equalTo("Asia/Tokyo"))
                .body("days.active", equalTo(List.of(1, 3, 4)));
        get(t, "/api/v1/portfolio/cfd?from=2025-06-01&to=2025-06-04").statusCode(200)
                .body("days.active", equalTo(List.of(1, 4, 4)));
    }

    @Test
    void anEmptyWindowGivesZerosAndNulls() {
        String t = week();
        get(t, "/api/v1/portfolio/flow?from=2020-01-01&to=2020-02-01&bucket=month").statusCode(200)
                .body("total.velocity", equalTo(0)).body("total.flowTime.count", equalTo(0))
                .body("total.flowTime.meanDays", nullValue()).body("total.flowTime.p85Days", nullValue())
                .body("total.efficiencyPercent", nullValue())
                .body("total.load.mean", equalTo(0.0f)).body("total.load.atEnd", equalTo(0))
                .body("distribution.completedPercent.feature", equalTo(0.0f))
                .body("series.points[0].velocity", equalTo(0));
        get(t, "/api/v1/portfolio/flow?from=2025-06-01T06:00:00Z&to=2025-06-01T12:00:00Z").statusCode(200)
                .body("window.sampledDays", equalTo(0))
                .body("total.load.mean", equalTo(1.0f)).body("total.load.max", equalTo(1))
                .body("total.load.atEnd", equalTo(1)).body("distribution.loadPercent.feature", equalTo(100.0f));
        get(t, "/api/v1/portfolio/cfd?from=2025-06-01T06:00:00Z&to=2025-06-01T12:00:00Z").statusCode(200)
                .body("days", hasSize(0));
    }

    @Test
    void badParametersAre400sNamingTheParameter() {
        String t = newTenant();
        String vs = valueStream(t, "Shop", "UTC", List.of(scope("c1", "shop")));
        String base = "/api/v1/value-streams/" + vs;
        Map<String, String> cases = Map.of(
                base + "/flow?from=2025-06-08&to=2025-06-01", "from",
                base + "/flow?from=2025-06-01&to=2025-06-01", "from",
                base + "/flow?from=2019-01-01&to=2025-01-02", "to",
                base + "/flow?bucket=hour", "bucket",
                base + "/flow?from=last-week", "from",
                base + "/cfd?to=2025-13-01", "to",
                "/api/v1/portfolio/flow?zone=Mars/Olympus", "zone",
                "/api/v1/portfolio/cfd?zone=%2B02:00", "zone",
                base + "/flow/items?limit=501", "limit",
                base + "/flow/items?cursor=not-a-cursor", "cursor");
        cases.forEach((path, parameter) -> get(t, path).statusCode(400).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo(parameter)));
    }

    @Test
    void anotherTenantsValueStreamIsNotFound() {
        String a = week();
        String vs = valueStream(a, "Shop", "UTC", List.of(scope("c1", "shop")));
        String b = newTenant();
        for (String path : List.of("/flow", "/flow/items", "/aging", "/cfd", "/forecast/when?items=3",
                "/forecast/how-many?until=2099-01-01")) {
            get(b, "/api/v1/value-streams/" + vs + path).statusCode(404).contentType("application/problem+json");
        }
        get(b, "/api/v1/value-streams/" + UUID.randomUUID() + "/flow").statusCode(404);
        get(b, "/api/v1/value-streams/not-a-uuid/flow").statusCode(404);
        get(b, "/api/v1/portfolio/flow?" + WEEK).statusCode(200).body("total.velocity", equalTo(0));
        get(b, "/api/v1/portfolio/aging").statusCode(200).body("inProgress", equalTo(0));
    }
}
