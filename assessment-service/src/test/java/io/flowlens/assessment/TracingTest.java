package io.flowlens.assessment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.flowlens.assessment.support.Api;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;

/** A call continues the trace the gateway passes on (W3C traceparent), so one trace spans both. */
@QuarkusTest
class TracingTest {

    @Inject
    InMemorySpanExporter spans;

    @Test
    void aCallContinuesTheGatewaysTrace() throws InterruptedException {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        String gatewaySpan = "b7ad6b7169203331";
        Api.as("tenant-tracing", "reader").header("traceparent", "00-" + traceId + "-" + gatewaySpan + "-01")
                .get("/api/v1/questionnaires").then().statusCode(200);

        List<SpanData> server = List.of();
        // Up to 15 s: spans reach the exporter through the SDK's batch processor, every 5 s.
        for (int i = 0; i < 300 && server.isEmpty(); i++) {
            server = spans.getFinishedSpanItems().stream()
                    .filter(s -> s.getTraceId().equals(traceId) && s.getKind() == SpanKind.SERVER).toList();
            Thread.sleep(50);
        }
        assertEquals(1, server.size(), "one server span in the gateway's trace: " + spans.getFinishedSpanItems());
        assertEquals(gatewaySpan, server.get(0).getParentSpanId());
    }
}
