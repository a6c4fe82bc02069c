package io.flowlens.gateway.routing;

import static io.flowlens.gateway.support.Gateway.as;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.flowlens.gateway.support.Gateway;
import io.flowlens.gateway.support.Gateway.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/**
 * A connection's import passes the gateway beyond the 10 MB every other route keeps, streamed
 * (the client never holds the body either: it is generated while sent), and arrives byte for
 * byte; past the import limit (64 MB in tests, 4 GB by default) it is refused as well.
 */
@QuarkusTest
class LargeImportTest {

    static final long SIZE = 12L * 1024 * 1024 + 17;
    static TestTenant tenant;
    static String member;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void tenant() {
        if (tenant == null) {
            tenant = Gateway.newTenant("Large imports");
            member = Gateway.newKey(tenant, "member").getString("key");
        }
    }

    /** SIZE bytes of NDJSON-ish text, made while read; its SHA-256 once read to the end. */
    static final class Generated extends InputStream {
        final MessageDigest digest;
        long sent;

        Generated() throws Exception {
            digest = MessageDigest.getInstance("SHA-256");
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (sent >= SIZE) {
                return -1;
            }
            int n = (int) Math.min(len, SIZE - sent);
            for (int i = 0; i < n; i++) {
                long at = sent + i;
                b[off + i] = at % 64 == 63 ? (byte) '\n' : (byte) ('a' + at % 26);
            }
            digest.update(b, off, n);
            sent += n;
            return n;
        }

        String sha256() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    private HttpResponse<String> send(String path, HttpRequest.BodyPublisher body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + path))
                .header("X-API-Key", member).header("Content-Type", "application/x-ndjson").POST(body).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anImportOverTenMegabytesIsStreamedThroughWhole() throws Exception {
        Generated chunked = new Generated();
        HttpResponse<String> answer = send("/api/v1/connections/c1/imports",
                HttpRequest.BodyPublishers.ofInputStream(() -> chunked));
        assertEquals(200, answer.statusCode(), answer.body());
        JsonPath received = JsonPath.from(answer.body());
        assertEquals("ingestion", received.getString("service"));
        assertEquals(SIZE, received.getLong("bodyLength"));
        assertEquals(chunked.sha256(), received.getString("bodySha256"));

        // With its length declared (over 10 MB): let through as well, not refused up front.
        Generated declared = new Generated();
        answer = send("/api/v1/connections/c1/imports/", HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> declared), SIZE));
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(SIZE, JsonPath.from(answer.body()).getLong("bodyLength"));
        assertEquals(declared.sha256(), JsonPath.from(answer.body()).getString("bodySha256"));
    }

    /** Declares a body of {@code length} bytes and sends none of it: the status line and whether the answer is a problem. */
    static String declared(String path, String key, long length) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", RestAssured.port)) {
            socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "X-API-Key: " + key + "\r\nContent-Type: application/x-ndjson\r\nContent-Length: "
                    + length + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream()));
            String status = in.readLine();
            String line;
            boolean problem = false;
            while ((line = in.readLine()) != null && !line.isEmpty()) {
                problem |= line.toLowerCase(java.util.Locale.ROOT).startsWith("content-type: application/problem+json");
            }
            return status + (problem ? " problem" : "");
        }
    }

    @Test
    void otherRoutesKeepTheirTenMegabytes() throws Exception {
        Gateway.control("reset");
        for (String path : new String[] {"/api/v1/connections/c1", "/api/v1/connections/c1/imports/x",
            "/api/v1/imports", "/api/v1/value-streams", "/api/v1/tenants"}) {
            assertEquals("HTTP/1.1 413 Request Entity Too Large problem", declared(path, member, SIZE), path);
        }
        assertEquals("0", Gateway.control("hits/ingestion"));
        assertEquals("0", Gateway.control("hits/metrics"));
    }

    @Test
    void anImportOverItsOwnLimitIsRefusedBeforeAnyOfItIsRead() throws Exception {
        Gateway.control("reset");
        assertEquals("HTTP/1.1 413 Request Entity Too Large problem",
                declared("/api/v1/connections/c1/imports", member, 65L * 1024 * 1024));
        assertEquals("0", Gateway.control("hits/ingestion"));
        as(member).contentType("application/x-ndjson").body("{}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/connections/c1/imports")
                .then().statusCode(200);
    }
}
