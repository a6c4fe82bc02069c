package io.flowlens.metrics.flow;

import static io.flowlens.metrics.Fixtures.as;
import static io.flowlens.metrics.Fixtures.newTenant;
import static io.flowlens.metrics.Fixtures.post;
import static io.flowlens.metrics.Fixtures.scope;
import static io.flowlens.metrics.Fixtures.upsert;
import static io.flowlens.metrics.Fixtures.valueStream;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.flowlens.common.identity.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * The load at a window's end is the load at the instant {@code to}, over HTTP, for a stream
 * counted from day counts, a stream narrowed by labels and the portfolio alike: {@code to} in the
 * middle of a day, a window holding no day end, a DST day, same-instant transitions.
 * <pre>
 * A feature active 06-03, done 06-05T10:00             (left before to)
 * B defect  active 06-05T06:00                          (in the load at to)
 * C defect  active 06-05T12:00 = to                     (not yet)
 * D risk    active 06-02, waiting 06-05T09:00           (in the load at to)
 * S feature active and done both at 06-05T08:00         (done: active never held)
 * R debt    done then active, both at 06-05T07:00       (reopened at once: in the load)
 * </pre>
 */
@QuarkusTest
class LoadAtWindowEndTest {

    static final String MIDDAY = "from=2025-06-01&to=2025-06-05T12:00:00Z";

    static Map<String, Object> item(String t, String id, String type, String... transitions) {
        return upsert(t, id, 1, "c1", "shop", type, List.of("x"), "2025-05-01T00:00:00Z", transitions);
    }

    static ValidatableResponse get(String tenant, String path) {
        return as(tenant, Roles.READER).when().get(path).then();
    }

    /** The tenant and the three subjects' flow paths: project stream, label stream, portfolio. */
    static List<String> subjects(String t) {
        post(item(t, "a", "feature", "2025-06-03T00:00:00Z", "active", "2025-06-05T10:00:00Z", "done"),
                item(t, "b", "defect", "2025-06-05T06:00:00Z", "active"),
                item(t, "c", "defect", "2025-06-05T12:00:00Z", "active"),
                item(t, "d", "risk", "2025-06-02T00:00:00Z", "active", "2025-06-05T09:00:00Z", "waiting"),
                item(t, "s", "feature", "2025-06-05T08:00:00Z", "active", "2025-06-05T08:00:00Z", "done"),
                item(t, "r", "debt", "2025-06-05T07:00:00Z", "done", "2025-06-05T07:00:00Z", "active"));
        String project = valueStream(t, "Shop", "UTC", List.of(scope("c1", "shop")));
        String labelled = valueStream(t, "Labelled", "UTC",
                List.of(Map.of("connectionId", "c1", "project", "shop", "labels", List.of("x"))));
        return List.of("/api/v1/value-streams/" + project + "/flow?", "/api/v1/value-streams/" + labelled + "/flow?",
                "/api/v1/portfolio/flow?");
    }

    @Test
    void toInTheMiddleOfADayIsTheLoadAtThatInstantOnEveryPath() {
        String t = newTenant();
        for (String path : subjects(t)) {
            get(t, path + MIDDAY).statusCode(200)
                    .body("window.sampledDays", equalTo(4))
                    .body("total.load.atEnd", equalTo(3))
                    .body("total.load.max", equalTo(2)).body("total.load.mean", equalTo(1.25f))
                    .body("byType.defect.load.atEnd", equalTo(1)).body("byType.feature.load.atEnd", equalTo(0))
                    .body("byType.debt.load.atEnd", equalTo(1))
                    .body("distribution.loadPercent.defect", equalTo(33.34f))
                    .body("distribution.loadPercent.risk", equalTo(33.33f))
                    .body("distribution.loadPercent.feature", equalTo(0.0f))
                    .body("total.velocity", equalTo(2)).body("total.leftOutNeverStarted", equalTo(1));
            get(t, path + "from=2025-06-01&to=2025-06-06").statusCode(200)
                    .body("total.load.atEnd", equalTo(4)).body("total.load.max", equalTo(4));
        }
    }

    @Test
    void aWindowHoldingNoDayEndReportsTheLoadAtToForMeanAndMax() {
        String t = newTenant();
        for (String path : subjects(t)) {
            get(t, path + "from=2025-06-05T06:30:00Z&to=2025-06-05T12:00:00Z").statusCode(200)
                    .body("window.sampledDays", equalTo(0))
                    .body("total.load.atEnd", equalTo(3)).body("total.load.max", equalTo(3))
                    .body("total.load.mean", equalTo(3.0f));
        }
    }

    @Test
    void aNewRevisionMovesTheLoadAtTo() {
        String t = newTenant();
        List<String> paths = subjects(t);
        post(upsert(t, "b", 2, "c1", "shop", "defect", List.of("x"), "2025-05-01T00:00:00Z",
                "2025-06-05T06:00:00Z", "active", "2025-06-05T11:00:00Z", "done"));
        for (String path : paths) {
            get(t, path + MIDDAY).statusCode(200).body("total.load.atEnd", equalTo(2))
                    .body("total.velocity", equalTo(3));
        }
    }

    @Test
    void onADstDayToCountsInLocalTime() {
        String t = newTenant();
        // 2025-03-30 in Berlin has 23 hours and starts at 03-29T23:00Z.
        post(upsert(t, "p", 1, "c1", "berlin", "feature", List.of(), "2025-03-01T00:00:00Z",
                        "2025-03-29T22:30:00Z", "active"),
                upsert(t, "q", 1, "c1", "berlin", "feature", List.of(), "2025-03-01T00:00:00Z",
                        "2025-03-29T23:30:00Z", "active"),
                upsert(t, "w", 1, "c1", "berlin", "defect", List.of(), "2025-03-01T00:00:00Z",
                        "2025-03-30T09:59:59Z", "active", "2025-03-30T10:00:00Z", "done"),
                upsert(t, "v", 1, "c1", "berlin", "defect", List.of(), "2025-03-01T00:00:00Z",
                        "2025-03-30T10:00:00Z", "active"));
        String berlin = valueStream(t, "Berlin", "Europe/Berlin", List.of(scope("c1", "berlin")));
        for (String path : List.of("/api/v1/value-streams/" + berlin + "/flow?",
                "/api/v1/portfolio/flow?zone=Europe/Berlin&")) {
            // 12:00 CEST
            get(t, path + "from=2025-03-29&to=2025-03-30T10:00:00Z").statusCode(200)
                    .body("window.sampledDays", equalTo(1))
                    .body("total.load.max", equalTo(1)).body("total.load.atEnd", equalTo(3))
                    .body("total.velocity", equalTo(0));
            get(t, path + "from=2025-03-29&to=2025-03-31").statusCode(200)
                    .body("window.sampledDays", equalTo(2))
                    .body("total.load.atEnd", equalTo(3)).body("total.velocity", equalTo(1));
        }
    }
}
