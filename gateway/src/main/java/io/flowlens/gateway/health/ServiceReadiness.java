package io.flowlens.gateway.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.flowlens.gateway.config.GatewayConfig;
import io.flowlens.gateway.domain.Upstream;
import io.flowlens.gateway.routing.Upstreams;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * One readiness check per service, named after it, so {@code /q/health/ready} (management
 * interface) shows which service is down: its liveness on its management interface, and its
 * circuit. By default a service down is reported as data and the gateway stays ready: taking
 * every gateway replica out of the load balancer because one service is down would turn one
 * service's outage into the whole API's (the gateway answers 503 for that service alone).
 * Liveness never depends on them.
 */
@ApplicationScoped
public class ServiceReadiness {

    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    @Inject
    Upstreams upstreams;

    @Inject
    GatewayConfig config;

    @Produces
    @Readiness
    AsyncHealthCheck ingestion() {
        return () -> probe(Upstream.INGESTION);
    }

    @Produces
    @Readiness
    AsyncHealthCheck metrics() {
        return () -> probe(Upstream.METRICS);
    }

    @Produces
    @Readiness
    AsyncHealthCheck assessment() {
        return () -> probe(Upstream.ASSESSMENT);
    }

    Uni<HealthCheckResponse> probe(Upstream upstream) {
        Upstreams.Target target = upstreams.target(upstream);
        java.net.URI management = target.management();
        boolean ssl = "https".equalsIgnoreCase(management.getScheme());
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(management.getHost())
                .setPort(management.getPort() > 0 ? management.getPort() : ssl ? 443 : 80).setSsl(ssl)
                .setURI(management.getRawPath() + "/q/health/live")
                .setIdleTimeout(PROBE_TIMEOUT.toMillis());
        var future = target.client().request(options)
                .compose(request -> request.send())
                .map(response -> {
                    response.body();
                    return response.statusCode();
                });
        return Uni.createFrom().completionStage(future.toCompletionStage())
                .map(status -> response(target, status == 200, "HTTP " + status))
                .onFailure().recoverWithItem(e -> response(target, false,
                        e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }

    private HealthCheckResponse response(Upstreams.Target target, boolean up, String detail) {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named(target.upstream().serviceName())
                .withData("url", target.base().toString())
                .withData("management", target.management().toString())
                .withData("circuit", target.breaker().state().name().toLowerCase(java.util.Locale.ROOT))
                .withData("service", up ? "UP" : "DOWN");
        if (!up) {
            builder.withData("detail", detail);
        }
        return builder.status(up || !config.health().requireServices()).build();
    }
}
