package io.flowlens.metrics.valuestream;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.validation.Validator;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.flowlens.common.identity.Caller;
import io.flowlens.common.identity.IdentityToken;
import io.flowlens.common.identity.Roles;
import io.flowlens.common.request.RequestIds;
import io.flowlens.metrics.config.MetricsConfig;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * The first value stream created after a start took seconds: the pool's first connections, the
 * ORM's first insert and JSON mapping, the first transaction, classes loaded and code not yet
 * compiled, all on the caller's request. At start, before the service is ready, this runs the
 * creation path once for a plain and a label-narrowed stream, in a transaction that is rolled back
 * (nothing is kept): the request body read, validated, the stream inserted and flushed, the counts
 * it needs registered, its status read and its answer written. Then, over the service's own HTTP
 * port (loopback), requests that store nothing go the whole way a caller's does (identity token,
 * roles, body reader, validation, problem answers, page answers): a creation refused for its time
 * zone, the list and an unknown stream, for a tenant of its own. A database that cannot be
 * reached only makes it give up (logged); it never stops the start. Readiness is DOWN until it is
 * over ({@link WarmUpReadiness}).
 */
@ApplicationScoped
public class ValueStreamWarmUp {

    private static final Logger LOG = Logger.getLogger(ValueStreamWarmUp.class);

    @Inject
    ValueStreamService service;

    @Inject
    ObjectMapper json;

    @Inject
    Validator validator;

    @Inject
    MetricsConfig config;

    @Inject
    IdentityToken tokens;

    private volatile boolean done;

    @ConfigProperty(name = "quarkus.http.port")
    int port;

    @ConfigProperty(name = "quarkus.http.test-port")
    int testPort;

    void warm(@Observes StartupEvent event) {
        if (!config.warmUp().enabled()) {
            return;
        }
        warmCreation();
        // The HTTP server listens only once start-up is over: its part waits for it on a thread of
        // its own, and readiness says DOWN until it is done (a balancer sends no caller before).
        Thread t = new Thread(() -> {
            try {
                warmHttp(LaunchMode.current() == LaunchMode.TEST ? testPort : port);
            } finally {
                done = true;
            }
        }, "warm-up");
        t.setDaemon(true);
        t.start();
    }

    /** Whether the warm-up is over (done, given up, or switched off). */
    public boolean done() {
        return done || !config.warmUp().enabled();
    }

    private void warmCreation() {
        long started = System.nanoTime();
        String tenant = "warm-up-" + UUID.randomUUID(); // never committed
        try {
            for (ValueStreamRequest request : List.of(
                    new ValueStreamRequest("Warm-up", "Europe/Berlin", List.of(new Scope("c", "p", null, null)), null),
                    new ValueStreamRequest("Warm-up", "UTC",
                            List.of(new Scope("c", "p", List.of("l"), List.of("feature"))), true))) {
                ValueStreamRequest read = json.readValue(json.writeValueAsString(request), ValueStreamRequest.class);
                validator.validate(read);
                QuarkusTransaction.begin();
                try {
                    ValueStreamView created = service.create(tenant, read);
                    Panache.getEntityManager().flush();
                    json.writeValueAsString(service.get(tenant, created.id()));
                } finally {
                    QuarkusTransaction.rollback();
                }
            }
            LOG.infof("value stream creation warmed up in %d ms", (System.nanoTime() - started) / 1_000_000);
        } catch (Exception e) {
            LOG.warnf("warming up value stream creation gave up after %d ms: %s", (System.nanoTime() - started) / 1_000_000,
                    e.toString());
        }
    }

    private void warmHttp(int httpPort) {
        long started = System.nanoTime();
        String tenant = "warm-up-" + UUID.randomUUID();
        String token = tokens.sign(new Caller(tenant, Roles.MEMBER, "warm-up", "warm-up"), Duration.ofMinutes(1));
        String base = "http://127.0.0.1:" + httpPort + "/api/v1/value-streams";
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (true) { // until the server listens
                try {
                    send(http, HttpRequest.newBuilder(URI.create(base)).GET(), token, 200);
                    break;
                } catch (java.net.ConnectException e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(100);
                }
            }
            for (int round = 0; round < 2; round++) {
                send(http, HttpRequest.newBuilder(URI.create(base)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Warm-up\",\"timeZone\":\"Warm/Up\","
                                + "\"scopes\":[{\"connectionId\":\"c\",\"project\":\"p\",\"labels\":[\"l\"]}]}")),
                        token, 400);
                send(http, HttpRequest.newBuilder(URI.create(base)).GET(), token, 200);
                send(http, HttpRequest.newBuilder(URI.create(base + "/" + UUID.randomUUID())).GET(), token, 404);
            }
            LOG.infof("value stream requests warmed up in %d ms", (System.nanoTime() - started) / 1_000_000);
        } catch (Exception e) {
            LOG.warnf("warming up value stream requests gave up after %d ms: %s",
                    (System.nanoTime() - started) / 1_000_000, e.toString());
        }
    }

    private static void send(HttpClient http, HttpRequest.Builder request, String token, int expected)
            throws java.io.IOException, InterruptedException {
        HttpResponse<String> r = http.send(request.header(IdentityToken.HEADER, token)
                .header(RequestIds.HEADER, "warm-up").timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException("warm-up request answered " + r.statusCode() + ", not " + expected);
        }
    }
}
