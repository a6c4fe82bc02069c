package io.flowlens.assessment.webhook;

import java.net.URI;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flowlens.assessment.config.AssessmentConfig;
import io.flowlens.assessment.idempotency.IdempotencyKeys;
import io.flowlens.assessment.paging.Keyset;
import io.flowlens.assessment.paging.Page;
import io.flowlens.assessment.webhook.WebhookDtos.DeliveryView;
import io.flowlens.assessment.webhook.WebhookDtos.RegisterWebhook;
import io.flowlens.assessment.webhook.WebhookDtos.WebhookView;
import io.flowlens.common.problem.ApiException;
import io.flowlens.common.problem.Problem;
import io.quarkus.panache.common.Sort;

/** Partner callback endpoints and the outbox of deliveries to them. */
@ApplicationScoped
public class PartnerWebhookService {

    @Inject
    ObjectMapper json;

    @Inject
    AssessmentConfig config;

    @Inject
    jakarta.persistence.EntityManager em;

    @Inject
    CallbackPolicy callbacks;

    /** The operator's callback rules (allow-list, https), read once. */
    @Produces
    @Singleton
    static CallbackPolicy callbackPolicy(AssessmentConfig config) {
        return new CallbackPolicy(config.webhooks().allowedHosts().orElse(List.of()), config.webhooks().requireHttps());
    }

    /**
     * Registers an endpoint whose URL passes the callback rules now; a name that does not resolve
     * yet is accepted (each delivery resolves and checks it again).
     */
    public WebhookView register(String tenantId, RegisterWebhook request, IdempotencyKeys.Claim claim) {
        URI uri;
        try {
            uri = callbacks.parse(request.url());
            callbacks.target(request.url());
        } catch (CallbackPolicy.Refused e) {
            throw invalidUrl(e.getMessage());
        } catch (UnknownHostException e) {
            uri = URI.create(request.url().trim());
        }
        return store(tenantId, uri, request.description(), claim);
    }

    @Transactional
    WebhookView store(String tenantId, URI uri, String description, IdempotencyKeys.Claim claim) {
        PartnerWebhook w = new PartnerWebhook();
        w.id = UUID.randomUUID();
        w.tenantId = tenantId;
        w.url = uri.toString();
        w.secret = WebhookSignature.newSecret();
        w.description = description;
        w.enabled = true;
        w.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        w.persist();
        claim.created(w.id);
        return WebhookView.of(w, true);
    }

    /** What the registration answered, secret included: the answer an Idempotency-Key replays. */
    @Transactional
    public WebhookView registered(String tenantId, UUID id) {
        return WebhookView.of(require(tenantId, id), true);
    }

    private static ApiException invalidUrl(String detail) {
        return ApiException.validation(List.of(new Problem.FieldError("/url", detail)));
    }

    @Transactional
    public Page<WebhookView> list(String tenantId) {
        List<PartnerWebhook> all = PartnerWebhook.list("tenantId", Sort.descending("createdAt", "id"), tenantId);
        return new Page<>(all.stream().map(w -> WebhookView.of(w, false)).toList(), null);
    }

    @Transactional
    public WebhookView get(String tenantId, UUID id) {
        return WebhookView.of(require(tenantId, id), false);
    }

    /** Disables the endpoint; its log stays readable and pending deliveries stop. */
    @Transactional
    public void disable(String tenantId, UUID id) {
        disable(require(tenantId, id), "disabled by the partner");
    }

    static void disable(PartnerWebhook w, String reason) {
        w.enabled = false;
        w.disabledReason = reason;
        WebhookDelivery.update("status = ?1, nextAttemptAt = null where endpointId = ?2 and status = ?3",
                WebhookDelivery.ENDPOINT_DISABLED, w.id, WebhookDelivery.PENDING);
    }

    private PartnerWebhook require(String tenantId, UUID id) {
        return PartnerWebhook.<PartnerWebhook>find("id = ?1 and tenantId = ?2", id, tenantId).firstResultOptional()
                .orElseThrow(() -> ApiException.notFound("partner webhook", id));
    }

    /** The endpoint's deliveries, newest first. */
    @Transactional
    public Page<DeliveryView> deliveries(String tenantId, UUID endpointId, Integer limit, String cursor) {
        require(tenantId, endpointId);
        Keyset page = Keyset.of(limit, cursor);
        List<WebhookDelivery> rows = WebhookDelivery.find(page.where("tenantId = ?1 and endpointId = ?2", 2, "createdAt"),
                Keyset.newestFirst("createdAt"), page.params(tenantId, endpointId)).range(0, page.size() - 1).list();
        String next = page.next(rows, d -> d.createdAt, d -> d.id);
        return new Page<>(rows.stream().map(DeliveryView::of).toList(), next);
    }

    /**
     * Queues an event for each enabled endpoint of the tenant, in the caller's transaction (an
     * outbox): it is delivered if and only if the change that caused it commits.
     */
    public void enqueue(String tenantId, String eventType, Object data) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", eventType);
        message.put("timestamp", now.toString());
        message.put("data", data);
        String payload;
        try {
            payload = json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        // One statement whatever the number of endpoints (usually none): no separate look-up on the hot path.
        em.createNativeQuery("insert into webhook_delivery (id, tenant_id, endpoint_id, message_id, event_type, payload,"
                + " status, attempts, next_attempt_at, created_at)"
                + " select d.id, ?1, d.endpoint_id, 'msg_' || replace(d.id::text, '-', ''), ?2, ?3, ?4, 0, ?5, ?6"
                + " from (select gen_random_uuid() as id, w.id as endpoint_id from partner_webhook w"
                + " where w.tenant_id = ?1 and w.enabled) d")
                .setParameter(1, tenantId).setParameter(2, eventType).setParameter(3, payload)
                .setParameter(4, WebhookDelivery.PENDING)
                .setParameter(5, now.plus(config.webhooks().retrySchedule().get(0))).setParameter(6, now)
                .executeUpdate();
    }
}
