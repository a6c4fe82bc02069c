package io.flowlens.assessment.feed;

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

import io.flowlens.assessment.config.AssessmentConfig;
import io.flowlens.common.contract.AssessmentEventContract;
import io.flowlens.common.outbox.KafkaRelayPublisher;

/**
 * The Kafka transport of the feed ({@code flowlens.assessment.feed.transport=kafka}), as ingestion's
 * outbox has one: each claimed event becomes one record on the assessment-events topic, keyed by
 * its tenant (a tenant's events in order in one partition), from an idempotent producer with
 * {@code acks=all} (common's {@link KafkaRelayPublisher}). The relay deletes the rows only once
 * every record of the batch is acknowledged; a broker that cannot be reached is answered like an
 * unreachable metrics-service (nothing deleted, retried with backoff; what did land is sent again
 * and metrics ignores it by revision). An event larger than a record may be is parked with the
 * reason.
 */
@ApplicationScoped
public class FeedKafkaPublisher {

    private static final Logger LOG = Logger.getLogger(FeedKafkaPublisher.class);
    /** Record headers: the event id (the idempotency key) and the contract version of the value. */
    public static final String EVENT_ID_HEADER = "flowlens-event-id";
    public static final String VERSION_HEADER = "flowlens-assessment-events-version";

    @Inject
    AssessmentConfig config;

    private KafkaRelayPublisher publisher;

    @PostConstruct
    void init() {
        if (enabled()) {
            AssessmentConfig.FeedKafka kafka = config.feed().kafka();
            publisher = new KafkaRelayPublisher(KafkaRelayPublisher.producerConfig(kafka.bootstrapServers(),
                    "flowlens-assessment-feed", kafka.compression(), kafka.maxRecordBytes(),
                    config.feed().requestTimeout()), kafka.topic(), config.feed().requestTimeout());
            LOG.infof("the metrics feed relays assessment events to Kafka topic %s at %s", kafka.topic(),
                    kafka.bootstrapServers());
        }
    }

    @PreDestroy
    void close() {
        if (publisher != null) {
            publisher.close();
        }
    }

    /** Whether the feed travels over Kafka rather than HTTP. */
    public boolean enabled() {
        return config.feed().transport() == AssessmentConfig.Transport.KAFKA;
    }

    /**
     * Publishes the rows and waits for every acknowledgement; the answer has the relay's meaning:
     * {@code DELIVERED} (records too large for the broker listed as refused, to be parked) or
     * {@code UNAVAILABLE} (retry them all with backoff).
     */
    FeedAnswer publish(List<FeedRelay.Claimed> rows) {
        List<KafkaRelayPublisher.Outgoing> records = new ArrayList<>(rows.size());
        for (FeedRelay.Claimed row : rows) {
            records.add(new KafkaRelayPublisher.Outgoing(row.tenantId(), row.payload(), Map.of(
                    EVENT_ID_HEADER, row.eventId().toString(), VERSION_HEADER, AssessmentEventContract.VERSION)));
        }
        KafkaRelayPublisher.Result result = publisher.publish(records);
        if (!result.acknowledged()) {
            return FeedAnswer.unavailable(result.unavailable());
        }
        Map<Integer, ArrayNode> refused = new HashMap<>();
        result.tooLarge().forEach((i, reason) -> refused.put(i,
                JsonNodeFactory.instance.arrayNode().add(FeedAnswer.error("", reason))));
        return new FeedAnswer(FeedAnswer.Kind.DELIVERED, refused, null);
    }
}
