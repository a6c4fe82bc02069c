package io.flowlens.gateway.routing;

import static io.flowlens.gateway.support.Gateway.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;


import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.flowlens.gateway.support.Gateway;
import io.flowlens.gateway.support.Gateway.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * What the gateway refuses itself is problem+json too (a CORS refusal, a body too large for its
 * own resources), and its own resources answer with one X-Request-Id.
 */
@QuarkusTest
class GatewayProblemsTest {

    static TestTenant tenant;
    static String member;

    @BeforeEach
    void tenant() {
        if (tenant == null) {
            tenant = Gateway.newTenant("Problems");
            member = Gateway.newKey(tenant, "member").getString("key");
        }
    }

    @Test
    void aCorsRefusalIsAProblem() {
        Gateway.control("reset");
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET")
                .options("/api/v1/items")
                .then().statusCode(403).contentType("application/problem+json")
                .header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue())
                .body("status", equalTo(403)).body("detail", containsString("https://evil.example"));
        as(member).header("Origin", "https://evil.example").get("/api/v1/items")
                .then().statusCode(403).contentType("application/problem+json");
        assertEquals("0", Gateway.control("hits/ingestion"), "a refused origin reaches no service");
        // The configured origin, and the gateway's own pages (Swagger UI), are let through.
        as(member).header("Origin", "https://app.example.test").get("/api/v1/items").then().statusCode(200);
        as(tenant.adminKey()).header("Origin", "http://localhost:" + RestAssured.port)
                .get("/api/v1/tenants/" + tenant.id()).then().statusCode(200);
    }

    @Test
    void aBodyTooLargeForTheGatewaysOwnResourcesIsAProblem() throws Exception {
        // Declared: refused before it is read (LargeImportTest covers that for every route). Chunked,
        // so only counted while read: 11 MB of it, as far as the gateway lets it come.
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", RestAssured.port)) {
            var out = socket.getOutputStream();
            out.write(("POST /api/v1/tenants HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + Gateway.PLATFORM_KEY + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] chunk = new byte[1024 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            try {
                for (int i = 0; i < 11; i++) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            } catch (java.io.IOException closedWhileSending) {
                // the gateway answered and closed before the rest was sent: its answer is still there to read
            }
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream()));
            assertEquals("HTTP/1.1 413 Request Entity Too Large", in.readLine());
            String line;
            String type = null;
            while ((line = in.readLine()) != null && !line.isEmpty()) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-type:")) {
                    type = line.substring(13).trim();
                }
            }
            assertEquals("application/problem+json", type);
        }
    }

    @Test
    void theGatewaysOwnResourcesSendOneRequestId() {
        Response own = as(tenant.adminKey()).header("X-Request-Id", "one-id-please").get("/api/v1/tenants/" + tenant.id());
        assertEquals(java.util.List.of("one-id-please"), own.headers().getValues("X-Request-Id"));
        Response missing = as(tenant.adminKey()).get("/api/v1/tenants/" + tenant.id() + "/api-keys/nope");
        assertEquals(404, missing.statusCode());
        assertEquals(1, missing.headers().getValues("X-Request-Id").size());
        Response created = Gateway.as(Gateway.PLATFORM_KEY).contentType("application/json").body("{\"name\":\"One id\"}")
                .post("/api/v1/tenants");
        assertEquals(201, created.statusCode());
        assertEquals(1, created.headers().getValues("X-Request-Id").size());
        assertEquals(1, given().get("/q/openapi").headers().getValues("X-Request-Id").size());
        assertEquals(1, as(member).get("/api/v1/items").headers().getValues("X-Request-Id").size());
    }
}
