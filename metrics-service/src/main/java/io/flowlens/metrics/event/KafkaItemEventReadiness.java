package io.flowlens.metrics.event;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
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
        HealthCheckResponseBuilder b = HealthCheckResponse.named("item events from Kafka");
        if (!consumer.enabled()) {
            return b.up().withData("state", "off (events arrive over HTTP)").build();
        }
        b.status(!"failed".equals(consumer.state()))
                .withData("state", consumer.state())
                .withData("topic", consumer.topic())
                .withData("group", consumer.group())
                .withData("partitions", consumer.assigned().size())
                .withData("accepted", consumer.accepted())
                .withData("ignored", consumer.ignored())
                .withData("refused", consumer.refused());
        if (consumer.lastAppliedAt() != null) {
            b.withData("lastAppliedAt", consumer.lastAppliedAt().toString());
        }
        if (consumer.lastError() != null) {
            b.withData("lastError", consumer.lastError());
        }
        return b.build();
    }
}
