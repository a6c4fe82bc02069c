package io.flowlens.gateway.routing;

import static io.flowlens.gateway.support.Gateway.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.flowlens.common.identity.Caller;
import io.flowlens.common.identity.IdentityToken;
import io.flowlens.gateway.support.Gateway;
import io.flowlens.gateway.support.Gateway.TestTenant;
import io.flowlens.gateway.support.StandInServices;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * What reaches a service: the right one for the path, with a gateway-signed identity (never the
 * client's), the request id, and the exact body bytes; nothing reaches /internal.
 */
@QuarkusTest
class ProxyTest {

    static final IdentityToken IDENTITY = new IdentityToken("dev-only-identity-secret-change-me-0123456789");
    static TestTenant tenant;
    static String member;

    @BeforeEach
    void tenant() {
        if (tenant != null) {
            return;
        }
        tenant = Gateway.newTenant("Proxy");
        member = Gateway.newKey(tenant, "member").getString("key");
    }

    @Test
    void eachPrefixGoesToItsService() {
        String[][] routes = {
            {"/api/v1/connections", "ingestion"}, {"/api/v1/items/1", "ingestion"}, {"/api/v1/imports", "ingestion"},
            {"/api/v1/jobs/7", "ingestion"}, {"/api/v1/value-streams", "metrics"}, {"/api/v1/portfolio", "metrics"},
            {"/api/v1/questionnaires", "assessment"}, {"/api/v1/organisations", "assessment"},
            {"/api/v1/assessments/3", "assessment"}, {"/api/v1/partner-webhooks", "assessment"},
            {"/api/v1/reliability", "assessment"}};
        for (String[] route : routes) {
            as(member).get(route[0]).then().statusCode(200).header("X-Stand-In", route[1])
                    .body("uri", equalTo(route[0]));
        }
    }

    @Test
    void theServiceGetsASignedIdentityAndTheRequestIdButNotTheKey() {
        String requestId = "req-" + System.nanoTime();
        ValidatableResponse response = given().header("X-API-Key", member)
                .header("X-Request-Id", requestId)
                .header(IdentityToken.HEADER, IDENTITY.sign(new Caller("someone-else", "admin", "forged", null),
                        java.time.Duration.ofMinutes(1)))
                .queryParam("limit", 5).queryParam("q", "a b")
                .get("/api/v1/value-streams")
                .then().statusCode(200).header("X-Request-Id", requestId)
                .body("requestId", equalTo(requestId))
                .body("uri", equalTo("/api/v1/value-streams?limit=5&q=a%20b"))
                .body("apiKey", equalTo(null)).body("authorization", equalTo(null));
        Caller caller = IDENTITY.verify(response.extract().path("identity")).orElseThrow();
        assertEquals(tenant.id(), caller.tenantId(), "the client's own identity header was replaced");
        assertEquals("member", caller.role());
        // The request id reached the service in X-Request-Id (above); the token is the caller's, reused.
        assertEquals(null, caller.requestId());
    }

    @Test
    void answersOfEverySizeArriveWholeBufferedOrStreamed() {
        // Up to 64 KiB declared: read whole and sent at once; beyond it, or without a length: streamed.
        int[] sizes = {0, 1, 1_000, 64 * 1024, 64 * 1024 + 1, 300_000};
        for (int size : sizes) {
            for (boolean chunked : new boolean[] {false, true}) {
                io.restassured.response.Response answer = as(member).queryParam("answerBytes", size)
                        .queryParam("chunked", chunked).get("/api/v1/items");
                assertEquals(200, answer.statusCode(), "size " + size + (chunked ? " chunked" : ""));
                byte[] bytes = answer.asByteArray();
                assertEquals(size, bytes.length, "size " + size + (chunked ? " chunked" : ""));
                assertEquals(answer.header("X-Answer-Sha256"), StandInServices.sha256(bytes));
            }
        }
    }

    @Test
    void aSmallAnswerTheServiceBreaksOffIsA502NotAShortBody() {
        as(member).header("X-Request-Id", "broken-answer").queryParam("answerBytes", 10_000)
                .queryParam("breakOff", true).get("/api/v1/items")
                .then().statusCode(502).contentType("application/problem+json")
                .header("X-Request-Id", "broken-answer")
                .header("RateLimit-Limit", notNullValue())
                .header("X-Answer-Sha256", org.hamcrest.Matchers.nullValue())
                .body("detail", equalTo("ingestion-service broke off its answer"));
    }

    @Test
    void theServiceLearnsWhereTheCallCameFrom() {
        as(member).header("Host", "api.flowlens.example:8443").get("/api/v1/items")
                .then().statusCode(200)
                .body("forwardedHost", equalTo("api.flowlens.example:8443"))
                .body("forwardedFor", equalTo("127.0.0.1"))
                .body("forwardedProto", equalTo("http"));
    }

    @Test
    void aDeclaredLengthIsReadAsANumberOrNotAtAll() {
        assertEquals(42, Proxy.contentLength("42"));
        assertEquals(42, Proxy.contentLength(" 42 "));
        assertEquals(-1, Proxy.contentLength(null));
        assertEquals(-1, Proxy.contentLength("lots"));
    }

    @Test
    void aRequestIdIsCreatedWhenTheCallerSendsNone() {
        String id = as(member).get("/api/v1/items").then().statusCode(200)
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}")).extract().header("X-Request-Id");
        as(member).get("/api/v1/items").then().body("requestId", notNullValue());
        String echoed = as(member).get("/api/v1/items").then().extract().path("requestId");
        assertNotEquals(id, echoed, "each request gets its own id");
    }

    @Test
    void bodiesArriveByteForByte() {
        byte[] body = new byte[300_000];
        new Random(7).nextBytes(body);
        as(member).contentType("application/octet-stream").body(body).post("/api/v1/imports")
                .then().statusCode(200)
                .body("bodyLength", equalTo(body.length))
                .body("bodySha256", equalTo(StandInServices.sha256(body)))
                .body("contentType", org.hamcrest.Matchers.startsWith("application/octet-stream"));
        String ndjson = "{\"kind\":\"item\",\"id\":\"SHOP-1\"}\r\n{\"kind\":\"transition\",\"item\":\"SHOP-1\"}\n";
        as(member).contentType("application/x-ndjson").body(ndjson.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/connections/c1/imports")
                .then().statusCode(200)
                .body("bodySha256", equalTo(StandInServices.sha256(ndjson.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }

    @Test
    void aCallerExpecting100ContinueGetsItAndTheBodyArrives() throws Exception {
        byte[] body = "{\"kind\":\"item\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(5_000);
            var out = socket.getOutputStream();
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream()));
            out.write(("POST /api/v1/imports HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + member
                    + "\r\nConnection: close\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: " + body.length
                    + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            assertEquals("HTTP/1.1 100 Continue", in.readLine());
            in.readLine();
            out.write(body);
            out.flush();
            assertEquals("HTTP/1.1 200 OK", in.readLine());
            String line = in.readLine();
            while (line != null && !line.contains("bodySha256")) {
                line = in.readLine();
            }
            org.hamcrest.MatcherAssert.assertThat(line, org.hamcrest.Matchers.containsString(StandInServices.sha256(body)));
        }
    }

    @Test
    void trackerWebhooksPassWithoutAKeyAsWebhookIdentityWithTheirExactBytes() {
        String payload = "{ \"action\" : \"opened\",\n  \"number\": 42 }";
        String identity = given().header("X-Hub-Signature-256", "sha256=abc").contentType("application/json")
                .body(payload).post("/api/v1/webhooks/github/c1")
                .then().statusCode(200).header("X-Stand-In", "ingestion")
                .body("bodySha256", equalTo(StandInServices.sha256(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .extract().path("identity");
        Caller caller = IDENTITY.verify(identity).orElseThrow();
        assertEquals("webhook", caller.role());
        assertEquals(null, caller.tenantId());
    }

    @Test
    void internalAndUnknownPathsAreNotRouted() {
        Gateway.control("reset");
        as(member).post("/internal/v1/item-events").then().statusCode(404).contentType("application/problem+json");
        as(member).get("/api/v1/nothing-here").then().statusCode(404).contentType("application/problem+json");
        as(member).get("/api/v1/items/../../../internal/v1/item-events").then().statusCode(404);
        as(member).urlEncodingEnabled(false).get("/api/v1/items/%2e%2e/%2e%2e/%2e%2e/internal/v1/x")
                .then().statusCode(404);
        assertEquals("0", Gateway.control("hits/ingestion"));
        assertEquals("0", Gateway.control("hits/metrics"));
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413() throws Exception {
        Gateway.control("reset");
        // Declared too large: refused before any of it is read.
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", io.restassured.RestAssured.port)) {
            socket.getOutputStream().write(("POST /api/v1/imports HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + member
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + (11L * 1024 * 1024) + "\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream())).readLine();
            assertEquals("HTTP/1.1 413 Request Entity Too Large", status);
        }
        // Chunked, so only counted while streaming: cut off at the limit with a 413 too.
        var http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        byte[] chunk = new byte[1024 * 1024];
        var body = java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.InputStream() {
            long sent;

            @Override
            public int read() {
                return sent++ < 11L * chunk.length ? 'x' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (sent >= 11L * chunk.length) {
                    return -1;
                }
                int n = (int) Math.min(len, 11L * chunk.length - sent);
                sent += n;
                return n;
            }
        });
        int status;
        try {
            status = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                    "http://127.0.0.1:" + io.restassured.RestAssured.port + "/api/v1/imports"))
                    .header("X-API-Key", member).POST(body).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (java.io.IOException cutOff) {
            status = 413; // the gateway may close the connection before the client reads the answer
        }
        assertEquals(413, status);
        assertEquals("0", Gateway.control("hits/ingestion"), "the stand-in never answered a cut-off body");
    }

    @Test
    void corsAllowsConfiguredOriginsOnly() {
        given().header("Origin", "https://app.example.test").header("Access-Control-Request-Method", "GET")
                .options("/api/v1/items")
                .then().statusCode(200).header("Access-Control-Allow-Origin", "https://app.example.test");
        as(member).header("Origin", "https://app.example.test").get("/api/v1/items")
                .then().statusCode(200).header("Access-Control-Allow-Origin", "https://app.example.test")
                .header("Access-Control-Expose-Headers", org.hamcrest.Matchers.containsString("X-Request-Id"));
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET")
                .options("/api/v1/items")
                .then().header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
    }
}
