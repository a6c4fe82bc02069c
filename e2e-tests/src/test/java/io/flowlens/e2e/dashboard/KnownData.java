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
 * a generic tracker export (ten items of project shop, with the tracker's statuses, and 23 of
 * project ops), a value stream over each counted in UTC, weekly business results of the ops
 * stream, and an organisation with two assessments.
 */
final class KnownData {

    /** Completed in the window: SHOP-1..6, one a day, 1 to 6 days ago. */
    static final int COMPLETED = 6;
    /** In progress, oldest first: SHOP-7 (active 10 days), SHOP-9 (waiting, started 8 days ago), SHOP-8 (active 5 days). */
    static final List<String> IN_PROGRESS_OLDEST_FIRST = List.of("SHOP-7", "SHOP-9", "SHOP-8");
    /** The window the tests show: the 28 days before today and today, in UTC. */
    static final int WINDOW_DAYS = 29;
    static final int DIMENSIONS = 7;
    /**
     * Where the shop's time went. Completed: In Progress (active), Blocked (waiting: SHOP-5, 3 days)
     * and In Review (waiting: SHOP-2 and SHOP-4, a day each); the load at the end: In Progress and
     * Blocked (SHOP-9, since 3 days).
     */
    static final List<String> COMPLETED_WAITING_RANKED = List.of("Blocked", "In Review");
    static final List<String> COMPLETED_WAITING_DAYS = List.of("3", "2");
    static final int COMPLETED_STATUSES = 3;
    /** Flow types among the completed items: feature (Story), defect (Bug), debt (Tech Debt). */
    static final int COMPLETED_TYPES = 3;
    static final List<String> LOAD_WAITING_RANKED = List.of("Blocked");
    static final int LOAD_STATUSES = 2;
    /** Flow types in the load: feature (SHOP-7, SHOP-9) and defect (SHOP-8). */
    static final int LOAD_TYPES = 2;
    /** Ops: 1 + (k mod 3) items completed on the day 7k days ago, k = 1..11. */
    static final int OPS_WEEKS = 11;
    static final int OPS_COMPLETED = 23;
    /** Weekly happiness points of the ops stream, on the day 7k days ago, k = 1..12. */
    static final int OPS_RESULT_POINTS = 12;
    /** Nine flow series (five metrics, four distribution shares) at lags 0..6. */
    static final int RANKED_CORRELATIONS = 63;
    static final int ASSESSMENTS = 2;

    final Gateway.Tenant tenant;
    final String valueStream;
    final String opsStream;
    final String organisation;
    final LocalDate from;
    final LocalDate to;

    private KnownData(Gateway.Tenant tenant, String valueStream, String opsStream, String organisation, LocalDate from,
            LocalDate to) {
        this.tenant = tenant;
        this.valueStream = valueStream;
        this.opsStream = opsStream;
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
            // Queues before the end: SHOP-2 and SHOP-4 a day in review, SHOP-5 three days blocked.
            if (n == 2 || n == 4) {
                move(history, n, at(base, -n - 1, 11), "In Review");
            } else if (n == 5) {
                move(history, n, at(base, -n - 3, 11), "Blocked");
            }
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
        // Ops: a varying number of completions a week and varying flow times, for eleven weeks.
        int ops = 0;
        for (int k = 1; k <= OPS_WEEKS; k++) {
            for (int j = 0; j < opsCompletions(k); j++) {
                ops++;
                item(history, "OPS-" + ops, "ops", "Story", at(base, -90, 9));
                move(history, "OPS-" + ops, at(base, -(7 * k + 2 + (k + j) % 4), 10), "In Progress");
                move(history, "OPS-" + ops, at(base, -7 * k, 11 + j), "Done");
            }
        }
        assertEquals(OPS_COMPLETED, ops);
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

        String opsStream = tenant.as("admin").contentType(ContentType.JSON)
                .body(Map.of("name", "Ops", "timeZone", "UTC",
                        "scopes", List.of(Map.of("connectionId", connection, "project", "ops"))))
                .post("/api/v1/value-streams").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals(OPS_COMPLETED,
                tenant.as("reader").queryParam("from", today.minusDays(100).toString()).queryParam("to", to.toString())
                        .get("/api/v1/value-streams/" + opsStream + "/flow").then().statusCode(200)
                        .extract().jsonPath().getInt("total.velocity")));
        // Happiness rises with the week's completions: a link the correlation can find.
        List<Map<String, Object>> results = new java.util.ArrayList<>();
        for (int k = 1; k <= OPS_RESULT_POINTS; k++) {
            results.add(Map.of("category", "happiness", "date", today.minusDays(7L * k).toString(),
                    "value", 60 + 4 * opsCompletions(k) + k % 2));
        }
        tenant.as("admin").contentType(ContentType.JSON).body(results)
                .post("/api/v1/value-streams/" + opsStream + "/results/imports").then().log().ifValidationFails()
                .statusCode(anyOf(is(200), is(201)));

        String organisation = assess(tenant, today);
        return new KnownData(tenant, stream, opsStream, organisation, from, to);
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

    static int opsCompletions(int week) {
        return 1 + week % 3;
    }

    private static void item(StringBuilder out, int n, String type, Instant created) {
        item(out, "SHOP-" + n, "shop", type, created);
    }

    private static void item(StringBuilder out, String id, String project, String type, Instant created) {
        out.append("{\"kind\":\"item\",\"id\":\"").append(id).append("\",\"project\":\"").append(project)
                .append("\",\"title\":\"Item ").append(id).append("\",\"type\":\"").append(type)
                .append("\",\"labels\":[],\"createdAt\":\"").append(created).append("\"}\n");
        move(out, id, created, "To Do");
    }

    private static void move(StringBuilder out, int n, Instant at, String status) {
        move(out, "SHOP-" + n, at, status);
    }

    private static void move(StringBuilder out, String id, Instant at, String status) {
        out.append("{\"kind\":\"transition\",\"item\":\"").append(id).append("\",\"at\":\"").append(at)
                .append("\",\"status\":\"").append(status).append("\"}\n");
    }

    /** The dashboard's URL for a page of this tenant's value stream over the known window. */
    String page(String base, String page) {
        return page(base, page, valueStream);
    }

    /** The same for another of the tenant's value streams (ops). */
    String page(String base, String page, String stream) {
        return base + "/dashboard/#/" + page + "?subject=" + stream + "&from=" + from + "&to=" + to
                + "&zone=UTC&bucket=day";
    }

}
