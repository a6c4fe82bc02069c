package io.flowlens.e2e.dashboard;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.flowlens.e2e.Gateway;
import io.restassured.http.ContentType;

/**
 * A small tenant whose every figure is known, loaded through the public API as a customer would:
 * a generic tracker export (ten items of one project), a value stream over it counted in UTC, and
 * an organisation with two assessments.
 */
final class KnownData {

    /** Completed in the window: SHOP-1..6, one a day, 1 to 6 days ago. */
    static final int COMPLETED = 6;
    /** In progress, oldest first: SHOP-7 (active 10 days), SHOP-9 (waiting, started 8 days ago), SHOP-8 (active 5 days). */
    static final List<String> IN_PROGRESS_OLDEST_FIRST = List.of("SHOP-7", "SHOP-9", "SHOP-8");
    /** The window the tests show: the 28 days before today and today, in UTC. */
    static final int WINDOW_DAYS = 29;
    static final int DIMENSIONS = 7;
    static final int ASSESSMENTS = 2;

    final Gateway.Tenant tenant;
    final String valueStream;
    final String organisation;
    final LocalDate from;
    final LocalDate to;

    private KnownData(Gateway.Tenant tenant, String valueStream, String organisation, LocalDate from, LocalDate to) {
        this.tenant = tenant;
        this.valueStream = valueStream;
        this.organisation = organisation;
        this.from = from;
        this.to = to;
    }

    static KnownData load() {
        Gateway.Tenant tenant = Gateway.newTenant("admin", "reader", "partner");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Instant base = today.atStartOfDay(ZoneOffset.UTC).toInstant();
        String connection = tenant.as("admin").contentType(ContentType.JSON)
                .body(Map.of("kind", "generic", "name", "dashboard export", "secret", "dashboard-e2e-secret-0123456789"))
                .post("/api/v1/connections").then().statusCode(201).extract().path("id");
        StringBuilder history = new StringBuilder();
        String[] types = {"Story", "Story", "Bug", "Story", "Bug", "Tech Debt"};
        for (int n = 1; n <= COMPLETED; n++) {
            item(history, n, types[n - 1], at(base, -25, 9));
            move(history, n, at(base, -20 + n, 10), "In Progress");
            move(history, n, at(base, -n, 11), "Done");
        }
        item(history, 7, "Story", at(base, -15, 9));
        move(history, 7, at(base, -10, 10), "In Progress");
        item(history, 8, "Bug", at(base, -12, 9));
        move(history, 8, at(base, -5, 10), "In Progress");
        item(history, 9, "Story", at(base, -12, 9));
        move(history, 9, at(base, -8, 10), "In Progress");
        move(history, 9, at(base, -3, 10), "Blocked");
        item(history, 10, "Story", at(base, -2, 9));
        String job = tenant.as("admin").contentType("application/x-ndjson")
                .body(history.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/connections/" + connection + "/imports").then().statusCode(anyOf(is(201), is(202))).extract().path("id");
        await().atMost(Duration.ofSeconds(60)).until(() -> !"running".equals(jobStatus(tenant, job))
                && !"queued".equals(jobStatus(tenant, job)));
        assertEquals("succeeded", jobStatus(tenant, job));

        String stream = tenant.as("admin").contentType(ContentType.JSON)
                .body(Map.of("name", "Shop", "timeZone", "UTC",
                        "scopes", List.of(Map.of("connectionId", connection, "project", "shop"))))
                .post("/api/v1/value-streams").then().statusCode(201).extract().path("id");
        LocalDate from = today.minusDays(WINDOW_DAYS - 1);
        LocalDate to = today.plusDays(1);
        // The outbox hands the items to metrics at least once, a little later: wait for all of them.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals(COMPLETED,
                tenant.as("reader").queryParam("from", from.toString()).queryParam("to", to.toString())
                        .get("/api/v1/value-streams/" + stream + "/flow").then().statusCode(200)
                        .extract().jsonPath().getInt("total.velocity")));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals(IN_PROGRESS_OLDEST_FIRST.size(),
                tenant.as("reader").get("/api/v1/value-streams/" + stream + "/aging").then().statusCode(200)
                        .extract().jsonPath().getInt("inProgress")));

        String organisation = assess(tenant, today);
        return new KnownData(tenant, stream, organisation, from, to);
    }

    private static String jobStatus(Gateway.Tenant tenant, String job) {
        return tenant.as("admin").get("/api/v1/jobs/" + job).then().statusCode(200).extract().path("status");
    }

    /** One organisation, assessed twice, half a year apart; alone in its cohort (no benchmark). */
    private static String assess(Gateway.Tenant tenant, LocalDate today) {
        List<String> statements = tenant.as("partner").get("/api/v1/questionnaires/ccm-2026.1").then().statusCode(200)
                .extract().jsonPath().getList("dimensions.statements.flatten().id");
        String organisation = tenant.as("partner").contentType(ContentType.JSON)
                .body(Map.of("name", "Acme Retail", "industry", "retail", "sizeBand", "250-999", "region", "europe"))
                .post("/api/v1/organisations").then().statusCode(201).extract().path("id");
        for (int round = 0; round < ASSESSMENTS; round++) {
            Map<String, Integer> answers = new LinkedHashMap<>();
            for (int i = 0; i < statements.size(); i++) {
                answers.put(statements.get(i), 1 + (i + round) % 5);
            }
            tenant.as("partner").contentType(ContentType.JSON)
                    .body(Map.of("organisationId", organisation, "questionnaireVersion", "ccm-2026.1",
                            "assessedAt", today.minusDays(1).minusMonths(6L * (ASSESSMENTS - 1 - round)) + "T09:00:00Z",
                            "answers", answers))
                    .post("/api/v1/assessments").then().log().ifValidationFails().statusCode(201);
        }
        return organisation;
    }

    private static Instant at(Instant base, int days, int hour) {
        return base.plus(Duration.ofDays(days)).plus(Duration.ofHours(hour));
    }

    private static void item(StringBuilder out, int n, String type, Instant created) {
        out.append("{\"kind\":\"item\",\"id\":\"SHOP-").append(n).append("\",\"project\":\"shop\",\"title\":\"Item ")
                .append(n).append("\",\"type\":\"").append(type).append("\",\"labels\":[],\"createdAt\":\"")
                .append(created).append("\"}\n");
        move(out, n, created, "To Do");
    }

    private static void move(StringBuilder out, int n, Instant at, String status) {
        out.append("{\"kind\":\"transition\",\"item\":\"SHOP-").append(n).append("\",\"at\":\"").append(at)
                .append("\",\"status\":\"").append(status).append("\"}\n");
    }

    /** The dashboard's URL for a page of this tenant's value stream over the known window. */
    String page(String base, String page) {
        return base + "/dashboard/#/" + page + "?subject=" + valueStream + "&from=" + from + "&to=" + to
                + "&zone=UTC&bucket=day";
    }

}
