package io.flowlens.assessment.webhook;

import static io.flowlens.assessment.support.Api.as;
import static io.flowlens.assessment.support.Api.partner;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpServer;

import io.flowlens.assessment.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Partner webhooks against a real local HTTP server: the official Standard Webhooks verifier
 * accepts our signature, failures are retried, a 410 disables the endpoint, and the log shows it.
 */
@QuarkusTest
class PartnerWebhookTest {

    /** A request the partner's server received. */
    record Received(Map<String, List<String>> headers, String body) {
    }

    private HttpServer server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    /** Status codes to answer with, in order; 204 once they run out. */
    private final Deque<Integer> answers = new ArrayDeque<>();

    @BeforeEach
    void startPartnerServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hooks", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v));
            received.add(new Received(headers, body));
            Integer status;
            synchronized (answers) {
                status = answers.poll();
            }
            exchange.sendResponseHeaders(status == null ? 204 : status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopPartnerServer() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    private Received next() throws InterruptedException {
        Received r = received.poll(20, TimeUnit.SECONDS);
        assertNotNull(r, "the partner's server received nothing");
        return r;
    }

    /** Polls the delivery log until its newest delivery is no longer pending (the dispatcher runs every second in tests). */
    private JsonPath settledDelivery(String tenant, String endpoint) throws InterruptedException {
        for (int i = 0; i < 60; i++) {
            JsonPath log = as(tenant, "reader").get("/api/v1/partner-webhooks/" + endpoint + "/deliveries").then()
                    .statusCode(200).extract().jsonPath();
            if (!log.getList("items").isEmpty() && !"pending".equals(log.getString("items[0].status"))) {
                return log;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the delivery never settled");
    }

    @Test
    void aScoredAssessmentArrivesSignedAsStandardWebhooksSpecifies() throws Exception {
        String tenant = Api.newTenant();
        JsonPath endpoint = partner(tenant).body(Map.of("url", url(), "description", "CRM")).post("/api/v1/partner-webhooks")
                .then().statusCode(201).body("secret", startsWith("whsec_")).body("enabled", equalTo(true))
                .extract().jsonPath();
        String secret = endpoint.getString("secret");
        as(tenant, "reader").get("/api/v1/partner-webhooks/" + endpoint.getString("id")).then().statusCode(200)
                .body("secret", nullValue());

        String assessment = Api.submit(tenant, Api.createOrganisation(tenant, "software", "1-49", "europe"),
                Api.uniformAnswers(3));
        Received delivery = next();
        assertDoesNotThrow(() -> new Webhook(secret).verify(delivery.body(), delivery.headers()));
        JsonPath payload = new JsonPath(delivery.body());
        assertEquals("assessment.scored", payload.getString("type"));
        assertEquals(assessment, payload.getString("data.id"));
        assertEquals(50.0f, payload.getFloat("data.index"));
        assertTrue(delivery.headers().get("webhook-id").get(0).startsWith("msg_"));

        // A tampered body or another secret fails the same verifier.
        assertThrows(WebhookVerificationException.class,
                () -> new Webhook(secret).verify(delivery.body().replace("50.0", "99.0"), delivery.headers()));
        assertThrows(WebhookVerificationException.class,
                () -> new Webhook(WebhookSignature.newSecret()).verify(delivery.body(), delivery.headers()));

        JsonPath log = settledDelivery(tenant, endpoint.getString("id"));
        assertEquals("delivered", log.getString("items[0].status"));
        assertEquals(1, log.getInt("items[0].attempts"));
        assertEquals(delivery.headers().get("webhook-id").get(0), log.getString("items[0].messageId"));
    }

    @Test
    void everyEnabledEndpointGetsItsOwnMessage() throws Exception {
        String tenant = Api.newTenant();
        String one = partner(tenant).body(Map.of("url", url())).post("/api/v1/partner-webhooks").then().statusCode(201)
                .extract().path("id");
        String two = partner(tenant).body(Map.of("url", url())).post("/api/v1/partner-webhooks").then().statusCode(201)
                .extract().path("id");
        Api.submit(tenant, Api.createOrganisation(tenant, "software", "1-49", "europe"), Api.uniformAnswers(4));
        String first = next().headers().get("webhook-id").get(0);
        String second = next().headers().get("webhook-id").get(0);
        assertTrue(!first.equals(second), "each endpoint's message has its own id");
        assertEquals("delivered", settledDelivery(tenant, one).getString("items[0].status"));
        assertEquals("delivered", settledDelivery(tenant, two).getString("items[0].status"));
    }

    @Test
    void aFailedDeliveryIsRetriedWithTheSameMessageId() throws Exception {
        String tenant = Api.newTenant();
        String endpoint = partner(tenant).body(Map.of("url", url())).post("/api/v1/partner-webhooks").then().statusCode(201)
                .extract().path("id");
        synchronized (answers) {
            answers.add(500);
            answers.add(503);
        }
        Api.submit(tenant, Api.createOrganisation(tenant, "software", "1-49", "europe"), Api.uniformAnswers(4));
        String first = next().headers().get("webhook-id").get(0);
        assertEquals(first, next().headers().get("webhook-id").get(0));
        assertEquals(first, next().headers().get("webhook-id").get(0));
        JsonPath log = settledDelivery(tenant, endpoint);
        assertEquals("delivered", log.getString("items[0].status"));
        assertEquals(3, log.getInt("items[0].attempts"));
    }

    @Test
    void aDeliveryFailsOnceTheScheduleIsExhausted() throws Exception {
        String tenant = Api.newTenant();
        String endpoint = partner(tenant).body(Map.of("url", url())).post("/api/v1/partner-webhooks").then().statusCode(201)
                .extract().path("id");
        synchronized (answers) {
            answers.addAll(List.of(500, 500, 500)); // the test schedule allows three attempts
        }
        Api.submit(tenant, Api.createOrganisation(tenant, "software", "1-49", "europe"), Api.uniformAnswers(4));
        JsonPath log = settledDelivery(tenant, endpoint);
        assertEquals("failed", log.getString("items[0].status"));
        assertEquals(3, log.getInt("items[0].attempts"));
        assertEquals(500, log.getInt("items[0].lastStatus"));
        assertEquals(null, log.getString("items[0].nextAttemptAt"));
        // Failing deliveries do not disable the endpoint; only 410 does.
        as(tenant, "reader").get("/api/v1/partner-webhooks/" + endpoint).then().body("enabled", equalTo(true));
    }

    @Test
    void goneDisablesTheEndpoint() throws Exception {
        String tenant = Api.newTenant();
        String endpoint = partner(tenant).body(Map.of("url", url())).post("/api/v1/partner-webhooks").then().statusCode(201)
                .extract().path("id");
        synchronized (answers) {
            answers.add(410);
        }
        String org = Api.createOrganisation(tenant, "software", "1-49", "europe");
        Api.submit(tenant, org, Api.uniformAnswers(4));
        next();
        JsonPath log = settledDelivery(tenant, endpoint);
        assertEquals("endpoint-disabled", log.getString("items[0].status"));
        assertEquals(410, log.getInt("items[0].lastStatus"));
        as(tenant, "reader").get("/api/v1/partner-webhooks/" + endpoint).then().statusCode(200)
                .body("enabled", equalTo(false));
        // Later results are not sent to a disabled endpoint.
        Api.submit(tenant, org, Api.uniformAnswers(2));
        assertEquals(null, received.poll(3, TimeUnit.SECONDS));
    }

    @Test
    void theSecretIsShownOnlyInTheRegistrationsAnswer() throws Exception {
        String tenant = Api.newTenant();
        JsonPath endpoint = partner(tenant).body(Map.of("url", url())).post("/api/v1/partner-webhooks").then()
                .statusCode(201).extract().jsonPath();
        String secret = endpoint.getString("secret");
        Api.submit(tenant, Api.createOrganisation(tenant, "software", "1-49", "europe"), Api.uniformAnswers(4));
        next();
        settledDelivery(tenant, endpoint.getString("id"));
        for (String read : List.of("/api/v1/partner-webhooks", "/api/v1/partner-webhooks/" + endpoint.getString("id"),
                "/api/v1/partner-webhooks/" + endpoint.getString("id") + "/deliveries")) {
            String body = as(tenant, "reader").get(read).then().statusCode(200).extract().asString();
            assertTrue(!body.contains(secret) && !body.contains("whsec_"), read);
        }
    }

    @Test
    void endpointsAreTheTenantsOwnAndMustBeHttpUrls() {
        String tenant = Api.newTenant();
        partner(tenant).body(Map.of("url", "ftp://example.com/x")).post("/api/v1/partner-webhooks").then().statusCode(400)
                .body("errors[0].pointer", equalTo("/url"));
        String endpoint = partner(tenant).body(Map.of("url", url())).post("/api/v1/partner-webhooks").then().statusCode(201)
                .extract().path("id");
        String stranger = Api.newTenant();
        as(stranger, "reader").get("/api/v1/partner-webhooks/" + endpoint).then().statusCode(404);
        as(stranger, "reader").get("/api/v1/partner-webhooks/" + endpoint + "/deliveries").then().statusCode(404);
        partner(stranger).delete("/api/v1/partner-webhooks/" + endpoint).then().statusCode(404);
        as(tenant, "reader").body(Map.of("url", url())).post("/api/v1/partner-webhooks").then().statusCode(403);
        partner(tenant).delete("/api/v1/partner-webhooks/" + endpoint).then().statusCode(204);
        as(tenant, "reader").get("/api/v1/partner-webhooks").then().statusCode(200)
                .body("items[0].enabled", equalTo(false));
    }
}
