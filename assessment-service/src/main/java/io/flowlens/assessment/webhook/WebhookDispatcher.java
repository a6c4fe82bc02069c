package io.flowlens.assessment.webhook;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.hibernate.jpa.SpecHints;
import org.jboss.logging.Logger;

import io.flowlens.assessment.config.AssessmentConfig;
import io.flowlens.common.problem.DatabaseUnavailable;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * Attempts due deliveries: claims a batch (skipping rows another replica holds), sends them
 * outside any transaction, then records each outcome. 2xx delivers; 410 Gone disables the
 * endpoint; anything else is retried on the configured schedule until it is exhausted.
 *
 * <p>A database that cannot be reached loses no delivery: nothing is claimed while it is away
 * (the run is skipped, logged once per outage); an outcome that cannot be written down is held
 * and written on a later run while the delivery's lease lasts, else the delivery is attempted
 * again when the lease ends; each outcome is written on its own, so one failure never drops the
 * others of its batch.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);

    @Inject
    AssessmentConfig config;

    @Inject
    EntityManager em;

    @Inject
    Vertx vertx;

    @Inject
    CallbackPolicy callbacks;

    /** Vert.x's client: it can be told which address to connect to while the URL's host goes into Host and TLS. */
    private volatile HttpClient http;

    private volatile boolean stopping;

    /** Outcomes not yet written down because the database could not be reached. */
    private final HeldOutcomes<Recorded> held = new HeldOutcomes<>(10_000);

    /** Whether the last run found the database unreachable, so an outage is logged once. */
    private volatile boolean unreachable;

    void stop(@Observes ShutdownEvent stop) {
        stopping = true;
    }

    /** {@code lease}: the next_attempt_at this claim wrote; another value means another claim took the delivery over. */
    private record Attempt(UUID deliveryId, String messageId, String url, String secret, String payload, Instant lease) {
    }

    private record Recorded(Attempt attempt, Outcome outcome) {
    }

    /** {@code refused}: the callback rules refused the address, nothing was sent and no retry will help. */
    private record Outcome(Integer status, String error, boolean refused) {

        static Outcome answered(int status) {
            return new Outcome(status, null, false);
        }

        static Outcome failed(String error) {
            return new Outcome(null, error, false);
        }
    }

    @Scheduled(every = "${flowlens.assessment.webhooks.poll-interval:5s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void dispatch() {
        if (stopping) {
            return;
        }
        List<Attempt> batch;
        try {
            recordHeld();
            batch = claim();
        } catch (RuntimeException e) {
            if (stopping) {
                return; // the pool closes under a run that started just before shutdown
            }
            if (!DatabaseUnavailable.isCause(e)) {
                throw e;
            }
            if (!unreachable) {
                unreachable = true;
                LOG.warnf("webhook deliveries wait: the database cannot be reached (%s)", e.getMessage());
            }
            return;
        }
        if (unreachable) {
            unreachable = false;
            LOG.info("webhook deliveries go on: the database can be reached again");
        }
        if (batch.isEmpty()) {
            return;
        }
        Map<Attempt, CompletableFuture<Outcome>> sent = new HashMap<>();
        for (Attempt attempt : batch) {
            sent.put(attempt, send(attempt));
        }
        sent.forEach((attempt, outcome) -> recordOrHold(new Recorded(attempt, outcome.join())));
    }

    /** Writes the outcome down, or holds it for a later run when the database cannot be reached. */
    private void recordOrHold(Recorded r) {
        try {
            record(r.attempt(), r.outcome());
        } catch (RuntimeException e) {
            if (!DatabaseUnavailable.isCause(e)) {
                LOG.errorf(e, "webhook delivery %s: the outcome could not be recorded; it is attempted again when"
                        + " its lease ends", r.attempt().deliveryId());
                return;
            }
            // Written down only well before the lease ends, so that no other claim can have taken it over.
            Instant until = r.attempt().lease().minus(config.webhooks().timeout());
            if (!held.hold(new HeldOutcomes.Held<>(r, until), Instant.now())) {
                LOG.warnf("webhook delivery %s: the outcome could not be recorded (the database cannot be reached);"
                        + " it is attempted again when its lease ends", r.attempt().deliveryId());
            }
        }
    }

    /** Outcomes held from earlier runs, written down now if the database is back (in time). */
    private void recordHeld() {
        if (held.size() == 0) {
            return;
        }
        HeldOutcomes.Taken<Recorded> taken = held.take(Instant.now());
        if (taken.expired() > 0) {
            LOG.warnf("%d webhook outcomes were not recorded before their leases ended; those deliveries are"
                    + " attempted again (receivers drop repeats by webhook-id)", taken.expired());
        }
        RuntimeException failure = null;
        for (HeldOutcomes.Held<Recorded> h : taken.due()) {
            if (failure != null) {
                held.hold(h, Instant.now());
                continue;
            }
            try {
                record(h.item().attempt(), h.item().outcome());
            } catch (RuntimeException e) {
                held.hold(h, Instant.now());
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Due deliveries, leased for a while so that neither this replica nor another re-sends them meanwhile. */
    private List<Attempt> claim() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            List<WebhookDelivery> due = em.createQuery("from WebhookDelivery where status = :pending and nextAttemptAt <= :now"
                    + " order by nextAttemptAt", WebhookDelivery.class)
                    .setParameter("pending", WebhookDelivery.PENDING).setParameter("now", now)
                    .setMaxResults(config.webhooks().batchSize())
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .setHint(SpecHints.HINT_SPEC_LOCK_TIMEOUT, -2) // SKIP LOCKED
                    .getResultList();
            List<Attempt> attempts = new ArrayList<>();
            for (WebhookDelivery d : due) {
                PartnerWebhook endpoint = PartnerWebhook.findById(d.endpointId);
                d.nextAttemptAt = now.plus(config.webhooks().timeout().multipliedBy(3));
                attempts.add(new Attempt(d.id, d.messageId, endpoint.url, endpoint.secret, d.payload, d.nextAttemptAt));
            }
            return attempts;
        });
    }

    /**
     * Resolves the URL's host once, checks every address it resolves to, and connects to the checked
     * address itself (Vert.x's {@code RequestOptions.setServer}) while the URL's host name still goes
     * into the Host header, TLS SNI and certificate verification. There is no second resolution
     * between the check and the connection, so a name re-pointed at an internal address after the
     * check (DNS rebinding) is never called. Redirects are not followed: a 3xx is a failed attempt.
     */
    private CompletableFuture<Outcome> send(Attempt attempt) {
        CallbackPolicy.Target target;
        try {
            target = callbacks.target(attempt.url());
        } catch (CallbackPolicy.Refused e) {
            return CompletableFuture.completedFuture(new Outcome(null, "not called: " + e.getMessage(), true));
        } catch (UnknownHostException e) {
            return CompletableFuture.completedFuture(Outcome.failed("the host name does not resolve"));
        }
        long timestamp = Instant.now().getEpochSecond();
        String path = target.uri().getRawPath() == null || target.uri().getRawPath().isEmpty() ? "/"
                : target.uri().getRawPath();
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(target.address(), target.port())))
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.https())
                .setURI(target.uri().getRawQuery() == null ? path : path + "?" + target.uri().getRawQuery())
                .setFollowRedirects(false)
                .setConnectTimeout(config.webhooks().timeout().toMillis())
                .setIdleTimeout(config.webhooks().timeout().toMillis())
                .putHeader("content-type", "application/json")
                .putHeader("user-agent", "Flowlens-Webhooks/1")
                .putHeader("webhook-id", attempt.messageId())
                .putHeader("webhook-timestamp", String.valueOf(timestamp))
                .putHeader("webhook-signature", WebhookSignature.sign(attempt.secret(), attempt.messageId(), timestamp,
                        attempt.payload()));
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        client().request(request)
                .compose(r -> r.send(Buffer.buffer(attempt.payload())))
                // The body is not read: with no handler set Vert.x drops it as it arrives, and end() completes
                // once it has (or at once if it already has). Setting a handler here would throw when an empty
                // answer (204, 302) had already ended before this ran: a delivered event then counted as failed
                // and was sent again.
                .compose(response -> response.end().map(done -> response.statusCode()))
                .onSuccess(status -> outcome.complete(Outcome.answered(status)))
                .onFailure(e -> {
                    String described = describe(e);
                    if (described.equals(UNCLASSIFIED)) {
                        // The partner's log says little here; the operator's log keeps what really happened.
                        LOG.infof(e, "webhook delivery %s: the attempt failed", attempt.deliveryId());
                    }
                    outcome.complete(Outcome.failed(described));
                });
        // A stalled peer must not hold the batch: the attempt's own timeout bounds the wait.
        return outcome.completeOnTimeout(Outcome.failed("no answer within " + config.webhooks().timeout().toSeconds() + " s"),
                config.webhooks().timeout().toMillis() * 2, TimeUnit.MILLISECONDS);
    }

    private HttpClient client() {
        if (http == null) {
            synchronized (this) {
                if (http == null) {
                    http = vertx.createHttpClient(new HttpClientOptions().setForceSni(true).setVerifyHost(true)
                            .setConnectTimeout((int) config.webhooks().timeout().toMillis()));
                }
            }
        }
        return http;
    }

    /** A failure as the partner's delivery log shows it: what happened, in words, never a Java class name. */
    static String describe(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String name = cause.getClass().getSimpleName();
        String message = String.valueOf(cause.getMessage()).toLowerCase(java.util.Locale.ROOT);
        if (cause instanceof javax.net.ssl.SSLException || name.contains("Ssl") || message.contains("certificate")) {
            return "the TLS handshake failed (certificate or protocol)";
        }
        if (message.contains("refused")) {
            return "the connection was refused";
        }
        if (cause instanceof java.util.concurrent.TimeoutException || name.contains("Timeout") || message.contains("timed out")
                || message.contains("timeout")) {
            return "no answer within the timeout";
        }
        if (message.contains("closed") || message.contains("reset")) {
            return "the connection was closed before an answer";
        }
        return UNCLASSIFIED;
    }

    private static final String UNCLASSIFIED = "the connection failed";

    private void record(Attempt attempt, Outcome outcome) {
        QuarkusTransaction.requiringNew().run(() -> {
            // Locked: a claim by another replica (SKIP LOCKED) cannot take it over while this is written.
            WebhookDelivery d = WebhookDelivery.findById(attempt.deliveryId(), LockModeType.PESSIMISTIC_WRITE);
            if (d == null) {
                return; // erased with its tenant while the attempt was under way
            }
            if (WebhookDelivery.PENDING.equals(d.status) && !attempt.lease().equals(d.nextAttemptAt)) {
                return; // its lease ran out before this was written: another claim has it now
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            d.attempts++;
            d.lastAttemptAt = now;
            d.lastStatus = outcome.status();
            d.lastError = outcome.error();
            if (outcome.status() != null && outcome.status() >= 200 && outcome.status() < 300) {
                d.status = WebhookDelivery.DELIVERED;
                d.deliveredAt = now;
                d.nextAttemptAt = null;
            } else if (outcome.status() != null && outcome.status() == 410) {
                d.lastError = "the endpoint answered 410 Gone: it is disabled";
                PartnerWebhookService.disable(PartnerWebhook.findById(d.endpointId), "the endpoint answered 410 Gone at " + now);
                d.status = WebhookDelivery.ENDPOINT_DISABLED;
                d.nextAttemptAt = null;
            } else {
                if (d.lastError == null) {
                    d.lastError = "the endpoint answered " + outcome.status()
                            + (outcome.status() >= 300 && outcome.status() < 400 ? " (redirects are not followed)" : "");
                }
                List<Duration> schedule = config.webhooks().retrySchedule();
                if (outcome.refused()) {
                    // The callback rules refuse where the name points now: not called, not retried.
                    d.status = WebhookDelivery.FAILED;
                    d.nextAttemptAt = null;
                    LOG.infof("webhook delivery %s refused: %s", d.id, outcome.error());
                } else if (d.attempts < schedule.size()) {
                    d.nextAttemptAt = now.plus(schedule.get(d.attempts));
                } else {
                    d.status = WebhookDelivery.FAILED;
                    d.nextAttemptAt = null;
                    LOG.infof("webhook delivery %s failed after %d attempts", d.id, d.attempts);
                }
            }
        });
    }
}
