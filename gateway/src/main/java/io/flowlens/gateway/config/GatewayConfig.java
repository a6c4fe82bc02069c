package io.flowlens.gateway.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything the gateway can be told; defaults are what a local run needs. */
@ConfigMapping(prefix = "flowlens.gateway")
public interface GatewayConfig {

    /**
     * The platform admin key (env FLOWLENS_ADMIN_KEY): creates tenants. Empty disables it.
     * Kept out of the database so a fresh install can bootstrap its first tenant.
     */
    Optional<String> platformKey();

    /**
     * The database password, required: the datasource's own property is optional, and Flyway
     * connects before {@link RequiredSecrets} can speak, so a gateway without
     * {@code FLOWLENS_DB_PASSWORD} would fail on PostgreSQL's refusal (or, where PostgreSQL trusts
     * the host, start). Required here, the configuration check refuses to start before anything
     * connects, naming the variable. Never read by code.
     */
    @io.smallrye.config.WithName("required.database-password")
    String requiredDatabasePassword();

    /** The downstream services by key: ingestion, metrics, assessment. */
    Map<String, Service> services();

    /** Per-route timeout overrides, by first path segment after /api/v1/ (e.g. imports=120s). */
    Map<String, Duration> routeTimeouts();

    Proxy proxy();

    RateLimit rateLimit();

    Keys keys();

    Oidc oidc();

    OpenApi openapi();

    Health health();

    AccessLog accessLog();

    BodyLimits bodyLimits();

    /** How long one service may take to erase a tenant's data (DELETE /api/v1/tenants/{id}). */
    @WithDefault("5m")
    Duration erasureTimeout();

    interface Service {
        /** Base URL, e.g. http://127.0.0.1:8081 (env FLOWLENS_INGESTION_URL etc.). */
        String url();

        /**
         * Base URL of the service's management interface (its health and OpenAPI document),
         * e.g. http://127.0.0.1:9081 (env FLOWLENS_INGESTION_MANAGEMENT_URL etc.).
         */
        String managementUrl();

        /** How long the service may take to answer before the caller gets a 504. */
        @WithDefault("30s")
        Duration timeout();
    }

    interface Proxy {
        /** How long to wait for a TCP connection to a service before calling it down. */
        @WithDefault("1s")
        Duration connectTimeout();

        /** Extra attempts for GET/HEAD when the service cannot be reached or times out; never for writes. */
        @WithDefault("1")
        int retries();

        /** Pooled keep-alive connections per service. */
        @WithDefault("64")
        int poolSize();

        /** Consecutive failures (refused, timed out) that open a service's circuit. */
        @WithDefault("5")
        int breakerFailures();

        /** How long an open circuit answers 503 at once before a trial call. */
        @WithDefault("10s")
        Duration breakerOpen();
    }

    interface RateLimit {
        /** Bucket size per key: the burst a caller may send at once. */
        @WithDefault("200")
        long capacity();

        /** Tokens added per second per key: the sustained rate. */
        @WithDefault("50")
        double refillPerSecond();
    }

    interface Keys {
        /**
         * How often this replica reloads every key from the database, so a key revoked or
         * rotated on another replica stops working here within this interval. Changes made on
         * this replica take effect at once.
         */
        @WithDefault("10s")
        Duration refresh();
    }

    interface Oidc {
        /** Accept JWT bearer tokens from an OpenID Connect provider. */
        @WithDefault("false")
        boolean enabled();

        /** Expected `iss`. */
        Optional<String> issuer();

        /** Expected `aud`, if the provider sets one for this API. */
        Optional<String> audience();

        /** The provider's public keys: a JWKS file path or http(s) URL. */
        Optional<String> jwksLocation();

        /** Or one PEM public key file (RSA or EC). */
        Optional<String> publicKeyLocation();

        /** Claim naming the caller's tenant id. */
        @WithDefault("flowlens_tenant")
        String tenantClaim();

        /** Claim naming the caller's role (admin, member, reader, partner). */
        @WithDefault("flowlens_role")
        String roleClaim();
    }

    interface OpenApi {
        /** How often the services' documents are fetched again; the last good copy is served meanwhile. */
        @WithDefault("60s")
        Duration refresh();

        /**
         * The gateway's public base URL (env FLOWLENS_GATEWAY_URL): written into the document's
         * servers, and what a service's own base URL in a Location header is rewritten to.
         */
        @WithDefault("http://127.0.0.1:8080")
        String serverUrl();
    }

    interface AccessLog {
        /** One line per /api call: time, request id, method, path, service, status, duration. */
        @WithDefault("true")
        boolean enabled();

        /** Where the lines go: {@code stdout}, or a file (appended to). */
        @WithDefault("stdout")
        String path();

        /**
         * Each event loop writes its lines together, at the latest this long after the first
         * of them; lines still collected are written at shutdown.
         */
        @WithDefault("1s")
        Duration flushInterval();
    }

    interface BodyLimits {
        /**
         * Largest body of a connection's import ({@code POST /api/v1/connections/{id}/imports}),
         * streamed to ingestion, never held: ingestion's own limit. Every other route keeps
         * {@code quarkus.http.limits.max-body-size}.
         */
        @WithDefault("4G")
        io.quarkus.runtime.configuration.MemorySize imports();
    }

    interface Health {
        /**
         * Whether a service being down makes the gateway not ready (true), or is only reported
         * (false, the default: one service down must not take every gateway replica out of the
         * load balancer, and the gateway answers 503 for that service alone).
         */
        @WithDefault("false")
        boolean requireServices();
    }
}
