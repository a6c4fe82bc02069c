package io.flowlens.assessment.webhook;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What callers send and get back for partner webhooks. */
public final class WebhookDtos {

    private WebhookDtos() {
    }

    @Schema(name = "RegisterPartnerWebhook", requiredProperties = "url")
    public record RegisterWebhook(
            @NotBlank @Size(max = 2000) @Schema(example = "https://partner.example.com/flowlens/webhooks") String url,
            @Size(max = 200) @Schema(example = "CRM sync") String description) {
    }

    @Schema(name = "PartnerWebhook")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WebhookView(UUID id, String url, String description, boolean enabled, String disabledReason,
            Instant createdAt,
            @Schema(description = "whsec_<base64>; returned once, at registration", example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") String secret) {

        static WebhookView of(PartnerWebhook w, boolean withSecret) {
            return new WebhookView(w.id, w.url, w.description, w.enabled, w.disabledReason, w.createdAt,
                    withSecret ? w.secret : null);
        }
    }

    @Schema(name = "WebhookDelivery")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record DeliveryView(UUID id, UUID endpointId, @Schema(description = "the webhook-id header") String messageId,
            @Schema(example = "assessment.scored") String eventType,
            @Schema(enumeration = {"pending", "delivered", "failed", "endpoint-disabled"}) String status, int attempts,
            Instant nextAttemptAt, Instant lastAttemptAt, Integer lastStatus, String lastError, Instant createdAt,
            Instant deliveredAt) {

        static DeliveryView of(WebhookDelivery d) {
            return new DeliveryView(d.id, d.endpointId, d.messageId, d.eventType, d.status, d.attempts, d.nextAttemptAt,
                    d.lastAttemptAt, d.lastStatus, d.lastError, d.createdAt, d.deliveredAt);
        }
    }
}
