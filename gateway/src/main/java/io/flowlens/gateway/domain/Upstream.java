package io.flowlens.gateway.domain;

/** Where a public path goes: one of the services, the gateway itself, or nowhere. */
public enum Upstream {
    GATEWAY("gateway"),
    INGESTION("ingestion-service"),
    METRICS("metrics-service"),
    ASSESSMENT("assessment-service");

    private final String serviceName;

    Upstream(String serviceName) {
        this.serviceName = serviceName;
    }

    /** The module name, as callers see it in problems and readiness. */
    public String serviceName() {
        return serviceName;
    }

    /** The configuration key ({@code ingestion}, {@code metrics}, {@code assessment}). */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
