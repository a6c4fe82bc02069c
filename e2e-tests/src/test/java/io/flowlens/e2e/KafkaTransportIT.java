package io.flowlens.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
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
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flowlens.e2e.Suite.Service;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Kafka as the transport of item events and of scored assessments (deploy/README.md, "Kafka"): the
 * same figures as over HTTP, nothing doubled by redelivery, nothing lost or doubled when metrics
 * dies mid-stream, and one bad event never stalls the rest.
 */
class KafkaTransportIT {

    static final String SECRET = "kafka-github-webhook-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() {
        KafkaTransport.ensureStarted();
    }

    @Test
    void webhooksThroughTheGatewayReachMetricsOverKafkaAndRedeliveryDoublesNothing() throws Exception {
        Tenant tenant = Tenant.create();
        String connection = tenant.connect();
        String stream = tenant.valueStream(connection, "kafka/shop");
        GitHubDeliveries github = new GitHubDeliveries(connection, SECRET, "kafka/shop");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        int issues = 30;
        for (int n = 1; n <= issues; n++) {
            String delivery = UUID.randomUUID().toString();
            // each delivery sent twice, as a tracker's retry would
            for (int i = 0; i < 2; i++) {
                github.closedVia(KafkaTransport.url(Service.GATEWAY), delivery, n, now.minus(Duration.ofDays(8)),
                        now.minus(Duration.ofDays(2))).then().statusCode(200);
            }
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals(issues, tenant.velocity(stream)));
        assertDrainedAndInStep(tenant.id);

        // Every record of this tenant published again (a producer retry, a replay from offset 0):
        // metrics ignores them by revision.
        List<ConsumerRecord<String, String>> published = readAll(KafkaTransport.TOPIC, tenant.id);
        assertTrue(published.size() >= issues, "the tenant's events are on the topic: " + published.size());
        for (ConsumerRecord<String, String> r : published) {
            assertEquals(tenant.id, r.key(), "records are keyed by tenant");
        }
        assertEquals(1, published.stream().map(ConsumerRecord::partition).distinct().count(),
                "one tenant's events stay in one partition, in order");
        // The consumer has read past the copies once its count of ignored events moved by as many.
        long before = metricsReadiness("ignored");
        try (KafkaProducer<String, String> producer = producer()) {
            for (ConsumerRecord<String, String> r : published) {
                producer.send(new ProducerRecord<>(KafkaTransport.TOPIC, r.key(), r.value())).get();
            }
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertTrue(
                metricsReadiness("ignored") >= before + published.size(), "ignored before " + before + ", now "
                        + metricsReadiness("ignored") + ", republished " + published.size()));
        assertEquals(issues, tenant.velocity(stream), "redelivered events change nothing");
        assertDrainedAndInStep(tenant.id);
    }

    @Test
    void metricsKilledMidStreamResumesWithoutLossOrDoubles() throws Exception {
        Tenant tenant = Tenant.create();
        String connection = tenant.connect();
        String stream = tenant.valueStream(connection, "kafka/killed");
        GitHubDeliveries github = new GitHubDeliveries(connection, SECRET, "kafka/killed");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        int issues = 150;
        AtomicInteger sent = new AtomicInteger();
        ExecutorService sender = Executors.newSingleThreadExecutor();
        Future<?> sending = sender.submit(() -> {
            for (int n = 1; n <= issues; n++) {
                github.closedVia(KafkaTransport.url(Service.GATEWAY), UUID.randomUUID().toString(), n,
                        now.minus(Duration.ofDays(5)), now.minus(Duration.ofDays(1))).then().statusCode(200);
                sent.incrementAndGet();
            }
        });
        try {
            // Metrics has applied some of the stream, not all of it, when it dies.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> count(Service.METRICS,
                    "select count(*) from flow_item where tenant_id = ?", tenant.id) >= 20);
            KafkaTransport.kill(Service.METRICS);
            int atKill = sent.get();
            assertTrue(atKill < issues, "killed mid-stream (" + atKill + " of " + issues + " sent)");
            sending.get(); // ingestion keeps accepting and publishing while metrics is down
        } finally {
            sender.shutdown();
            KafkaTransport.start(Service.METRICS);
        }
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertEquals(issues, tenant.velocity(stream)));
        assertDrainedAndInStep(tenant.id);
        // Exactly one item per issue in metrics, each at ingestion's latest revision (no doubles).
        assertEquals(issues, count(Service.METRICS, "select count(*) from flow_item where tenant_id = ?", tenant.id));
    }

    @Test
    void anEventMetricsRefusesIsSetAsideOnTheRefusedTopicAndTheOthersFlow() throws Exception {
        Tenant tenant = Tenant.create();
        String connection = tenant.connect();
        String stream = tenant.valueStream(connection, "kafka/refused");
        GitHubDeliveries github = new GitHubDeliveries(connection, SECRET, "kafka/refused");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        // A producer other than ingestion puts two bad records in the tenant's partition, ahead of
        // its real events: a flow type metrics does not know, and a value that is not JSON.
        String badEvent = UUID.randomUUID().toString();
        ObjectNode bad = JSON.createObjectNode().put("eventId", badEvent).put("tenantId", tenant.id)
                .put("type", "item.upserted").put("revision", 1).put("emittedAt", now.toString());
        bad.putObject("item").put("itemId", UUID.randomUUID().toString()).put("connectionId", connection)
                .put("project", "kafka/refused").put("key", "#999").put("title", "bad").put("flowType", "epic")
                .put("createdAt", now.minus(Duration.ofDays(3)).toString()).putArray("transitions");
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(KafkaTransport.TOPIC, tenant.id, bad.toString())).get();
            producer.send(new ProducerRecord<>(KafkaTransport.TOPIC, tenant.id, "not json {")).get();
        }
        for (int n = 1; n <= 10; n++) {
            github.closedVia(KafkaTransport.url(Service.GATEWAY), UUID.randomUUID().toString(), n,
                    now.minus(Duration.ofDays(4)), now.minus(Duration.ofDays(1))).then().statusCode(200);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals(10, tenant.velocity(stream)));
        assertDrainedAndInStep(tenant.id);

        List<ConsumerRecord<String, String>> refused = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            refused.clear();
            refused.addAll(readAll(KafkaTransport.REFUSED_TOPIC, tenant.id));
            assertEquals(2, refused.size(), "both bad records set aside, once each");
        });
        ConsumerRecord<String, String> flowType = refused.stream().filter(r -> r.value().contains(badEvent))
                .findFirst().orElseThrow();
        String errors = header(flowType, "flowlens-refused-errors");
        assertTrue(errors.contains("/item/flowType"), errors);
        assertTrue(header(flowType, "flowlens-source").startsWith(KafkaTransport.TOPIC + "/"));
        ConsumerRecord<String, String> notJson = refused.stream().filter(r -> r.value().equals("not json {"))
                .findFirst().orElseThrow();
        assertTrue(header(notJson, "flowlens-refused-errors").contains("not a JSON document"));
    }

    @Test
    void anEventTooLargeForTheBrokerIsParkedInIngestionAndTheOthersFlow() {
        Tenant tenant = Tenant.create();
        String connection = tenant.connect();
        String stream = tenant.valueStream(connection, "kafka/large");
        GitHubDeliveries github = new GitHubDeliveries(connection, SECRET, "kafka/large");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // 10,000 characters (the contract's limit) of two bytes each: larger than the records this
        // suite's relay may send (KafkaTransport.MAX_RECORD_BYTES).
        github.closedVia(KafkaTransport.url(Service.GATEWAY), UUID.randomUUID().toString(), 1,
                now.minus(Duration.ofDays(4)), now.minus(Duration.ofDays(1)), "é".repeat(10_000))
                .then().statusCode(200);
        for (int n = 2; n <= 6; n++) {
            github.closedVia(KafkaTransport.url(Service.GATEWAY), UUID.randomUUID().toString(), n,
                    now.minus(Duration.ofDays(4)), now.minus(Duration.ofDays(1))).then().statusCode(200);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals(5, tenant.velocity(stream)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<Map<String, Object>> parked = tenant.as("reader").get("/api/v1/connections/" + connection
                    + "/parked-events").then().statusCode(200).extract().jsonPath().getList("items");
            assertEquals(1, parked.size(), "the large event is parked: " + parked);
            assertTrue(parked.get(0).get("errors").toString().contains("larger than a Kafka record"),
                    parked.get(0).get("errors").toString());
        });
        assertEquals(0, count(Service.INGESTION, "select count(*) from outbox where tenant_id = ?", tenant.id));
    }

    @Test
    void whileTheBrokerIsDownEventsWaitInTheOutboxAndLeaveOnceItIsBack() {
        Tenant tenant = Tenant.create();
        String connection = tenant.connect();
        String stream = tenant.valueStream(connection, "kafka/outage");
        GitHubDeliveries github = new GitHubDeliveries(connection, SECRET, "kafka/outage");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        assertTrue(KafkaTransport.kafka("stop"), "broker stopped");
        try {
            for (int n = 1; n <= 10; n++) {
                github.closedVia(KafkaTransport.url(Service.GATEWAY), UUID.randomUUID().toString(), n,
                        now.minus(Duration.ofDays(3)), now.minus(Duration.ofDays(1))).then().statusCode(200);
            }
            // Ingestion keeps accepting; its relay cannot publish, says why, and keeps the rows.
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertTrue(
                    String.valueOf(ingestionRelay("lastError")).contains("Kafka"), "relay: " + ingestionRelay(null)));
            assertEquals(10, count(Service.INGESTION, "select count(*) from outbox where tenant_id = ?", tenant.id));
        } finally {
            assertTrue(KafkaTransport.kafka("start"), "broker back");
        }
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertEquals(10, tenant.velocity(stream)));
        assertDrainedAndInStep(tenant.id);
    }

    @Test
    void assessmentsReachMetricsOverKafkaACorrectionReplacesAndNeitherRepublishingNorARestartDoublesAnything()
            throws Exception {
        Tenant tenant = Tenant.create("member", "reader", "admin", "partner");
        List<String> statements = tenant.as("partner").get("/api/v1/questionnaires/ccm-2026.1").then().statusCode(200)
                .extract().jsonPath().getList("dimensions.statements.flatten().id");
        String stream = tenant.valueStream(tenant.connect(), "kafka/assessed");
        String organisation = tenant.as("partner").contentType(ContentType.JSON)
                .body(Map.of("name", "Acme Retail", "industry", "retail", "sizeBand", "50-249", "region", "europe"))
                .post("/api/v1/organisations").then().statusCode(201).extract().path("id");
        tenant.as("admin").contentType(ContentType.JSON).body(Map.of("organisationId", organisation))
                .put("/api/v1/value-streams/" + stream + "/customer-centricity-link").then().statusCode(200);

        // Three assessments become three points of the stream's customer-centricity series.
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(tenant.assess(statements, organisation, i, i + 2));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(ids,
                tenant.series(stream).getList("points.assessmentId")));

        // A correction replaces the second point (revision 2).
        float corrected = tenant.as("partner").contentType(ContentType.JSON).body(Map.of("answers", answers(statements, 5)))
                .put("/api/v1/assessments/" + ids.get(1)).then().statusCode(200).extract().jsonPath().getFloat("index");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var series = tenant.series(stream);
            assertEquals(corrected, series.getFloat("points[1].index"));
            assertEquals(2, series.getInt("points[1].revision"));
        });
        assertAssessmentsInStep(tenant.id, 3);

        // Every record of the tenant published again, in order (a relay retry, a replay), behind a
        // record metrics refuses: the copies are ignored, the correction stays, the bad record is
        // set aside on the refused topic with its reason.
        List<ConsumerRecord<String, String>> published = readAll(KafkaTransport.ASSESSMENT_TOPIC, tenant.id);
        assertTrue(published.size() >= 4, "three scorings and a correction on the topic: " + published.size());
        assertEquals(1, published.stream().map(ConsumerRecord::partition).distinct().count(),
                "one tenant's events stay in one partition, in order");
        long before = metricsReadiness(ASSESSMENT_CHECK, "ignored");
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(KafkaTransport.ASSESSMENT_TOPIC, tenant.id, "not json {")).get();
            for (ConsumerRecord<String, String> r : published) {
                producer.send(new ProducerRecord<>(KafkaTransport.ASSESSMENT_TOPIC, r.key(), r.value())).get();
            }
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertTrue(
                metricsReadiness(ASSESSMENT_CHECK, "ignored") >= before + published.size(), "ignored before " + before
                        + ", now " + metricsReadiness(ASSESSMENT_CHECK, "ignored") + ", republished " + published.size()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> refused = readAll(KafkaTransport.ASSESSMENT_REFUSED_TOPIC, tenant.id);
            assertEquals(1, refused.size(), "the bad record set aside once");
            assertTrue(header(refused.get(0), "flowlens-refused-errors").contains("not a JSON document"));
        });
        assertEquals(corrected, tenant.series(stream).getFloat("points[1].index"), "the correction stays");
        assertAssessmentsInStep(tenant.id, 3);

        // Metrics killed (SIGKILL) while assessments keep coming: once back it has each exactly once.
        int more = 40;
        AtomicInteger sent = new AtomicInteger();
        ExecutorService sender = Executors.newSingleThreadExecutor();
        Future<?> sending = sender.submit(() -> {
            for (int i = 3; i < 3 + more; i++) {
                tenant.assess(statements, organisation, i, 1 + i % 5);
                sent.incrementAndGet();
            }
        });
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> count(Service.METRICS,
                    "select count(*) from centricity_assessment where tenant_id = ?", tenant.id) >= 8);
            int atKill = sent.get(); // read first: the kill itself may take a moment
            KafkaTransport.kill(Service.METRICS);
            assertTrue(atKill < more, "killed mid-stream (" + atKill + " of " + more + " submitted)");
            sending.get(); // assessment keeps scoring and publishing while metrics is down
        } finally {
            sender.shutdown();
            KafkaTransport.start(Service.METRICS);
        }
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertEquals(3 + more,
                tenant.series(stream).getList("points").size()));
        assertAssessmentsInStep(tenant.id, 3 + more);
    }

    static final String ASSESSMENT_CHECK = "assessment events from Kafka";

    static Map<String, Integer> answers(List<String> statements, int value) {
        Map<String, Integer> answers = new java.util.LinkedHashMap<>();
        statements.forEach(s -> answers.put(s, value));
        return answers;
    }

    /** assessment-service's feed has drained for the tenant and metrics holds each assessment once, at its revision. */
    private static void assertAssessmentsInStep(String tenant, int assessments) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertEquals(0, count(Service.ASSESSMENT, "select count(*) from metrics_outbox where tenant_id = ?", tenant));
            Map<String, Long> scored = revisions(Service.ASSESSMENT,
                    "select id::text, revision from assessment where tenant_id = ?", tenant);
            assertEquals(assessments, scored.size());
            assertEquals(scored, revisions(Service.METRICS,
                    "select assessment_id::text, revision from centricity_assessment where tenant_id = ?", tenant));
        });
    }

    // --- helpers ---

    /** A field of ingestion's outbox relay readiness data (all of it when {@code field} is null). */
    private static Object ingestionRelay(String field) {
        List<Map<String, Object>> checks = given().baseUri(KafkaTransport.managementUrl(Service.INGESTION))
                .get("/q/health/ready").then().extract().jsonPath().getList("checks");
        for (Map<String, Object> check : checks) {
            if ("outbox relay".equals(check.get("name"))) {
                @SuppressWarnings("unchecked")
                Map<String, Object> data = (Map<String, Object>) check.get("data");
                return field == null ? data : data.get(field);
            }
        }
        throw new AssertionError("ingestion's readiness has no outbox relay check: " + checks);
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        assertNotNull(h, name + " header");
        return new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Every record of the topic with this key, from the beginning (a group of its own, no commits). */
    private static List<ConsumerRecord<String, String>> readAll(String topic, String key) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTransport.BOOTSTRAP);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "kafka-transport-it-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(i -> new org.apache.kafka.common.TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plusSeconds(30);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(r.key())) {
                        out.add(r);
                    }
                }
            }
        }
        return out;
    }

    private static KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTransport.BOOTSTRAP);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    /** A number from metrics' readiness check of its Kafka consumer of item events. */
    private static long metricsReadiness(String field) {
        return metricsReadiness("item events from Kafka", field);
    }

    /** A number from one of metrics' readiness checks of its Kafka consumers. */
    private static long metricsReadiness(String name, String field) {
        List<Map<String, Object>> checks = given().baseUri(KafkaTransport.managementUrl(Service.METRICS))
                .get("/q/health/ready").then().extract().jsonPath().getList("checks");
        for (Map<String, Object> check : checks) {
            if (name.equals(check.get("name"))) {
                @SuppressWarnings("unchecked")
                Map<String, Object> data = (Map<String, Object>) check.get("data");
                assertFalse(data == null, "readiness data of the consumer");
                assertEquals("running", data.get("state"), "consumer state: " + data);
                return ((Number) data.get(field)).longValue();
            }
        }
        throw new AssertionError("metrics' readiness has no check of its Kafka consumer: " + checks);
    }

    /** Ingestion's outbox is empty for the tenant and metrics holds each item's latest revision. */
    private static void assertDrainedAndInStep(String tenant) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertEquals(0, count(Service.INGESTION, "select count(*) from outbox where tenant_id = ?", tenant));
            Map<String, Long> ingestion = revisions(Service.INGESTION,
                    "select id::text, revision from item where tenant_id = ? and id not in"
                            + " (select item_id from parked_event where tenant_id = ?)", tenant);
            assertEquals(ingestion, revisions(Service.METRICS,
                    "select item_id, revision from flow_item where tenant_id = ?", tenant));
        });
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
            for (int i = 1; i <= sql.chars().filter(ch -> ch == '?').count(); i++) {
                statement.setString(i, tenant);
            }
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
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + KafkaTransport.database(service),
                "flowlens", Suite.DB_PASSWORD);
    }

    static RequestSpecification platform() {
        return given().baseUri(KafkaTransport.url(Service.GATEWAY)).header("Authorization", "Bearer " + Suite.ADMIN_KEY);
    }

    /** A tenant with a key per role. */
    record Tenant(String id, Map<String, String> keys) {

        static Tenant create() {
            return create("member", "reader");
        }

        static Tenant create(String... roles) {
            String id = platform().contentType(ContentType.JSON).body(Map.of("name", "kafka " + UUID.randomUUID()))
                    .post("/api/v1/tenants").then().statusCode(201).extract().path("tenant.id");
            Map<String, String> keys = new HashMap<>();
            for (String role : roles) {
                keys.put(role, platform().contentType(ContentType.JSON).body(Map.of("name", role + " key", "role", role))
                        .post("/api/v1/tenants/" + id + "/api-keys").then().statusCode(201).extract().path("key"));
            }
            return new Tenant(id, keys);
        }

        RequestSpecification as(String role) {
            return given().baseUri(KafkaTransport.url(Service.GATEWAY)).header("Authorization", "Bearer " + keys.get(role));
        }

        String connect() {
            return as("member").contentType(ContentType.JSON)
                    .body(Map.of("kind", "github", "name", "kafka", "secret", SECRET))
                    .post("/api/v1/connections").then().statusCode(201).extract().path("id");
        }

        String valueStream(String connection, String repository) {
            return as("member").contentType(ContentType.JSON)
                    .body(Map.of("name", "Shop", "timeZone", "UTC",
                            "scopes", List.of(Map.of("connectionId", connection, "project", repository))))
                    .post("/api/v1/value-streams").then().statusCode(201).extract().path("id");
        }

        /** Submits an assessment of the organisation, assessed {@code n} days into 2024, every answer {@code value}. */
        String assess(List<String> statements, String organisation, int n, int value) {
            return as("partner").contentType(ContentType.JSON)
                    .body(Map.of("organisationId", organisation, "questionnaireVersion", "ccm-2026.1",
                            "answers", answers(statements, value),
                            "assessedAt", Instant.parse("2024-01-01T10:00:00Z").plus(Duration.ofDays(n)).toString()))
                    .post("/api/v1/assessments").then().statusCode(201).extract().path("id");
        }

        io.restassured.path.json.JsonPath series(String stream) {
            return as("reader").get("/api/v1/value-streams/" + stream + "/customer-centricity").then().statusCode(200)
                    .extract().jsonPath();
        }

        long velocity(String stream) {
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            return as("reader").queryParam("from", today.minusDays(30).toString())
                    .queryParam("to", today.plusDays(1).toString())
                    .get("/api/v1/value-streams/" + stream + "/flow")
                    .then().statusCode(200).extract().jsonPath().getLong("total.velocity");
        }
    }
}
