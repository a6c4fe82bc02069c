package io.flowlens.ingestion.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.flowlens.common.contract.ItemEventContract;
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
 */
@ApplicationScoped
public class KafkaPublisher {

    private static final Logger LOG = Logger.getLogger(KafkaPublisher.class);
    /** Record headers: the event id (the idempotency key) and the contract version of the value. */
    public static final String EVENT_ID_HEADER = "flowlens-event-id";
    public static final String VERSION_HEADER = "flowlens-item-events-version";

    @Inject
    IngestionConfig config;

    private KafkaProducer<String, String> producer;

    @PostConstruct
    void init() {
        if (enabled()) {
            producer = new KafkaProducer<>(producerConfig(config));
            LOG.infof("outbox relays item events to Kafka topic %s at %s", config.outbox().kafka().topic(),
                    config.outbox().kafka().bootstrapServers());
        }
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Whether the outbox relays to Kafka rather than over HTTP. */
    public boolean enabled() {
        return config.outbox().transport() == IngestionConfig.Transport.KAFKA;
    }

    static Properties producerConfig(IngestionConfig config) {
        IngestionConfig.Kafka kafka = config.outbox().kafka();
        long timeout = Math.max(2_000, config.outbox().requestTimeout().toMillis());
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "flowlens-ingestion-outbox");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        // Durable and in order per partition: every in-sync replica has it, retries never duplicate
        // or reorder within a producer session.
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, kafka.compression());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(kafka.maxRecordBytes()));
        // A batch waits for its acknowledgements at most this long; a broker that is down does not
        // hold the relay (send() waits for metadata at most max.block.ms).
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(timeout));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(timeout - 1_000));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(timeout));
        return p;
    }

    /**
     * Publishes the rows, one record each, and waits for every acknowledgement. The answer has the
     * relay's meaning: {@code DELIVERED} (with the records the broker refused as too large listed
     * as refused, to be parked) or {@code UNAVAILABLE} (retry them all with backoff).
     */
    MetricsAnswer publish(List<ParkedEvents.Claimed> rows) {
        String topic = config.outbox().kafka().topic();
        List<Future<RecordMetadata>> sent = new ArrayList<>(rows.size());
        Map<Integer, ArrayNode> refused = new HashMap<>();
        for (ParkedEvents.Claimed row : rows) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, row.tenantId(), row.payload());
            record.headers().add(EVENT_ID_HEADER, row.eventId().toString().getBytes(StandardCharsets.UTF_8));
            record.headers().add(VERSION_HEADER, ItemEventContract.PER_EVENT_VERSION.getBytes(StandardCharsets.UTF_8));
            Future<RecordMetadata> f;
            try {
                f = producer.send(record);
            } catch (RuntimeException e) {
                return MetricsAnswer.unavailable("Kafka refused the record: " + e);
            }
            sent.add(f);
            if (f.isDone() && failure(f) != null && !tooLarge(failure(f))) {
                // Typically no metadata within max.block.ms: the broker is down; the rest would wait as long each.
                producer.flush();
                return MetricsAnswer.unavailable("Kafka unreachable: " + failure(f));
            }
        }
        long deadline = System.nanoTime() + config.outbox().requestTimeout().plusSeconds(2).toNanos();
        String unavailable = null;
        for (int i = 0; i < sent.size(); i++) {
            try {
                sent.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                if (tooLarge(e.getCause())) {
                    refused.put(i, reason("larger than a Kafka record may be (" + e.getCause().getMessage() + ")"));
                } else if (unavailable == null) {
                    unavailable = "Kafka did not acknowledge: " + e.getCause();
                }
            } catch (java.util.concurrent.TimeoutException e) {
                if (unavailable == null) {
                    unavailable = "Kafka did not acknowledge within " + config.outbox().requestTimeout();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return MetricsAnswer.unavailable("interrupted");
            }
        }
        if (unavailable != null) {
            return MetricsAnswer.unavailable(unavailable);
        }
        return new MetricsAnswer(MetricsAnswer.Kind.DELIVERED, refused, null);
    }

    private static Throwable failure(Future<RecordMetadata> f) {
        try {
            f.get(0, TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            return e;
        }
    }

    private static boolean tooLarge(Throwable t) {
        return t instanceof RecordTooLargeException || t instanceof RecordBatchTooLargeException;
    }

    private static ArrayNode reason(String detail) {
        return JsonNodeFactory.instance.arrayNode().add(MetricsAnswer.error("", detail));
    }
}
