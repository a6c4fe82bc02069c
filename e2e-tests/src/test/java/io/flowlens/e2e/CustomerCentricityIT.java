package io.flowlens.e2e;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Customer-centricity beside flow, through the gateway and the four services: an organisation
 * assessed three times and linked to a value stream shows its index as a series in metrics within
 * seconds of each submission (fed by assessment-service's outbox over HTTP); a correction
 * replaces its point, events delivered again change nothing, and an unlink removes the series.
 */
class CustomerCentricityIT {

    /** How long an assessment may take to appear in metrics (the relay is nudged on commit: milliseconds normally). */
    static final Duration WITHIN = Duration.ofSeconds(10);

    static Gateway.Tenant tenant;
    static List<String> statements;

    @BeforeAll
    static void start() {
        Suite.ensureStarted();
        tenant = Gateway.newTenant("admin", "partner", "reader");
        statements = tenant.as("partner").get("/api/v1/questionnaires/ccm-2026.1").then().statusCode(200)
                .extract().jsonPath().getList("dimensions.statements.flatten().id");
    }

    static Map<String, Integer> answers(int value) {
        return statements.stream().collect(Collectors.toMap(s -> s, s -> value, (x, y) -> x, LinkedHashMap::new));
    }

    static JsonPath series(String stream) {
        return tenant.as("reader").get("/api/v1/value-streams/" + stream + "/customer-centricity").then().statusCode(200)
                .extract().jsonPath();
    }

    /** Polls the series until {@code condition} holds; how long it took. */
    static Duration awaitSeries(String stream, String what, Predicate<JsonPath> condition) throws InterruptedException {
        long start = System.nanoTime();
        while (!condition.test(series(stream))) {
            if (System.nanoTime() - start > WITHIN.toNanos()) {
                throw new AssertionError("not within " + WITHIN + ": " + what + "; series: " + series(stream).prettify());
            }
            Thread.sleep(100);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void threeAssessmentsBecomeASeriesACorrectionReplacesRedeliveryChangesNothingAndUnlinkRemoves() throws Exception {
        String connection = tenant.as("admin").contentType(ContentType.JSON)
                .body(Map.of("kind", "github", "name", "Shop issues", "secret", "cc-webhook-secret"))
                .post("/api/v1/connections").then().statusCode(201).extract().path("id");
        String stream = tenant.as("admin").contentType(ContentType.JSON)
                .body(Map.of("name", "Shop", "timeZone", "Europe/Berlin",
                        "scopes", List.of(Map.of("connectionId", connection, "project", "acme/shop"))))
                .post("/api/v1/value-streams").then().statusCode(201).extract().path("id");
        String organisation = tenant.as("partner").contentType(ContentType.JSON)
                .body(Map.of("name", "Acme Retail", "industry", "retail", "sizeBand", "50-249", "region", "europe"))
                .post("/api/v1/organisations").then().statusCode(201).extract().path("id");

        tenant.as("admin").contentType(ContentType.JSON).body(Map.of("organisationId", organisation))
                .put("/api/v1/value-streams/" + stream + "/customer-centricity-link").then().statusCode(200)
                .body("scoredAssessments", equalTo(0));
        // A reader may look, not link.
        tenant.as("reader").contentType(ContentType.JSON).body(Map.of("organisationId", organisation))
                .put("/api/v1/value-streams/" + stream + "/customer-centricity-link").then().statusCode(403);

        // Three assessments, months apart, each scored differently (answers 2, 3, 4 everywhere).
        String[] at = { "2025-09-30T23:30:00Z", "2025-12-15T10:00:00Z", "2026-03-02T10:00:00Z" };
        String[] dates = { "2025-10-01", "2025-12-15", "2026-03-02" }; // Berlin's local dates
        List<String> ids = new ArrayList<>();
        List<Float> indexes = new ArrayList<>();
        List<Duration> took = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            JsonPath scored = tenant.as("partner").contentType(ContentType.JSON)
                    .body(Map.of("organisationId", organisation, "questionnaireVersion", "ccm-2026.1",
                            "answers", answers(i + 2), "assessedAt", at[i]))
                    .post("/api/v1/assessments").then().statusCode(201).extract().jsonPath();
            ids.add(scored.getString("id"));
            indexes.add(scored.getFloat("index"));
            int n = i + 1;
            took.add(awaitSeries(stream, "assessment " + n + " in the series", s -> s.getList("points").size() == n));
        }
        JsonPath s = series(stream);
        assertEquals(ids, s.getList("points.assessmentId"));
        assertEquals(List.of(dates), s.getList("points.date"));
        assertEquals(indexes, s.getList("points.index"));
        assertEquals(3, indexes.stream().distinct().count());
        assertEquals("index", s.getString("series[0].key"));
        assertEquals(8, s.getList("series").size()); // the index and seven dimensions
        assertEquals("Acme Retail", s.getString("link.organisationName"));
        System.out.println("customer-centricity: submission to series in " + took);

        // A correction replaces the second point (same date, new score, revision 2).
        float corrected = tenant.as("partner").contentType(ContentType.JSON).body(Map.of("answers", answers(5)))
                .put("/api/v1/assessments/" + ids.get(1)).then().statusCode(200).extract().jsonPath().getFloat("index");
        assertTrue(corrected != indexes.get(1));
        awaitSeries(stream, "the corrected score", p -> p.getFloat("points[1].index") == corrected);
        indexes.set(1, corrected);
        s = series(stream);
        assertEquals(indexes, s.getList("points.index"));
        assertEquals(dates[1], s.getString("points[1].date"));
        assertEquals(2, s.getInt("points[1].revision"));

        // Every event delivered again (assessment-service feeds all three once more, as its backfill
        // does): nothing doubled, the correction kept.
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + Suite.Service.ASSESSMENT.database(),
                "flowlens", "flowlens");
                PreparedStatement ps = c.prepareStatement("insert into metrics_feed_backfill (assessment_id) values (?)")) {
            for (String id : ids) {
                ps.setObject(1, UUID.fromString(id));
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Databases.longs(Suite.Service.ASSESSMENT, "select 'waiting', (select count(*) from metrics_feed_backfill)"
                + " + (select count(*) from metrics_outbox where tenant_id = ?)", tenant.id()).get("waiting").equals(0L)) {
            assertTrue(System.nanoTime() < deadline, "the events were not delivered again within 30 s");
            Thread.sleep(200);
        }
        s = series(stream);
        assertEquals(ids, s.getList("points.assessmentId"));
        assertEquals(indexes, s.getList("points.index"));
        assertEquals(2, s.getInt("points[1].revision"));
        assertEquals(3, s.getInt("link.scoredAssessments"));

        // Another tenant sees nothing of it.
        Gateway.Tenant other = Gateway.newTenant("admin");
        other.as("admin").get("/api/v1/value-streams/" + stream + "/customer-centricity").then().statusCode(404);

        // Unlinked: the series is gone; linked again, the whole past is back at once.
        tenant.as("admin").delete("/api/v1/value-streams/" + stream + "/customer-centricity-link").then().statusCode(204);
        tenant.as("reader").get("/api/v1/value-streams/" + stream + "/customer-centricity").then().statusCode(404)
                .contentType("application/problem+json");
        tenant.as("reader").get("/api/v1/value-streams/" + stream + "/customer-centricity-link").then().statusCode(404);
        tenant.as("admin").contentType(ContentType.JSON).body(Map.of("organisationId", organisation))
                .put("/api/v1/value-streams/" + stream + "/customer-centricity-link").then().statusCode(200)
                .body("scoredAssessments", equalTo(3));
    }
}
