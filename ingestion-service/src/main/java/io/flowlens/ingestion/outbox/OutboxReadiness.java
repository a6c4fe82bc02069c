package io.flowlens.ingestion.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Shows the relay's backlog and parked events in readiness detail. It stays UP while only
 * metrics-service is down, and while events are parked: ingestion keeps accepting webhooks
 * (they wait in the outbox, or are parked with a reason the tenant sees), and taking this
 * service out of rotation would make trackers' deliveries fail instead.
 */
@Readiness
@ApplicationScoped
public class OutboxReadiness implements HealthCheck {

    @Inject
    OutboxRelay relay;

    @Override
    public HealthCheckResponse call() {
        relay.countBacklog();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("outbox relay").up()
                .withData("backlog", relay.backlog())
                .withData("delivered", relay.delivered())
                .withData("parked", relay.parked());
        if (relay.lastDeliveryAt() != null) {
            b.withData("lastDeliveryAt", relay.lastDeliveryAt().toString());
        }
        if (relay.lastError() != null) {
            b.withData("lastError", relay.lastError());
        }
        return b.build();
    }
}
