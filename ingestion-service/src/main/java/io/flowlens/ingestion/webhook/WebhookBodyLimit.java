package io.flowlens.ingestion.webhook;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.flowlens.common.problem.Problem;
import io.flowlens.ingestion.config.IngestionConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;

/**
 * The service-wide body limit is sized for imports (gigabytes, streamed); webhooks get their own,
 * much smaller one. A declared length over it is refused before any byte is read; a chunked
 * body is counted while it is read ({@link WebhookResource}).
 */
public class WebhookBodyLimit {

    @Inject
    IngestionConfig config;

    void install(@Observes Router router) {
        long max = config.webhookMaxBytes();
        router.routeWithRegex("/api/v1/webhooks/.*").order(Integer.MIN_VALUE + 5).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            long declared = -1;
            try {
                declared = length == null ? -1 : Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                declared = -1;
            }
            if (declared > max) {
                ctx.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(Json.encode(tooLarge(declared, max, ctx.request().path())));
                return;
            }
            ctx.next();
        });
    }

    static Problem tooLarge(long size, long max, String path) {
        return new Problem(Problem.TYPE_BASE + "payload-too-large", "Payload too large", 413,
                "the webhook body is " + (size < 0 ? "over the limit" : size + " bytes")
                        + "; webhooks accept at most " + max + " bytes",
                path, null);
    }
}
