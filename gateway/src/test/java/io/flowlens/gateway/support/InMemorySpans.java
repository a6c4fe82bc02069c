package io.flowlens.gateway.support;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;

/**
 * Tests trace with the OpenTelemetry SDK on (%test profile) and keep finished spans in memory:
 * a span exporter bean replaces the OTLP exporter, so no collector is needed.
 */
public class InMemorySpans {

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }
}
