package io.flowlens.gateway.routing;

import io.flowlens.common.problem.DatabaseUnavailable;
import io.flowlens.common.problem.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;

/**
 * Problem+json answers the gateway gives at the Vert.x level (before or instead of a service),
 * in the same shape as common's exception mappers.
 */
public final class Problems {

    private Problems() {
    }

    public static void send(RoutingContext ctx, int status, String type, String title, String detail) {
        send(ctx, status, type, title, detail, null);
    }

    /** With the offending fields or parameters named ({@code errors[]}). */
    public static void send(RoutingContext ctx, int status, String type, String title, String detail,
            java.util.List<Problem.FieldError> errors) {
        HttpServerResponse response = ctx.response();
        if (response.headWritten()) {
            // Part of a service's answer is already out: all we can do is cut the connection.
            response.reset();
            return;
        }
        Problem problem = new Problem(Problem.TYPE_BASE + type, title, status, detail, instance(ctx.request().path()),
                errors);
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(GatewayRoutes.NOSNIFF_NAME, GatewayRoutes.NOSNIFF)
                .end(Json.encode(problem));
    }

    /**
     * The gateway's own database cannot be reached (a key could not be looked up): a 503 to retry,
     * worded and typed as common's mapper words it for every service.
     */
    public static void databaseUnavailable(RoutingContext ctx) {
        if (!ctx.response().headWritten()) {
            ctx.response().putHeader("Retry-After", String.valueOf(DatabaseUnavailable.RETRY_AFTER_SECONDS));
        }
        send(ctx, 503, "unavailable", "Service unavailable", "the service cannot reach its database; retry after "
                + DatabaseUnavailable.RETRY_AFTER_SECONDS + " seconds");
    }

    /** The path as the problem's instance, control characters shown as '?' (it is echoed to the caller). */
    static String instance(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                StringBuilder clean = new StringBuilder(path);
                for (int j = i; j < clean.length(); j++) {
                    if (clean.charAt(j) < 0x20 || clean.charAt(j) == 0x7f) {
                        clean.setCharAt(j, '?');
                    }
                }
                return clean.toString();
            }
        }
        return path;
    }
}
