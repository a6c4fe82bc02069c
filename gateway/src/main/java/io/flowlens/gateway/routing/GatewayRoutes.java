package io.flowlens.gateway.routing;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.flowlens.common.identity.Caller;
import io.flowlens.common.identity.IdentityConfig;
import io.flowlens.common.identity.IdentityToken;
import io.flowlens.common.identity.Roles;
import io.flowlens.common.problem.DatabaseUnavailable;
import io.flowlens.common.problem.Problem;
import io.flowlens.gateway.auth.AuthenticationFailure;
import io.flowlens.gateway.auth.Authenticator;
import io.flowlens.gateway.auth.Principal;
import io.flowlens.gateway.domain.AccessPolicy;
import io.flowlens.gateway.domain.ControlCharacters;
import io.flowlens.gateway.domain.CorsOrigins;
import io.flowlens.gateway.domain.RouteTable;
import io.flowlens.gateway.domain.RouteTable.Route;
import io.flowlens.gateway.domain.TokenBucket;
import io.flowlens.gateway.domain.Upstream;
import io.flowlens.gateway.limit.RateLimiter;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The front door, at the Vert.x level so a forwarded call never touches a blocking thread:
 * request id, authentication, rate limit and role check for every {@code /api} call, then
 * either the gateway's own resources (tenants, keys) or the owning service.
 */
@ApplicationScoped
public class GatewayRoutes {

    private static final Logger LOG = Logger.getLogger(GatewayRoutes.class);
    public static final String REQUEST_ID = "X-Request-Id";
    static final String MDC_KEY = "requestId";
    /** Before common's body limit (MIN + 10), so even a 413 carries the request id. */
    static final int ORDER_REQUEST_ID = Integer.MIN_VALUE + 5;
    /**
     * After Quarkus' CORS filter (order -300: it answers preflights and decorates answers), before
     * its authentication (-200), REST observability and authorization (-100) and upload limit (-2)
     * handlers: a forwarded call needs none of them (the gateway authenticates, checks roles and
     * limits bodies itself, common's BodyLimit runs earlier still) and they cost a fifth of a
     * forwarded call's CPU. The gateway's own resources go on through all of them ({@code next()}).
     */
    static final int ORDER_API = -250;

    @Inject
    Authenticator authenticator;

    @Inject
    RateLimiter limiter;

    @Inject
    Proxy proxy;

    @Inject
    RequestMetrics metrics;

    @Inject
    AccessLog accessLog;

    @Inject
    BodyLimits bodyLimits;

    /** Header names and values made once: putting them costs no encoding per call. */
    static final CharSequence NOSNIFF_NAME = HttpHeaders.createOptimized("X-Content-Type-Options");
    static final CharSequence NOSNIFF = HttpHeaders.createOptimized("nosniff");
    /**
     * Swagger UI's page: scripts, styles and images of its own (its configuration is an inline
     * script, its styles partly inline, its logo a data: URL), the document fetched from here;
     * nothing else, and never inside another site's frame.
     */
    static final String SWAGGER_UI_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self' data:; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    /**
     * The dashboard's pages (META-INF/resources/dashboard): stricter than Swagger UI's, as the
     * dashboard has no inline script or style (ECharts styles its elements through the DOM, which
     * a policy does not govern); its data comes from this gateway's API only.
     */
    static final String DASHBOARD_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    private final IdentitySigner signer;
    private final CorsOrigins corsOrigins;
    private BodyHandler ownBodies;

    @Inject
    GatewayRoutes(IdentityConfig identityConfig,
            @ConfigProperty(name = "quarkus.http.cors.enabled", defaultValue = "false") boolean corsEnabled,
            @ConfigProperty(name = "quarkus.http.cors.origins") Optional<List<String>> corsOrigins) {
        this.signer = new IdentitySigner(identityConfig.secret(), identityConfig.ttl());
        this.corsOrigins = corsEnabled ? new CorsOrigins(corsOrigins.orElse(List.of())) : null;
    }

    @jakarta.annotation.PostConstruct
    void init() {
        ownBodies = BodyHandler.create(false).setBodyLimit(bodyLimits.general());
    }

    void install(@Observes Router router) {
        router.route().order(ORDER_REQUEST_ID).handler(this::requestId).failureHandler(this::failed);

        router.route("/internal/*").order(ORDER_API).handler(ctx -> {
            ctx.request().resume();
            Problems.send(ctx, 404, "not-found", "Not Found", "no resource at " + ctx.request().path());
        });
        router.route("/api/*").order(ORDER_API).handler(this::api);
    }

