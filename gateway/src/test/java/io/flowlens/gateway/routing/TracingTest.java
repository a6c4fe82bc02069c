package io.flowlens.gateway.routing;

import static io.flowlens.gateway.support.Gateway.as;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.flowlens.gateway.support.Gateway;
import io.flowlens.gateway.support.Gateway.TestTenant;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Traces (OpenTelemetry): the gateway continues the caller's W3C trace or starts one, and the
 * service it forwards to receives the trace context of the gateway's own call to it.
 */
@QuarkusTest
class TracingTest {

    static TestTenant tenant;
    static String reader;

    @Inject
    InMemorySpanExporter spans;

    @BeforeEach
    void keys() {
        if (tenant == null) {
            tenant = Gateway.newTenant("tracing");
            reader = Gateway.newKey(tenant, "reader").getString("key");
        }
        spans.reset();
    }

    @Test
    void theCallersTraceContinuesThroughTheGatewayToTheService() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String callerSpan = "00f067aa0ba902b7";
        String received = as(reader).header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                .get("/api/v1/questionnaires").then().statusCode(200).extract().path("traceparent");

        assertNotNull(received, "the service got a traceparent");
        String[] parts = received.split("-");
        assertEquals(traceId, parts[1], "the service's call belongs to the caller's trace");
        assertNotEquals(callerSpan, parts[2], "its parent is the gateway's span, not the caller's");

        List<SpanData> trace = finished(traceId, 2);
        SpanData server = only(trace, SpanKind.SERVER);
        SpanData client = only(trace, SpanKind.CLIENT);
        assertEquals(callerSpan, server.getParentSpanId(), "the gateway's server span continues the caller's");
        assertEquals(server.getSpanId(), client.getParentSpanId(), "the call to the service is a child of it");
        assertEquals(client.getSpanId(), parts[2], "the service's parent is the gateway's call to it");
    }

    @Test
    void aCallWithoutTraceContextStartsATraceThatReachesTheService() {
        String received = as(reader).get("/api/v1/value-streams").then().statusCode(200)
                .extract().path("traceparent");
        assertNotNull(received);
        String traceId = received.split("-")[1];
        assertTrue(traceId.matches("[0-9a-f]{32}") && !traceId.matches("0+"), "a real trace id: " + traceId);
        List<SpanData> trace = finished(traceId, 2);
        assertEquals(SpanKind.SERVER, trace.stream().filter(s -> s.getParentSpanId().matches("0+")).findFirst()
                .map(SpanData::getKind).orElseThrow(), "the gateway's server span is the root");
    }

    private List<SpanData> finished(String traceId, int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems().stream()
                .filter(s -> s.getTraceId().equals(traceId)).count() >= count);
        return spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId)).toList();
    }

    private static SpanData only(List<SpanData> trace, SpanKind kind) {
        List<SpanData> ofKind = trace.stream().filter(s -> s.getKind() == kind).toList();
        assertEquals(1, ofKind.size(), "one " + kind + " span in " + trace);
        return ofKind.get(0);
    }
}
