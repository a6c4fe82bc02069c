package io.flowlens.gateway.routing;

import static io.flowlens.gateway.support.Gateway.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.flowlens.gateway.support.Gateway;
import io.flowlens.gateway.support.Gateway.TestTenant;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A control character in a path or query is refused with a 400 naming where it is, before any
 * service sees it; the access line of such a call stays one line.
 */
@QuarkusTest
class ControlCharacterRefusalTest {

    static TestTenant tenant;
    static String member;

    @BeforeEach
    void tenant() {
        if (tenant == null) {
            tenant = Gateway.newTenant("Control characters");
            member = Gateway.newKey(tenant, "member").getString("key");
        }
    }

    @Test
    void inAPathItIsRefusedNamingThePath() {
        Gateway.control("reset");
        for (String path : List.of("/api/v1/questionnaires/%00", "/api/v1/items/a%0Ab", "/api/v1/items/%7f",
                "/api/v1/webhooks/%1b%5B31m")) {
            as(member).urlEncodingEnabled(false).get(path)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].pointer", equalTo("path"))
                    .body("detail", containsString("control character"));
        }
        assertEquals("0", Gateway.control("hits/assessment"));
        assertEquals("0", Gateway.control("hits/ingestion"));
    }

    @Test
    void inAQueryItIsRefusedNamingTheParameter() {
        Gateway.control("reset");
        as(member).urlEncodingEnabled(false).get("/api/v1/questionnaires/ccm?version=%00")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("version"));
        as(member).urlEncodingEnabled(false).get("/api/v1/value-streams?limit=5&q=a%C2%85b")
                .then().statusCode(400).body("errors[0].pointer", equalTo("q"));
        assertEquals("0", Gateway.control("hits/assessment"));
        assertEquals("0", Gateway.control("hits/metrics"));
        // Printable percent-encodings pass.
        as(member).urlEncodingEnabled(false).get("/api/v1/value-streams?q=a%20b%2Fc").then().statusCode(200);
    }

    @Test
    void anEncodedLineFeedCannotForgeAnAccessLogLine() throws Exception {
        String requestId = "forge-" + System.nanoTime();
        as(member).urlEncodingEnabled(false).header("X-Request-Id", requestId)
                .get("/api/v1/items/x%0a2026-01-01T00:00:00Z%20req:forged%20GET%20/api/v1/admin%20-%3E%20none%20200")
                .then().statusCode(400);
        Path log = Path.of("target/gateway-access.log");
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> Files.exists(log) && Files.readString(log).contains(requestId));
        List<String> lines = Files.readAllLines(log);
        List<String> own = lines.stream().filter(l -> l.contains(requestId)).toList();
        assertEquals(1, own.size());
        assertTrue(own.get(0).endsWith("-> none 400 " + own.get(0).replaceAll(".* 400 ", "")), own.get(0));
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("2026-01-01T00:00:00Z")), "no forged line");
    }
}
