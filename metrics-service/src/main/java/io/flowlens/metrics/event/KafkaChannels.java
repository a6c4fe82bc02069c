package io.flowlens.metrics.event;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.reactive.messaging.health.HealthReport;
import io.smallrye.reactive.messaging.providers.extension.HealthCenter;

/**
 * The connector's own view of a Kafka channel (its liveness: whether it has given the channel up),
 * for the readiness checks of the consumers, which add their state and counts.
 */
@ApplicationScoped
public class KafkaChannels {

    @Inject
    HealthCenter health;

    /** Why the connector has given the channel up, or null while it runs. */
    public String problem(String channel) {
        for (HealthReport.ChannelInfo info : health.getLiveness().getChannels()) {
            if (channel.equals(info.getChannel()) && !info.isOk()) {
                return info.getMessage() == null ? "the Kafka connector stopped the channel" : info.getMessage();
            }
        }
        return null;
    }
}
