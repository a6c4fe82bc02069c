package io.flowlens.metrics.event;

import java.util.Collection;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.flowlens.metrics.config.MetricsConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;

/**
 * The Kafka transport of ingestion's item events: the channel {@code item-events} of Quarkus
 * Messaging's Kafka connector ({@code FLOWLENS_KAFKA_ITEM_EVENTS=true}; off by default, when HTTP is
 * the transport). Each batch of the item-events topic, read in the consumer group
 * {@code flowlens-metrics}, is applied with the very apply of {@code POST /internal/v1/item-events}
 * (each event judged on its own, the highest revision per item wins); offsets committed after the
 * database commit, refused events to the refused topic with the reasons ({@link KafkaIntake}). Its
 * state is in readiness ("item events from Kafka").
 */
@Readiness
@ApplicationScoped
public class KafkaItemEventConsumer implements HealthCheck {

    static final String CHANNEL = "item-events";
    static final String CHECK = "item events from Kafka";

    @Inject
    MetricsConfig config;

    @Inject
    ItemEventService service;

    @Inject
    KafkaChannels channels;

    @Inject
    Refusals refusals;

    @ConfigProperty(name = "mp.messaging.incoming.item-events.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "mp.messaging.incoming.item-events.topic")
    String topic;

    @ConfigProperty(name = "mp.messaging.incoming.item-events.group.id")
    String group;

    @ConfigProperty(name = "mp.messaging.outgoing.item-events-refused.topic")
    String refusedTopic;

    private KafkaIntake intake;

    @PostConstruct
    void configure() {
        intake = new KafkaIntake("item event", enabled, topic, refusedTopic, group, config.kafka().maxBackoff());
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        intake.consume(records, values -> service.apply(ItemEventParser.parseEach(values), true), refusals.emitter());
    }

    /** Called through the client proxy (a field of it would be the proxy's, never set). */
    void assigned(Collection<TopicPartition> partitions) {
        intake.assigned(partitions);
    }

    void stop(@Observes ShutdownEvent ev) {
        intake.stop();
    }

    @Override
    public HealthCheckResponse call() {
        return intake.readiness(CHECK, enabled ? channels.problem(CHANNEL) : null);
    }

    /** Keeps the readiness count of partitions this replica reads (the connector finds it by name). */
    @ApplicationScoped
    @Identifier(CHANNEL)
    static class Partitions implements KafkaConsumerRebalanceListener {

        @Inject
        @Readiness // the consumer's qualifier as a health check
        KafkaItemEventConsumer consumer;

        @Override
        public void onPartitionsAssigned(Consumer<?, ?> c, Collection<TopicPartition> partitions) {
            consumer.assigned(c.assignment());
        }

        @Override
        public void onPartitionsRevoked(Consumer<?, ?> c, Collection<TopicPartition> partitions) {
            consumer.assigned(c.assignment());
        }
    }

    /**
     * The refused topic's emitter, apart: an emitter of a disabled channel cannot be injected, and
     * this bean is only created (by its first call) once a record has come, i.e. with the channel on.
     */
    @ApplicationScoped
    static class Refusals {

        @Inject
        @Channel("item-events-refused")
        // room for a whole batch refused (500 records) even before the producer asks for more
        @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1000)
        MutinyEmitter<byte[]> emitter;

        MutinyEmitter<byte[]> emitter() {
            return emitter;
        }
    }
}
