package io.flowlens.assessment.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.hibernate.jpa.SpecHints;
import org.jboss.logging.Logger;

import io.flowlens.assessment.config.AssessmentConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Attempts due deliveries: claims a batch (skipping rows another replica holds), sends them
 * outside any transaction, then records each outcome. 2xx delivers; 410 Gone disables the
 * endpoint; anything else is retried on the configured schedule until it is exhausted.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);

    @Inject
    AssessmentConfig config;

    @Inject
    EntityManager em;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private volatile boolean stopping;

    void stop(@Observes ShutdownEvent stop) {
        stopping = true;
    }

    private record Attempt(UUID deliveryId, String messageId, String url, String secret, String payload) {
    }

    private record Outcome(Integer status, String error) {
    }

    @Scheduled(every = "${flowlens.assessment.webhooks.poll-interval:5s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void dispatch() {
        if (stopping) {
            return;
        }
        List<Attempt> batch = claim();
        if (batch.isEmpty()) {
            return;
        }
        Map<Attempt, CompletableFuture<Outcome>> sent = new HashMap<>();
        for (Attempt attempt : batch) {
            sent.put(attempt, send(attempt));
        }
        sent.forEach((attempt, outcome) -> record(attempt, outcome.join()));
    }

    /** Due deliveries, leased for a while so that neither this replica nor another re-sends them meanwhile. */
    private List<Attempt> claim() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = Instant.now();
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
                attempts.add(new Attempt(d.id, d.messageId, endpoint.url, endpoint.secret, d.payload));
            }
            return attempts;
        });
    }

    private CompletableFuture<Outcome> send(Attempt attempt) {
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(attempt.url()))
                    .timeout(config.webhooks().timeout())
                    .header("content-type", "application/json")
                    .header("user-agent", "Flowlens-Webhooks/1")
                    .header("webhook-id", attempt.messageId())
                    .header("webhook-timestamp", String.valueOf(timestamp))
                    .header("webhook-signature", WebhookSignature.sign(attempt.secret(), attempt.messageId(), timestamp,
                            attempt.payload()))
                    .POST(HttpRequest.BodyPublishers.ofString(attempt.payload()))
                    .build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new Outcome(null, "invalid URL: " + e.getMessage()));
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .thenApply(r -> new Outcome(r.statusCode(), null))
                .exceptionally(e -> new Outcome(null, (e.getCause() != null ? e.getCause() : e).toString()));
    }

    private void record(Attempt attempt, Outcome outcome) {
        QuarkusTransaction.requiringNew().run(() -> {
            WebhookDelivery d = WebhookDelivery.findById(attempt.deliveryId());
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
                    d.lastError = "the endpoint answered " + outcome.status();
                }
                List<Duration> schedule = config.webhooks().retrySchedule();
                if (d.attempts < schedule.size()) {
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
