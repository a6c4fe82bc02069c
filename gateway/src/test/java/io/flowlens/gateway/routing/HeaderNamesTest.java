package io.flowlens.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

class HeaderNamesTest {

    private final HeaderNames hopByHop = new HeaderNames(Set.of("connection", "te", "Transfer-Encoding", "x-api-key"));

    @Test
    void namesMatchIgnoringCase() {
        assertTrue(hopByHop.contains("connection"));
        assertTrue(hopByHop.contains("Connection"));
        assertTrue(hopByHop.contains("TE"));
        assertTrue(hopByHop.contains("transfer-encoding"));
        assertTrue(hopByHop.contains("X-API-KEY"));
    }

    @Test
    void otherNamesDoNotMatch() {
        assertFalse(hopByHop.contains("Content-Type"));
        assertFalse(hopByHop.contains("connectio"));
        assertFalse(hopByHop.contains("connections"));
        assertFalse(hopByHop.contains(""));
        assertFalse(hopByHop.contains("a-header-name-longer-than-any-in-the-set"));
        assertFalse(hopByHop.contains("ta"));
    }

    @Test
    void theProxysListsCoverCredentialsAndHopByHopHeaders() {
        assertTrue(Proxy.NOT_FORWARDED.contains("Authorization"));
        assertTrue(Proxy.NOT_FORWARDED.contains("X-Flowlens-Identity"));
        assertTrue(Proxy.NOT_FORWARDED.contains("Keep-Alive"));
        assertFalse(Proxy.NOT_FORWARDED.contains("X-Request-Id"));
        assertTrue(Proxy.NOT_RETURNED.contains("X-Request-Id"));
        assertFalse(Proxy.NOT_RETURNED.contains("Content-Length"));
    }

    @Test
    void withTracingOnTheCallersTraceContextIsReplacedNotForwarded() {
        assertFalse(Proxy.NOT_FORWARDED.contains("traceparent"), "tracing off: the service continues the caller's trace");
        assertTrue(Proxy.NOT_FORWARDED_TRACING.contains("Traceparent"));
        assertTrue(Proxy.NOT_FORWARDED_TRACING.contains("tracestate"));
        assertTrue(Proxy.NOT_FORWARDED_TRACING.contains("Authorization"));
    }
}
