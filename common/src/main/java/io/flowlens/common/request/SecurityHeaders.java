package io.flowlens.common.request;

import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;

/**
 * Headers every answer carries, whoever produces it (a resource, an error mapper, Vert.x's own
 * 404): {@code X-Content-Type-Options: nosniff}, so a browser never reads a JSON or text body
 * as something else.
 */
public class SecurityHeaders {

    static final String NOSNIFF = "X-Content-Type-Options";

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 5).handler(ctx -> {
            ctx.response().putHeader(NOSNIFF, "nosniff");
            ctx.next();
        });
    }
}
