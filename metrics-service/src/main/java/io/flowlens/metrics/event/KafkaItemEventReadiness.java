package io.flowlens.metrics.event;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The Kafka consumer of item events in readiness detail, when it is on. It stays UP while the
 * consumer retries (a database or broker outage: metrics still answers reads, and the events wait
 * in the topic); DOWN only when the consumer has stopped for good, which needs a restart.
 */
@Readiness
@ApplicationScoped
public class KafkaItemEventReadiness implements HealthCheck {

    @Inject
    KafkaItemEventConsumer consumer;

    @Override
    public HealthCheckResponse call() {
        if (!consumer.enabled()) {
            return HealthCheckResponse.named("item events from Kafka").up()
                    .withData("state", "off (events arrive over HTTP)").build();
        }
        return consumer.readiness("item events from Kafka");
    }
}