    /** Keeps the caller's request id (or makes one), and drops any identity a client tries to bring along. */
    void requestId(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String id = request.getHeader(REQUEST_ID);
        if (id == null || id.isEmpty() || id.length() > 200 || !printable(id)) {
            id = randomId();
            request.headers().set(REQUEST_ID, id);
        }
        request.headers().remove(IdentityToken.HEADER);
        ctx.put(MDC_KEY, id);
        ctx.response().putHeader(REQUEST_ID, id).putHeader(NOSNIFF_NAME, NOSNIFF);
        // A forwarded call logs only its access line, which carries the id itself; putting it
        // here for every call (into the Vert.x context's map) was a per-call cost with no reader.
        if (!request.path().startsWith("/api/")) {
            MDC.put(MDC_KEY, id);
            oneRequestId(ctx, id);
            if (request.path().startsWith("/q/swagger-ui")) {
                // Here rather than on a route of its own: a route more is a match more for every call.
                ctx.response().putHeader("Content-Security-Policy", SWAGGER_UI_POLICY)
                        .putHeader("X-Frame-Options", "DENY")
                        .putHeader("Referrer-Policy", "no-referrer");
            } else if (request.path().startsWith("/dashboard")) {
                ctx.response().putHeader("Content-Security-Policy", DASHBOARD_POLICY)
                        .putHeader("X-Frame-Options", "DENY")
                        .putHeader("Referrer-Policy", "no-referrer");
                if (request.path().equals("/dashboard")) {
                    // Relative links in the page resolve against /dashboard/, its directory.
                    request.resume();
                    ctx.response().setStatusCode(301).putHeader(HttpHeaders.LOCATION, "/dashboard/").end();
                    return;
                }
            }
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin != null && corsOrigins != null && !corsOrigins.allows(origin, request.getHeader(HttpHeaders.HOST))) {
            // Quarkus' CORS filter would refuse it too, with an empty 403; callers get a problem instead.
            request.resume();
            Problems.send(ctx, 403, "cors-origin-refused", "Origin not allowed", "calls from the origin "
                    + printableOrNot(origin) + " are not allowed; the allowed origins are configured in"
                    + " quarkus.http.cors.origins (FLOWLENS_CORS_ORIGINS)");
            return;
        }
        ctx.next();
    }

    /**
     * An answer of the gateway's own resources carries the request id once: common's JAX-RS filter
     * (shared with the services) adds it as well, so it is set, replacing both, just before the
     * head is written. Forwarded calls need none of this (the service's id is not returned).
     */
    static void oneRequestId(RoutingContext ctx, String id) {
        ctx.addHeadersEndHandler(v -> ctx.response().headers().set(REQUEST_ID, id));
    }

    private static String printableOrNot(String value) {
        return value.length() <= 200 && printable(value) ? value : "(not printable)";
    }

    /**
     * A failure Quarkus' own layers report with a bare status (a chunked body over the limit on
     * the gateway's own resources is a 413 from its body handler) becomes a problem as well.
     */
    void failed(RoutingContext ctx) {
        if (ctx.statusCode() == 413 && !ctx.response().headWritten()) {
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
            Problems.send(ctx, 413, "payload-too-large", "Payload too large",
                    "the body is larger than the " + bodyLimits.general() + " bytes this API accepts here");
            return;
        }
        ctx.next();
    }

