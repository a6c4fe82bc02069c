package io.flowlens.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.flowlens.e2e.Replicas.Replica;
import io.flowlens.e2e.Suite.Service;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Two replicas of every service sharing their databases (deploy/README.md, "Scaling out"):
 * what one replica accepts or changes, the other sees, and nothing is lost or doubled.
 */
class ReplicasIT {

    static final String SECRET = "replicas-github-webhook-secret";

    @BeforeAll
    static void start() {
        Replicas.ensureStarted();
    }

    @Test
    void webhooksAndTheirRedeliveriesThroughBothGatewaysAreStoredOnceAndCountedOnce() throws Exception {
        Tenant tenant = Tenant.create(Replica.A, null);
        String connection = tenant.connect(Replica.A);
        String stream = tenant.valueStream(Replica.B, connection, "replicas/shop");
        GitHubDeliveries github = new GitHubDeliveries(connection, SECRET, "replicas/shop");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        int issues = 60;

        // Each delivery goes through one gateway and, at the same moment, is redelivered through
        // the other: two ingestion replicas race to store the same delivery.
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int n = 1; n <= issues; n++) {
            int number = n;
            String delivery = UUID.randomUUID().toString();
            for (Replica replica : Replica.values()) {
                answers.add(pool.submit(() -> github.closedVia(replica.url(Service.GATEWAY), delivery, number,
                        now.minus(Duration.ofDays(8)), now.minus(Duration.ofDays(2))).statusCode()));
            }
        }
        for (Future<Integer> answer : answers) {
            assertEquals(200, answer.get());
        }
        pool.shutdown();

