package io.flowlens.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.flowlens.gateway.config.GatewayConfig;
import io.flowlens.gateway.domain.CircuitBreaker;
import io.flowlens.gateway.domain.Upstream;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;

/**
 * The three services as the gateway reaches them: one pooled keep-alive HTTP client and one
 * circuit breaker per service, and the timeout for each route.
 */
@Singleton // no client proxy: it is called on every forwarded request
public class Upstreams {

    /**
     * A service's clients, address and breaker. Each event loop gets its own client, so a
     * forwarded call and its pooled connection stay on the loop that received it (a shared pool
     * hands out connections bound to other loops: two thread hops per request).
     */
    public record Target(Upstream upstream, HttpClient shared, java.util.function.Supplier<HttpClient> factory,
            Map<Thread, HttpClient> perLoop, String host, int port, boolean ssl, URI base, URI management,
            String[] origins, Duration timeout, CircuitBreaker breaker) {

        public HttpClient client() {
            if (!io.vertx.core.Context.isOnEventLoopThread()) {
                return shared;
            }
            return perLoop.computeIfAbsent(Thread.currentThread(), thread -> factory.get());
        }
    }

    private final Map<Upstream, Target> targets = new EnumMap<>(Upstream.class);

    @Inject
    GatewayConfig config;

    @Inject
    Vertx vertx;

    @jakarta.annotation.PostConstruct
    void init() {
        for (Upstream upstream : Upstream.values()) {
            if (upstream == Upstream.GATEWAY) {
                continue;
            }
            GatewayConfig.Service service = config.services().get(upstream.key());
            if (service == null) {
                throw new IllegalStateException("flowlens.gateway.services." + upstream.key() + ".url is not set");
            }
            URI base = URI.create(service.url());
            boolean ssl = "https".equalsIgnoreCase(base.getScheme());
            int port = base.getPort() > 0 ? base.getPort() : (ssl ? 443 : 80);
            HttpClientOptions options = new HttpClientOptions()
                    .setKeepAlive(true)
                    .setSsl(ssl)
                    .setConnectTimeout((int) config.proxy().connectTimeout().toMillis())
                    .setKeepAliveTimeout(60)
                    .setDecompressionSupported(false);
            PoolOptions pool = new PoolOptions().setHttp1MaxSize(config.proxy().poolSize()).setMaxWaitQueueSize(10_000);
            java.util.function.Supplier<HttpClient> factory = () -> vertx.createHttpClient(options, pool);
            targets.put(upstream, new Target(upstream, factory.get(), factory,
                    new java.util.concurrent.ConcurrentHashMap<>(), base.getHost(), port, ssl, base,
                    URI.create(service.managementUrl().replaceAll("/+$", "")), origins(base.getHost(), port, ssl),
                    service.timeout(),
                    new CircuitBreaker(config.proxy().breakerFailures(), config.proxy().breakerOpen().toNanos())));
        }
    }

    /**
     * How the service's own absolute URLs begin (it builds them from the Host the gateway calls it
     * with): scheme, host and port, and without the port when it is the scheme's default.
     */
    static String[] origins(String host, int port, boolean ssl) {
        String scheme = ssl ? "https://" : "http://";
        boolean defaultPort = port == (ssl ? 443 : 80);
        return defaultPort ? new String[] {scheme + host + ":" + port, scheme + host}
                : new String[] {scheme + host + ":" + port};
    }

    public Target target(Upstream upstream) {
        return targets.get(upstream);
    }

    /** The timeout of a route: its own override, else its service's. */
    public Duration timeout(Target target, String prefix) {
        Duration own = config.routeTimeouts().get(prefix);
        return own != null ? own : target.timeout();
    }

    public Iterable<Target> all() {
        return targets.values();
    }

    @PreDestroy
    void close() {
        targets.values().forEach(t -> {
            t.shared().close();
            t.perLoop().values().forEach(HttpClient::close);
        });
    }
}
