package io.flowlens.gateway.routing;

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
        HttpServerResponse response = ctx.response();
        if (response.headWritten()) {
            // Part of a service's answer is already out: all we can do is cut the connection.
            response.reset();
            return;
        }
        Problem problem = new Problem(Problem.TYPE_BASE + type, title, status, detail, ctx.request().path(), null);
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(Json.encode(problem));
    }
}
