package io.flowlens.metrics.event;

import java.time.Instant;
import java.util.Set;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.common.TopicPartition;

import io.flowlens.common.contract.ItemEventContract;
import io.flowlens.metrics.config.MetricsConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The Kafka transport of ingestion's item events ({@code flowlens.metrics.item-events.kafka.enabled=true};
 * off by default, when HTTP is the transport). Reads the item-events topic in the consumer group
 * {@code flowlens-metrics} and applies each poll's records with the very apply of
 * {@code POST /internal/v1/item-events} (each event judged on its own, the highest revision per item
 * wins); offsets committed after the database commit, refused events to the refused topic with the
 * reasons ({@link KafkaEventLoop}).
 */
@ApplicationScoped
public class KafkaItemEventConsumer {

    @Inject
    MetricsConfig config;

    @Inject
    ItemEventService service;

    private boolean enabled;
    private KafkaEventLoop loop;

    @PostConstruct
    void configure() {
        MetricsConfig.Kafka kafka = config.itemEvents().kafka();
        enabled = kafka.enabled();
        loop = new KafkaEventLoop("item-events", "item event", new KafkaEventLoop.Settings(kafka.bootstrapServers(),
                kafka.topic(), kafka.refusedTopic(), kafka.group(),
                Math.min(kafka.maxPollRecords(), ItemEventContract.MAX_BATCH), kafka.maxBackoff(), kafka.sessionTimeout()),
                values -> service.apply(ItemEventParser.parseEach(values), true));
    }

    void start(@Observes StartupEvent ev) {
        if (enabled) {
            loop.start();
        }
    }

    void stop(@Observes ShutdownEvent ev) {
        if (enabled) {
            loop.stop();
        }
    }

    /** The consumer's readiness data (see {@link KafkaEventLoop#readiness}). */
    public org.eclipse.microprofile.health.HealthCheckResponse readiness(String check) {
        return loop.readiness(check);
    }

    public boolean enabled() {
        return enabled;
    }

    /** off, starting, running, retrying (the last poll failed; read again after a pause), stopped or failed. */
    public String state() {
        return loop.state();
    }

    public String topic() {
        return loop.topic();
    }

    public String group() {
        return loop.group();
    }

    public String lastError() {
        return loop.lastError();
    }

    public Instant lastAppliedAt() {
        return loop.lastAppliedAt();
    }

    public Set<TopicPartition> assigned() {
        return loop.assigned();
    }

    public long accepted() {
        return loop.accepted();
    }

    public long ignored() {
        return loop.ignored();
    }

    public long refused() {
        return loop.refused();
    }
}
