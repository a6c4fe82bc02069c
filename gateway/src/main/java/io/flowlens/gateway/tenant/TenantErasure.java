package io.flowlens.gateway.tenant;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flowlens.common.identity.Caller;
import io.flowlens.common.identity.IdentityConfig;
import io.flowlens.common.identity.IdentityToken;
import io.flowlens.common.identity.Roles;
import io.flowlens.common.problem.ApiException;
import io.flowlens.common.problem.DatabaseUnavailable;
import io.flowlens.common.problem.Problem;
import io.flowlens.gateway.apikey.ApiKeyService;
import io.flowlens.gateway.config.GatewayConfig;
import io.flowlens.gateway.domain.Upstream;
import io.flowlens.gateway.tenant.TenantDtos.TenantErased;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Erases a tenant everywhere (docs/contracts.md, "Erasing a tenant"): its keys are revoked first,
 * so the tenant is locked out before anything is erased; then each service erases its rows
 * ({@code DELETE /internal/v1/tenants/{id}}, role service), ingestion first so no new data
 * arrives; then the gateway erases its own (keys, the tenant) and keeps only the id and the time.
 * A service that fails stops the erasure with a problem naming it, and the tenant stays (locked
 * out) so the same call can be repeated: every step erases only what is left.
 */
@ApplicationScoped
public class TenantErasure {

    private static final Logger LOG = Logger.getLogger(TenantErasure.class);
    static final List<Upstream> ORDER = List.of(Upstream.INGESTION, Upstream.METRICS, Upstream.ASSESSMENT);

    @Inject
    ApiKeyService keys;

    @Inject
    GatewayConfig config;

    @Inject
    IdentityConfig identity;

    @Inject
    ObjectMapper json;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();

    public TenantErased erase(String tenantId, String confirm) {
        if (!"true".equals(confirm)) {
            throw new ApiException(400, "confirmation-required", "Confirmation required",
                    "erasing tenant " + tenantId + " deletes all its data in every service and cannot be undone;"
                            + " add ?confirm=true to do it",
                    List.of(new Problem.FieldError("confirm", "must be true to erase the tenant")));
        }
        boolean known = QuarkusTransaction.requiringNew().call(() -> lockOut(tenantId));
        if (!known) {
            throw ApiException.notFound("tenant", tenantId);
        }
        Map<String, Map<String, Object>> erased = new LinkedHashMap<>();
        erased.put("gateway", Map.of());
        for (Upstream upstream : ORDER) {
            erased.put(upstream.key(), eraseIn(upstream, tenantId));
        }
        erased.put("gateway", QuarkusTransaction.requiringNew().call(() -> eraseOwn(tenantId)));
        LOG.infof("tenant %s erased: %s", tenantId, erased);
        return new TenantErased(tenantId, erased);
    }

    /** Revokes the tenant's keys; false when the tenant neither exists nor was erased before. */
    boolean lockOut(String tenantId) {
        Tenant tenant = Tenant.findById(tenantId);
        if (tenant != null) {
            keys.revokeAll(tenant);
            return true;
        }
        return ErasedTenant.findById(tenantId) != null;
    }

    Map<String, Object> eraseOwn(String tenantId) {
        long apiKeys = keys.deleteAll(tenantId);
        long tenants = Tenant.delete("id", tenantId);
        if (ErasedTenant.findById(tenantId) == null) {
            ErasedTenant tombstone = new ErasedTenant();
            tombstone.id = tenantId;
            tombstone.erasedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            tombstone.persist();
        }
        Map<String, Object> own = new LinkedHashMap<>();
        own.put("apiKeys", apiKeys);
        own.put("tenants", tenants);
        return own;
    }

    /** One service's erasure, as it reports it; a failure is a problem naming the service. */
    private Map<String, Object> eraseIn(Upstream upstream, String tenantId) {
        String base = config.services().get(upstream.key()).url().replaceAll("/+$", "");
        String token = new IdentityToken(identity.secret()).sign(new Caller(null, Roles.SERVICE, "gateway", null),
                identity.ttl());
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/internal/v1/tenants/" + tenantId))
                .timeout(config.erasureTimeout()).header(IdentityToken.HEADER, token)
                .header("Accept", "application/json").DELETE().build();
        String service = upstream.serviceName();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw incomplete(504, "gateway-timeout", "Gateway timeout", tenantId,
                    service + " did not finish erasing within " + config.erasureTimeout().toSeconds() + " s");
        } catch (IOException e) {
            throw new RetryLater(tenantId, service + " is not reachable", DatabaseUnavailable.RETRY_AFTER_SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryLater(tenantId, "interrupted", DatabaseUnavailable.RETRY_AFTER_SECONDS);
        }
        if (response.statusCode() == 503) {
            // The service is there but cannot erase now (its database is away, say): a wait, not a fault.
            throw new RetryLater(tenantId, service + " is unavailable for now (HTTP 503)",
                    retryAfter(response.headers().firstValue("Retry-After").orElse(null)));
        }
        if (response.statusCode() != 200) {
            LOG.warnf("%s answered %d to erasing tenant %s: %s", service, response.statusCode(), tenantId,
                    new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
            throw incomplete(502, "bad-gateway", "Bad gateway", tenantId,
                    service + " could not erase it (HTTP " + response.statusCode() + ")");
        }
        try {
            Map<String, Object> answer = json.readValue(response.body(), new TypeReference<Map<String, Object>>() {
            });
            Object counts = answer.get("erased");
            if (!(counts instanceof Map<?, ?> map)) {
                throw new IOException("no \"erased\" object");
            }
            Map<String, Object> report = new LinkedHashMap<>();
            map.forEach((what, count) -> report.put(String.valueOf(what), count));
            return report;
        } catch (IOException e) {
            throw incomplete(502, "bad-gateway", "Bad gateway", tenantId,
                    service + " answered something that is not an erasure report");
        }
    }

    /** A 503 with Retry-After: a service could not be reached or asked to wait; repeating the call finishes it. */
    public static final class RetryLater extends ApiException {
        private final int retryAfterSeconds;

        RetryLater(String tenantId, String why, int retryAfterSeconds) {
            super(503, "service-unavailable", "Service unavailable", detail(tenantId, why));
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public int retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /** The service's Retry-After in seconds when it gave a usable one (1 s to 1 h), else ours. */
    static int retryAfter(String header) {
        try {
            int seconds = Integer.parseInt(header == null ? "" : header.trim());
            if (seconds >= 1 && seconds <= 3600) {
                return seconds;
            }
        } catch (NumberFormatException notSeconds) {
            // absent, or an HTTP date: ours
        }
        return DatabaseUnavailable.RETRY_AFTER_SECONDS;
    }

    private static String detail(String tenantId, String why) {
        return "tenant " + tenantId + " is not erased yet: " + why
                + ". Its keys are revoked and it is kept; repeat the same call to finish (what was erased stays erased)";
    }

    private static ApiException incomplete(int status, String type, String title, String tenantId, String why) {
        return new ApiException(status, type, title, detail(tenantId, why));
    }
}