    /** Visible ASCII only (so never blank): an id goes into logs and headers as it is. */
    static boolean printable(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c <= 32 || c >= 127) {
                return false;
            }
        }
        return true;
    }

    /**
     * A version-4 UUID from a thread-local generator: request ids need to be unique, not secret,
     * and SecureRandom would serialise every request on one lock.
     */
    static String randomId() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }

    void api(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        request.pause();
        long start = System.nanoTime();
        String requestId = ctx.get(MDC_KEY);
        // A control character is refused before routing: no service gets it (PostgreSQL refuses
        // U+0000), and its access line names no service.
        ControlCharacters.Found control = ControlCharacters.find(request.uri());
        Route route = control == null ? RouteTable.find(ctx.normalizedPath()) : null;
        ctx.addEndHandler(v -> ended(ctx, route, requestId, start));
        if (control != null) {
            request.resume();
            Problems.send(ctx, 400, "invalid-parameter", "Invalid parameter", control.where()
                    + ": contains a control character (" + control.sent() + "), which no part of this API accepts",
                    List.of(new Problem.FieldError(control.where(), "contains a control character (" + control.sent()
                            + ")")));
            return;
        }
        if (route == null) {
            request.resume();
            Problems.send(ctx, 404, "not-found", "Not Found", "no API at " + ctx.normalizedPath());
            return;
        }
        if (route.webhook()) {
            // A tracker's delivery: its signature (checked by ingestion over the exact bytes) is its authentication.
            proxy.forward(ctx, route, signer.tokenFor(new Caller(null, Roles.WEBHOOK, "webhook", null)), requestId);
            return;
        }
        authenticator.authenticate(request).onComplete(result -> {
            if (result.failed()) {
                request.resume();
                if (result.cause() instanceof AuthenticationFailure failure) {
                    ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"flowlens\"");
                    Problems.send(ctx, 401, "unauthorized", "Unauthorized", failure.getMessage());
                } else if (DatabaseUnavailable.isCause(result.cause())) {
                    // The key could not be looked up: neither refused nor a fault of ours to hide, a wait.
                    MDC.put(MDC_KEY, requestId);
                    LOG.warnf("cannot authenticate: the database is unreachable (%s)", result.cause().getMessage());
                    Problems.databaseUnavailable(ctx);
                } else {
                    MDC.put(MDC_KEY, requestId);
                    LOG.error("authentication failed unexpectedly", result.cause());
                    Problems.send(ctx, 500, "internal", "Internal error", "the gateway failed to authenticate this call");
                }
                return;
            }
            Principal principal = result.result();
            TokenBucket.Decision limit = limiter.take(principal);
            ctx.response()
                    .putHeader("RateLimit-Limit", String.valueOf(limit.limit()))
                    .putHeader("RateLimit-Remaining", String.valueOf(limit.remaining()))
                    .putHeader("RateLimit-Reset", String.valueOf(limit.resetSeconds()));
            if (!limit.allowed()) {
                request.resume();
                ctx.response().putHeader("Retry-After", String.valueOf(limit.retryAfterSeconds()));
                Problems.send(ctx, 429, "rate-limited", "Too many requests", "this key may send "
                        + limit.limit() + " requests at once, refilled continuously; retry in "
                        + limit.retryAfterSeconds() + " s");
                return;
            }
            String method = request.method().name();
            if (AccessPolicy.decide(principal.role(), method, route.upstream()) == AccessPolicy.Decision.FORBID) {
                request.resume();
                Problems.send(ctx, 403, "forbidden", "Forbidden",
                        AccessPolicy.refusal(principal.role(), method, route.upstream()));
                return;
            }
            String token = signer.tokenFor(new Caller(principal.tenantId(), principal.role(), principal.subject(), null));
            if (route.upstream() == Upstream.GATEWAY) {
                // Our own resources verify the same token as every service does.
                MDC.put(MDC_KEY, requestId);
                oneRequestId(ctx, requestId);
                request.headers().set(IdentityToken.HEADER, token);
                request.resume();
                if (request.getHeader(HttpHeaders.CONTENT_LENGTH) == null) {
                    // No declared length (chunked): read here within the limit, so too much is a
                    // 413 problem (failed() below), not Quarkus' empty 413; then on to the resource.
                    ownBodies.handle(ctx);
                } else {
                    ctx.next();
                }
            } else {
                proxy.forward(ctx, route, token, requestId);
            }
        });
    }

    /** Every /api call, answered or not: its timer and its access line. */
    private void ended(RoutingContext ctx, Route route, String requestId, long start) {
        long nanos = System.nanoTime() - start;
        String method = ctx.request().method().name();
        int status = ctx.response().getStatusCode();
        metrics.record(route, method, status, nanos);
        accessLog.log(requestId, accessLine(method, ctx.request().path(),
                route == null ? "none" : route.upstream().serviceName(), status, nanos));
    }

    /**
     * "GET /api/v1/items -> ingestion-service 200 1.23 ms", written by hand: a printf-style
     * message (java.util.Formatter, locale lookups, BigDecimal for %.2f) cost more CPU per
     * request than anything else the gateway does itself.
     */
    static String accessLine(String method, String path, String service, int status, long nanos) {
        long hundredths = (nanos + 5_000) / 10_000;
        long fraction = hundredths % 100;
        return new StringBuilder(48 + path.length()).append(method).append(' ').append(path).append(" -> ")
                .append(service).append(' ').append(status).append(' ').append(hundredths / 100).append('.')
                .append(fraction < 10 ? "0" : "").append(fraction).append(" ms").toString();
    }
}
