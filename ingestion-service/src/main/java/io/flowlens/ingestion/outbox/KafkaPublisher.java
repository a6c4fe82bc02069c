package io.flowlens.ingestion.outbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.flowlens.common.contract.ItemEventContract;
import io.flowlens.common.outbox.KafkaRelayPublisher;
import io.flowlens.ingestion.config.IngestionConfig;

/**
 * The Kafka transport of the outbox ({@code flowlens.ingestion.outbox.transport=kafka}): each
 * claimed event becomes one record on the item-events topic, keyed by its tenant, so a tenant's
 * events stay in order in one partition while tenants spread over all of them. The producer is
 * idempotent with {@code acks=all}; the relay deletes the rows only once every record of the batch
 * is acknowledged. A broker that cannot be reached (or does not acknowledge in time) is answered
 * like an unreachable metrics-service: nothing is deleted and the rows are retried with backoff
 * (records that did land are sent again, which metrics ignores by revision). An event the broker
 * will never take (larger than a record may be) is parked with the reason, so it blocks nothing.
 * The publishing itself is common's {@link KafkaRelayPublisher}, which assessment's feed shares.
 */
@ApplicationScoped
public class KafkaPublisher {

    private static final Logger LOG = Logger.getLogger(KafkaPublisher.class);
    /** Record headers: the event id (the idempotency key) and the contract version of the value. */
    public static final String EVENT_ID_HEADER = "flowlens-event-id";
    public static final String VERSION_HEADER = "flowlens-item-events-version";

    @Inject
    IngestionConfig config;

    private KafkaRelayPublisher publisher;

    @PostConstruct
    void init() {
        if (enabled()) {
            IngestionConfig.Kafka kafka = config.outbox().kafka();
            publisher = new KafkaRelayPublisher(KafkaRelayPublisher.producerConfig(kafka.bootstrapServers(),
                    "flowlens-ingestion-outbox", kafka.compression(), kafka.maxRecordBytes(),
                    config.outbox().requestTimeout()), kafka.topic(), config.outbox().requestTimeout());
            LOG.infof("outbox relays item events to Kafka topic %s at %s", kafka.topic(), kafka.bootstrapServers());
        }
    }

    @PreDestroy
    void close() {
        if (publisher != null) {
            publisher.close();
        }
    }

    /** Whether the outbox relays to Kafka rather than over HTTP. */
    public boolean enabled() {
        return config.outbox().transport() == IngestionConfig.Transport.KAFKA;
    }

    /**
     * Publishes the rows, one record each, and waits for every acknowledgement. The answer has the
     * relay's meaning: {@code DELIVERED} (with the records the broker refused as too large listed
     * as refused, to be parked) or {@code UNAVAILABLE} (retry them all with backoff).
     */
    MetricsAnswer publish(List<ParkedEvents.Claimed> rows) {
        List<KafkaRelayPublisher.Outgoing> records = new ArrayList<>(rows.size());
        for (ParkedEvents.Claimed row : rows) {
            records.add(new KafkaRelayPublisher.Outgoing(row.tenantId(), row.payload(), Map.of(
                    EVENT_ID_HEADER, row.eventId().toString(), VERSION_HEADER, ItemEventContract.PER_EVENT_VERSION)));
        }
        KafkaRelayPublisher.Result result = publisher.publish(records);
        if (!result.acknowledged()) {
            return MetricsAnswer.unavailable(result.unavailable());
        }
        Map<Integer, ArrayNode> refused = new HashMap<>();
        result.tooLarge().forEach((i, reason) -> refused.put(i,
                JsonNodeFactory.instance.arrayNode().add(MetricsAnswer.error("", reason))));
        return new MetricsAnswer(MetricsAnswer.Kind.DELIVERED, refused, null);
    }
}
