package io.flowlens.gateway.routing;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.flowlens.gateway.config.GatewayConfig;
import io.flowlens.gateway.domain.RouteTable;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * The gateway's body limits by route, in place of common's single limit (excluded in
 * application.properties): a connection's import may be as large as ingestion accepts (4 GB),
 * every other route keeps {@code quarkus.http.limits.max-body-size} (10 MB). A declared length
 * over the limit is refused here with a 413 problem before any of the body is read; a body
 * without one is counted while it is streamed ({@link Proxy}). The gateway's own resources never
 * see the import limit: only forwarded import calls get it.
 */
@Singleton // no client proxy: it is called on every request
public class BodyLimits {

    /** Before the /api handler and Quarkus' own handlers; after the request id (so a 413 carries it). */
    static final int ORDER = Integer.MIN_VALUE + 10;

    private final long general;
    private final long imports;

    @Inject
    BodyLimits(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10M") MemorySize general,
            GatewayConfig config) {
        this.general = general.asLongValue();
        this.imports = config.bodyLimits().imports().asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(ctx -> {
            String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            // Most calls have no body or a small one: the path is looked at only past the general limit.
            if (declared != null) {
                long length = Proxy.contentLength(declared);
                long max = length > general ? limitFor(ctx.request().path()) : general;
                if (length > max) {
                    ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
                    Problems.send(ctx, 413, "payload-too-large", "Payload too large",
                            "the body is " + length + " bytes; this API accepts at most " + max + " here");
                    return;
                }
            }
            ctx.next();
        });
    }

    /** The limit of every route but imports. */
    public long general() {
        return general;
    }

    /** The limit of a path: an import's, or the general one. */
    public long limitFor(String path) {
        return RouteTable.isImport(path) ? imports : general;
    }
}
