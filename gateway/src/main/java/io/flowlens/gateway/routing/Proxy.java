package io.flowlens.gateway.routing;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.flowlens.gateway.config.GatewayConfig;
import io.flowlens.gateway.domain.AccessPolicy;
import io.flowlens.gateway.domain.RouteTable.Route;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;

/**
 * Forwards one request to its service over a pooled keep-alive connection, streaming the body
 * both ways byte for byte (webhook signatures are over the exact bytes). Only reads without a
 * body are retried; a refused or timed-out call counts against the service's circuit breaker.
 */
@Singleton // no client proxy: it is called on every forwarded request
public class Proxy {

    private static final Logger LOG = Logger.getLogger(Proxy.class);
    static final String REFUSED = "flowlens.body-refused";
    /** Answers up to this size (declared) are read whole and sent at once; larger ones are streamed. */
    static final long BUFFERED_MAX = 64 * 1024;

    /** Connection-scoped headers (RFC 9110 7.6.1) and the caller's credentials stay at the gateway. */
    private static final Set<String> STAY = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "authorization",
            "x-api-key", "x-flowlens-identity", "expect");
    /**
     * On a tracker's webhook, {@code Authorization} is the tracker's own credential (Azure DevOps
     * sends the subscription's basic-auth password in it), not a Flowlens key: it goes on to
     * ingestion, which checks it. No key is ever read on that route, so none can leak through it.
     */
    private static final Set<String> STAY_WEBHOOK = STAY.stream().filter(name -> !name.equals("authorization"))
            .collect(java.util.stream.Collectors.toSet());
    private static final Set<String> TRACE_CONTEXT = Set.of("traceparent", "tracestate", "baggage");
    static final HeaderNames NOT_FORWARDED = new HeaderNames(STAY);
    /**
     * With tracing on, the gateway's call to the service carries the gateway's own trace context
     * (a child of the caller's); the caller's would make the service skip the gateway's span.
     */
    static final HeaderNames NOT_FORWARDED_TRACING = new HeaderNames(union(STAY, TRACE_CONTEXT));
    static final HeaderNames NOT_FORWARDED_WEBHOOK = new HeaderNames(STAY_WEBHOOK);
    static final HeaderNames NOT_FORWARDED_WEBHOOK_TRACING = new HeaderNames(union(STAY_WEBHOOK, TRACE_CONTEXT));
    /** The gateway sets its own request id and nosniff on every answer; a service's would make two. */
    static final HeaderNames NOT_RETURNED = new HeaderNames(Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "x-request-id",
            "x-content-type-options"));

    @Inject
    Upstreams upstreams;

    @Inject
    GatewayConfig config;

    @Inject
    BodyLimits bodyLimits;

    /** The gateway's public base (no trailing slash), for Location headers that name a service. */
    private String publicBase;

    @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false")
    boolean tracingOff;

    @jakarta.annotation.PostConstruct
    void init() {
        publicBase = config.openapi().serverUrl().replaceAll("/+$", "");
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).collect(java.util.stream.Collectors.toSet());
    }

    public void forward(RoutingContext ctx, Route route, String identityToken, String requestId) {
        HttpServerRequest request = ctx.request();
        Upstreams.Target target = upstreams.target(route.upstream());
        long now = System.nanoTime();
        if (!target.breaker().allow(now)) {
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(target.breaker().retryAfterSeconds(now)));
            request.resume();
            Problems.send(ctx, 503, "service-unavailable", "Service unavailable",
                    target.upstream().serviceName() + " is unavailable (failing recently; circuit open); try again shortly");
            return;
        }
        Duration timeout = upstreams.timeout(target, route.prefix());
        String query = request.query();
        RequestOptions options = new RequestOptions()
                .setMethod(request.method())
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.ssl())
                .setURI(ctx.normalizedPath() + (query == null ? "" : "?" + query))
                .setIdleTimeout(timeout.toMillis());
        MultiMap headers = options.getHeaders() == null ? MultiMap.caseInsensitiveMultiMap() : options.getHeaders();
        // Picking the set costs nothing per header: the webhook sets differ only by Authorization.
        HeaderNames notForwarded = route.webhook() ? (tracingOff ? NOT_FORWARDED_WEBHOOK : NOT_FORWARDED_WEBHOOK_TRACING)
                : (tracingOff ? NOT_FORWARDED : NOT_FORWARDED_TRACING);
        for (var header : request.headers()) {
            if (!notForwarded.contains(header.getKey())) {
                headers.add(header.getKey(), header.getValue());
            }
        }
        headers.set("X-Flowlens-Identity", identityToken);
        headers.set("X-Request-Id", requestId);
        headers.add("X-Forwarded-For", request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress());
        headers.set("X-Forwarded-Proto", request.scheme() == null ? "http" : request.scheme());
        io.vertx.core.net.HostAndPort authority = request.authority();
        if (authority != null) {
            headers.set("X-Forwarded-Host", authority.port() < 0 ? authority.host() : authority.host() + ":" + authority.port());
        }
        options.setHeaders(headers);

        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        // Without a declared length a body may still come: chunked (HTTP/1.1) or DATA frames (HTTP/2).
        boolean chunked = length == null && (request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null
                || (request.version() == io.vertx.core.http.HttpVersion.HTTP_2 && !request.isEnded()));
        boolean hasBody = chunked || (length != null && !length.equals("0"));
        int attempts = AccessPolicy.isRead(request.method().name()) && !hasBody ? 1 + config.proxy().retries() : 1;
        if (!hasBody) {
            // Nothing to stream: let the request finish so the connection stays usable.
            request.resume();
        }
        attempt(ctx, target, options, timeout, hasBody, chunked, attempts);
    }

    private void attempt(RoutingContext ctx, Upstreams.Target target, RequestOptions options, Duration timeout,
            boolean hasBody, boolean chunked, int attemptsLeft) {
        target.client().request(options).onComplete(opened -> {
            if (opened.failed()) {
                failed(ctx, target, options, timeout, hasBody, chunked, attemptsLeft, opened.cause());
                return;
            }
            HttpClientRequest upstream = opened.result();
            // Failures arrive through response() below; without a handler Vert.x logs each as an error.
            upstream.exceptionHandler(e -> LOG.debugf("call to %s failed: %s", target.upstream().serviceName(), e));
            upstream.response().onComplete(answered -> {
                if (answered.failed()) {
                    failed(ctx, target, options, timeout, hasBody, chunked, attemptsLeft, answered.cause());
                } else {
                    target.breaker().onSuccess();
                    relay(ctx, target, answered.result());
                }
            });
            if (hasBody) {
                stream(ctx, upstream, chunked);
            } else {
                upstream.end();
            }
        });
    }

    /** Streams the caller's body to the service with back-pressure, refusing it past the body limit. */
    private void stream(RoutingContext ctx, HttpClientRequest upstream, boolean chunked) {
        HttpServerRequest request = ctx.request();
        // An import may be gigabytes (streamed, never held: back-pressure below); others 10 MB.
        long max = bodyLimits.limitFor(request.path());
        long[] received = {0};
        if (chunked) {
            upstream.setChunked(true);
        }
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            // The caller waits for our go-ahead before sending the body (curl does for large uploads).
            ctx.response().writeContinue();
        }
        request.handler(chunk -> {
            received[0] += chunk.length();
            if (received[0] > max) {
                request.handler(null);
                ctx.put(REFUSED, Boolean.TRUE);
                ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
                Problems.send(ctx, 413, "payload-too-large", "Payload too large",
                        "the body is larger than the " + max + " bytes this API accepts");
                upstream.reset();
                return;
            }
            upstream.write(chunk);
            if (upstream.writeQueueFull()) {
                request.pause();
                upstream.drainHandler(v -> request.resume());
            }
        });
        request.exceptionHandler(e -> upstream.reset());
        request.endHandler(v -> {
            if (received[0] <= max) {
                upstream.end();
            }
        });
        request.resume();
    }

    private void relay(RoutingContext ctx, Upstreams.Target target, HttpClientResponse answer) {
        HttpServerResponse response = ctx.response();
        if (response.ended()) {
            answer.request().reset();
            return;
        }
        response.setStatusCode(answer.statusCode());
        response.setStatusMessage(answer.statusMessage());
        for (var header : answer.headers()) {
            String name = header.getKey();
            if (!NOT_RETURNED.contains(name)) {
                // Two length-checked comparisons per header; a rewrite allocates only when a
                // service names itself (a 201/202's Location), which is rare on the hot path.
                boolean location = name.equalsIgnoreCase("location") || name.equalsIgnoreCase("content-location");
                response.headers().add(name, location ? publicLocation(header.getValue(), target) : header.getValue());
            }
        }
        if (answer.getHeader(HttpHeaders.CONTENT_LENGTH) == null && answer.statusCode() != 204
                && answer.statusCode() != 304 && ctx.request().method() != io.vertx.core.http.HttpMethod.HEAD) {
            response.setChunked(true);
        }
        long length = contentLength(answer.getHeader(HttpHeaders.CONTENT_LENGTH));
        if (length >= 0 && length <= BUFFERED_MAX && ctx.request().method() != io.vertx.core.http.HttpMethod.HEAD) {
            // A small answer (most are) is read whole and sent in one write, head and body together,
            // as nginx buffers answers: streaming it cost a write and a flush per piece.
            answer.body().onComplete(read -> {
                if (read.failed() && !response.headWritten() && !response.closed()) {
                    // Nothing of it has reached the caller yet: say so instead of cutting the line.
                    LOG.debugf("answer from service broke off: %s", read.cause().getMessage());
                    answer.request().reset();
                    // The service's headers go; the gateway's own (request id, rate limit, CORS) stay.
                    answer.headers().names().forEach(response.headers()::remove);
                    Problems.send(ctx, 502, "bad-gateway", "Bad gateway", target.upstream().serviceName()
                            + " broke off its answer");
                } else if (read.failed()) {
                    brokeOff(ctx, answer, read.cause());
                } else if (!response.ended()) {
                    response.end(read.result());
                }
            });
            return;
        }
        answer.pipe().endOnFailure(false).to(response).onFailure(e -> brokeOff(ctx, answer, e));
    }

    /**
     * Either side went away mid-answer: the caller hung up or the service broke off. The caller
     * must not take a cut-off answer for a whole one, so its connection (HTTP/1.1) or stream
     * (HTTP/2) ends here. Closing is a no-op on a connection that is gone already, where a reset
     * writes to it once more (and Netty warns of a buffer released twice).
     */
    private static void brokeOff(RoutingContext ctx, HttpClientResponse answer, Throwable cause) {
        LOG.debugf("response from service broke off: %s", cause.getMessage());
        answer.request().reset();
        if (ctx.request().version() == io.vertx.core.http.HttpVersion.HTTP_2) {
            ctx.response().reset();
        } else {
            ctx.request().connection().close();
        }
    }

    /**
     * A Location that points at the service's own base URL (a service builds absolute URLs from
     * the Host it was called with: its internal address) pointed at the gateway's public base
     * instead, so a client following it goes through the gateway. Relative ones and any other
     * URL are left as they are.
     */
    String publicLocation(String value, Upstreams.Target target) {
        for (String origin : target.origins()) {
            int length = origin.length();
            if (value.regionMatches(true, 0, origin, 0, length)
                    && (value.length() == length || "/?#".indexOf(value.charAt(length)) >= 0)) {
                return publicBase + value.substring(length);
            }
        }
        return value;
    }

    /** The declared length, or -1 when there is none (or it is not a number). */
    static long contentLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void failed(RoutingContext ctx, Upstreams.Target target, RequestOptions options, Duration timeout,
            boolean hasBody, boolean chunked, int attemptsLeft, Throwable cause) {
        if (ctx.get(REFUSED) != null) {
            // We cut the call off ourselves (body too large): not the service's fault.
            return;
        }
        target.breaker().onFailure(System.nanoTime());
        if (attemptsLeft > 1 && !ctx.response().headWritten() && target.breaker().allow(System.nanoTime())) {
            attempt(ctx, target, options, timeout, hasBody, chunked, attemptsLeft - 1);
            return;
        }
        String service = target.upstream().serviceName();
        if (ctx.response().headWritten()) {
            ctx.response().reset();
        } else if (cause instanceof TimeoutException) {
            Problems.send(ctx, 504, "gateway-timeout", "Gateway timeout",
                    service + " did not answer within " + timeout.toMillis() + " ms");
        } else {
            Problems.send(ctx, 503, "service-unavailable", "Service unavailable",
                    service + " is not reachable (" + reason(cause) + ")");
        }
    }

    private static String reason(Throwable cause) {
        String message = cause.getMessage();
        if (message == null) {
            return cause.getClass().getSimpleName();
        }
        // Vert.x names the address in the message; keep the kind of failure only.
        return message.toLowerCase(Locale.ROOT).contains("refused") ? "connection refused"
                : message.toLowerCase(Locale.ROOT).contains("closed") ? "connection closed" : "connection failed";
    }
}