        assertEquals(issues, count(Service.INGESTION, "select count(*) from raw_event where connection_id = ?::uuid",
                connection), "one raw event per delivery, however many replicas received it");
        for (Replica replica : Replica.values()) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(
                    () -> assertEquals(issues, tenant.velocity(replica, stream)));
        }
        assertDrainedAndInStep(tenant.id);
    }

    @Test
    void bothOutboxRelaysDrainOneBacklogAndMetricsHoldsEachItemOnce() {
        Tenant tenant = Tenant.create(Replica.A, null);
        String connection = tenant.connect(Replica.B);
        String stream = tenant.valueStream(Replica.A, connection, "replicas/backlog");
        GitHubDeliveries github = new GitHubDeliveries(connection, SECRET, "replicas/backlog");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        int issues = 40;

        Replicas.stop(Replica.A, Service.METRICS);
        Replicas.stop(Replica.B, Service.METRICS);
        try {
            for (int n = 1; n <= issues; n++) {
                Replica replica = n % 2 == 0 ? Replica.A : Replica.B;
                github.closedVia(replica.url(Service.GATEWAY), UUID.randomUUID().toString(), n,
                        now.minus(Duration.ofDays(6)), now.minus(Duration.ofDays(1))).then().statusCode(200);
            }
            assertTrue(count(Service.INGESTION, "select count(*) from outbox where tenant_id = ?", tenant.id) >= issues,
                    "the backlog waits in the shared outbox");
        } finally {
            Replicas.start(Replica.A, Service.METRICS);
            Replicas.start(Replica.B, Service.METRICS);
        }
        for (Replica replica : Replica.values()) {
            awaitRouted(tenant, replica, "/api/v1/value-streams");
        }
        for (Replica replica : Replica.values()) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(
                    () -> assertEquals(issues, tenant.velocity(replica, stream)));
        }
        assertDrainedAndInStep(tenant.id);
    }

    @Test
    void aReplicaKilledMidLoadLosesNothingItAccepted() throws Exception {
        Tenant tenant = Tenant.create(Replica.A, null);
        String connection = tenant.connect(Replica.A);
        String stream = tenant.valueStream(Replica.A, connection, "replicas/killed");
        GitHubDeliveries github = new GitHubDeliveries(connection, SECRET, "replicas/killed");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Set<Integer> accepted = ConcurrentHashMap.newKeySet();
        Map<Integer, Integer> refusedStatuses = new ConcurrentHashMap<>();
        AtomicInteger sentThroughA = new AtomicInteger();

        ExecutorService senders = Executors.newFixedThreadPool(2);
        Future<?> viaA = senders.submit(() -> {
            for (int n = 1; n <= 60; n++) {
                int status = github.closedVia(Replica.A.url(Service.GATEWAY), UUID.randomUUID().toString(), n,
                        now.minus(Duration.ofDays(5)), now.minus(Duration.ofDays(1))).statusCode();
                sentThroughA.incrementAndGet();
                record(n, status, accepted, refusedStatuses);
            }
        });
        Future<?> viaB = senders.submit(() -> {
            for (int n = 101; n <= 160; n++) {
                record(n, github.closedVia(Replica.B.url(Service.GATEWAY), UUID.randomUUID().toString(), n,
                        now.minus(Duration.ofDays(5)), now.minus(Duration.ofDays(1))).statusCode(), accepted,
                        refusedStatuses);
            }
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> sentThroughA.get() >= 15);
        Replicas.kill(Replica.A, Service.INGESTION); // mid-load, no shutdown
        viaA.get();
        viaB.get();
        senders.shutdown();
        try {
            // What replica a's gateway could not deliver was refused with a retryable status, never a 500.
            assertTrue(refusedStatuses.values().stream().allMatch(s -> s == 502 || s == 503 || s == 504),
                    "statuses while ingestion a was down: " + refusedStatuses);
            assertTrue(accepted.size() >= 75, "replica b kept accepting: " + accepted.size());
        } finally {
            Replicas.start(Replica.A, Service.INGESTION);
            // Its gateway routes to it again once the circuit breaker's open time has passed
            // (gateway README: 10 s, then one trial call): the next tests must not meet a 503.
            awaitRouted(tenant, Replica.A, "/api/v1/connections");
        }
        // Every accepted delivery reaches metrics (through replica b's relay, and a's once back).
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertTrue(
                tenant.velocity(Replica.B, stream) >= accepted.size()));
        Set<String> stored = new java.util.HashSet<>(tenant.as(Replica.B, "reader").queryParam("connectionId", connection)
                .queryParam("limit", 500).get("/api/v1/items").then().statusCode(200).extract().jsonPath()
                .getList("items.key", String.class));
        for (int n : accepted) {
            assertTrue(stored.contains("#" + n), "accepted delivery of issue #" + n + " is stored");
        }
        assertDrainedAndInStep(tenant.id);
    }

    @Test
    void aKeyRevokedThroughOneGatewayIsRefusedByTheOtherWithinTheDocumentedTime() {
        Tenant tenant = Tenant.create(Replica.A, null);
        Map<String, Object> created = platform(Replica.A).contentType(ContentType.JSON)
                .body(Map.of("name", "to revoke", "role", "reader"))
                .post("/api/v1/tenants/" + tenant.id + "/api-keys").then().statusCode(201).extract().jsonPath().getMap("");
        String key = (String) created.get("key");
        // Both replicas have used the key, so both hold it in memory.
        for (Replica replica : Replica.values()) {
            keyed(replica, key).get("/api/v1/value-streams").then().statusCode(200);
        }
        platform(Replica.A).delete("/api/v1/tenants/" + tenant.id + "/api-keys/" + created.get("id"))
                .then().statusCode(204);
        Instant revoked = Instant.now();
        keyed(Replica.A, key).get("/api/v1/value-streams").then().statusCode(401);
        // Documented (gateway README): at once through LISTEN/NOTIFY, at the latest after the 10 s full reload.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(
                () -> keyed(Replica.B, key).get("/api/v1/value-streams").then().statusCode(401));
        System.out.printf("[replicas] revocation seen by the other gateway after %d ms%n",
                Duration.between(revoked, Instant.now()).toMillis());
    }

    @Test
    void rateLimitsHoldPerReplicaAsDocumentedAndTheHeadersSayWhatThisReplicaAllows() {
        // A bucket of 10 that hardly refills: each replica lets exactly 10 calls through.
        Tenant tenant = Tenant.create(Replica.A, Map.of("capacity", 10, "refillPerSecond", 0.001));
        for (Replica replica : Replica.values()) {
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 14; i++) {
                Response response = tenant.as(replica, "reader").get("/api/v1/value-streams");
                statuses.add(response.statusCode());
                if (response.statusCode() == 200) {
                    assertEquals("10", response.header("RateLimit-Limit"));
                    assertEquals(String.valueOf(9 - i), response.header("RateLimit-Remaining"),
                            "remaining on replica " + replica + " after call " + (i + 1));
                } else {
                    assertNotEquals(null, response.header("Retry-After"));
                }
            }
            assertEquals(10, statuses.stream().filter(s -> s == 200).count(), replica + ": " + statuses);
            assertEquals(4, statuses.stream().filter(s -> s == 429).count(), replica + ": " + statuses);
        }
    }

    @Test
    void whatOneAssessmentReplicaStoresTheOtherServes() {
        // A questionnaire published through one replica is served by the other.
        String version = "replicas-" + UUID.randomUUID().toString().substring(0, 8);
        platform(Replica.A).contentType(ContentType.JSON).body(Map.of("id", version, "title", "Pilot",
                "scale", Map.of("min", 1, "max", 5),
                "levels", List.of(Map.of("level", 1, "name", "Low", "from", 0), Map.of("level", 2, "name", "High", "from", 50)),
                "dimensions", List.of(Map.of("id", "a", "name", "A", "weight", 1, "statements",
                        List.of(Map.of("id", "a.1", "text", "One"), Map.of("id", "a.2", "text", "Two"))))))
                .post("/api/v1/questionnaires").then().statusCode(201);
        Tenant tenant = Tenant.create(Replica.A, null);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> tenant.as(Replica.B, "reader")
                .get("/api/v1/questionnaires/" + version).then().statusCode(200));

        // Eleven organisations submit, spread over both replicas; the benchmark of the last one,
        // read through the other replica, counts the ten others within the 2 s catch-up.
        String industry = "replicas-" + UUID.randomUUID().toString().substring(0, 6);
        List<String> assessments = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            Replica replica = i % 2 == 0 ? Replica.A : Replica.B;
            String organisation = tenant.as(replica, "partner").contentType(ContentType.JSON)
                    .body(Map.of("name", "Org " + i, "industry", "software", "sizeBand", "50-249", "region", "europe",
                            "externalRef", industry + "-" + i))
                    .post("/api/v1/organisations").then().statusCode(201).extract().path("id");
            assessments.add(tenant.as(replica, "partner").contentType(ContentType.JSON)
                    .body(Map.of("organisationId", organisation, "questionnaireVersion", version, "answers",
                            Map.of("a.1", 1 + i % 5, "a.2", 1 + (i * 3) % 5)))
                    .post("/api/v1/assessments").then().statusCode(201).extract().path("id"));
        }
        String last = assessments.get(10);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals("shown",
                tenant.as(Replica.B, "reader").get("/api/v1/assessments/" + last + "/benchmark")
                        .then().statusCode(200).extract().path("status")));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals("shown",
                tenant.as(Replica.A, "reader").get("/api/v1/assessments/" + last + "/benchmark")
                        .then().statusCode(200).extract().path("status")));
    }

    // --- helpers ---

    /** Waits until a replica's gateway routes a read to its service again (breaker closed, service up). */
    private static void awaitRouted(Tenant tenant, Replica replica, String path) {
        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500)).untilAsserted(
                () -> tenant.as(replica, "reader").get(path).then().statusCode(200));
    }

    private static void record(int number, int status, Set<Integer> accepted, Map<Integer, Integer> refused) {
        if (status == 200) {
            accepted.add(number);
        } else {
            refused.put(number, status);
        }
    }

    /** Ingestion's outbox is empty for the tenant and metrics holds each item's latest revision. */
    private static void assertDrainedAndInStep(String tenant) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertEquals(0, count(Service.INGESTION, "select count(*) from outbox where tenant_id = ?", tenant));
            assertEquals(revisions(Service.INGESTION, "select id::text, revision from item where tenant_id = ?", tenant),
                    revisions(Service.METRICS, "select item_id, revision from flow_item where tenant_id = ?", tenant));
        });
    }

    static RequestSpecification platform(Replica replica) {
        return keyed(replica, Suite.ADMIN_KEY);
    }

    static RequestSpecification keyed(Replica replica, String key) {
        return given().baseUri(replica.url(Service.GATEWAY)).header("Authorization", "Bearer " + key);
    }

    static long count(Service service, String sql, String parameter) {
        try (Connection c = connect(service); PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Long> revisions(Service service, String sql, String tenant) {
        try (Connection c = connect(service); PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setString(1, tenant);
            Map<String, Long> rows = new HashMap<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getString(1), rs.getLong(2));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connect(Service service) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + Replicas.database(service),
                "flowlens", Suite.DB_PASSWORD);
    }

    /** A tenant made through one replica's gateway, with a key per role. */
    record Tenant(String id, Map<String, String> keys) {

        static Tenant create(Replica replica, Map<String, Object> rateLimit) {
            Map<String, Object> body = new HashMap<>(Map.of("name", "replicas " + UUID.randomUUID()));
            if (rateLimit != null) {
                body.put("rateLimit", rateLimit);
            }
            String id = platform(replica).contentType(ContentType.JSON).body(body).post("/api/v1/tenants")
                    .then().statusCode(201).extract().path("tenant.id");
            Map<String, String> keys = new HashMap<>();
            for (String role : List.of("member", "reader", "partner")) {
                keys.put(role, platform(replica).contentType(ContentType.JSON)
                        .body(Map.of("name", role + " key", "role", role))
                        .post("/api/v1/tenants/" + id + "/api-keys").then().statusCode(201).extract().path("key"));
            }
            return new Tenant(id, keys);
        }

        RequestSpecification as(Replica replica, String role) {
            return keyed(replica, keys.get(role));
        }

        String connect(Replica replica) {
            return as(replica, "member").contentType(ContentType.JSON)
                    .body(Map.of("kind", "github", "name", "replicas", "secret", SECRET))
                    .post("/api/v1/connections").then().statusCode(201).extract().path("id");
        }

        String valueStream(Replica replica, String connection, String repository) {
            return as(replica, "member").contentType(ContentType.JSON)
                    .body(Map.of("name", "Shop", "timeZone", "UTC",
                            "scopes", List.of(Map.of("connectionId", connection, "project", repository))))
                    .post("/api/v1/value-streams").then().statusCode(201).extract().path("id");
        }

        long velocity(Replica replica, String stream) {
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            return as(replica, "reader").queryParam("from", today.minusDays(30).toString())
                    .queryParam("to", today.plusDays(1).toString())
                    .get("/api/v1/value-streams/" + stream + "/flow")
                    .then().statusCode(200).extract().jsonPath().getLong("total.velocity");
        }
    }
}
