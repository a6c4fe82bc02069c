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
 * One readiness check per service, named after it, so {@code /q/health/ready} shows which
 * service is down. Liveness never depends on them: the gateway itself stays alive.
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
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(target.host())
                .setPort(target.port()).setSsl(target.ssl()).setURI("/q/health/live")
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
                .withData("circuit", target.breaker().state().name().toLowerCase(java.util.Locale.ROOT))
                .withData("service", up ? "UP" : "DOWN");
        if (!up) {
            builder.withData("detail", detail);
        }
        return builder.status(up || !config.health().requireServices()).build();
    }
}
