package io.flowlens.assessment.feed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Shows the metrics feed's backlog and parked events in readiness detail. It stays UP while
 * metrics-service is away or events are parked: assessments are still scored (their events wait
 * in the outbox), and taking this service out of rotation would refuse partners' submissions.
 */
@Readiness
@ApplicationScoped
public class FeedReadiness implements HealthCheck {

    @Inject
    FeedRelay relay;

    @Inject
    FeedKafkaPublisher kafka;

    @Override
    public HealthCheckResponse call() {
        relay.count();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("metrics feed").up()
                .withData("transport", kafka.enabled() ? "kafka" : "http")
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
