package io.flowlens.gateway.openapi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** Serves the merged document at /q/openapi: JSON, or YAML with ?format=yaml or an Accept for YAML. */
@ApplicationScoped
public class OpenApiRoute {

    public static final String PATH = "/q/openapi";

    @Inject
    MergedOpenApi merged;

    @Inject
    Vertx vertx;

    void install(@Observes Router router) {
        router.get(PATH).handler(this::serve);
    }

    void serve(RoutingContext ctx) {
        boolean asYaml = wantsYaml(ctx.request().getParam("format"), ctx.request().getHeader(HttpHeaders.ACCEPT));
        vertx.executeBlocking(() -> merged.document(asYaml), false).onComplete(result -> {
            if (result.failed()) {
                ctx.fail(result.cause());
                return;
            }
            ctx.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, asYaml ? "application/yaml;charset=UTF-8"
                            : "application/json;charset=UTF-8")
                    .end(io.vertx.core.buffer.Buffer.buffer(result.result()));
        });
    }

    static boolean wantsYaml(String format, String accept) {
        if (format != null) {
            return format.equalsIgnoreCase("yaml") || format.equalsIgnoreCase("yml");
        }
        return accept != null && accept.contains("yaml") && !accept.contains("json");
    }
}
