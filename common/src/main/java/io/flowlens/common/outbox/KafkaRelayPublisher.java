package io.flowlens.common.outbox;

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
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The publishing core shared by the outbox relays that can travel over Kafka (ingestion's item
 * events, assessment's scored assessments; deploy/README.md, "Kafka"): one record per outbox row,
 * keyed by its tenant so a tenant's events stay in order in one partition, from an idempotent
 * producer with {@code acks=all}. {@link #publish} waits for every acknowledgement and says what
 * the relay must do: delete the rows (all acknowledged), park the ones the broker will never take
 * (larger than a record may be) or keep them all for a retry with backoff (the broker unreachable
 * or not acknowledging in time; records that did land are sent again, which the consumer ignores
 * by revision). Plain Java: each service wraps it in its own bean and answer type.
 */
public final class KafkaRelayPublisher implements AutoCloseable {

    /** One record to publish: its key (the tenant), its value and its headers. */
    public record Outgoing(String key, String value, Map<String, String> headers) {
    }

    /**
     * What became of a batch: {@code unavailable} is the reason none may be deleted (retry all),
     * or null when every record was acknowledged except those in {@code tooLarge} (by index, with
     * the broker's reason), which are to be parked.
     */
    public record Result(Map<Integer, String> tooLarge, String unavailable) {

        public static Result unavailable(String reason) {
            return new Result(Map.of(), reason);
        }

        public boolean acknowledged() {
            return unavailable == null;
        }
    }

    private final KafkaProducer<String, String> producer;
    private final String topic;
    private final Duration requestTimeout;

    public KafkaRelayPublisher(Properties producerConfig, String topic, Duration requestTimeout) {
        this.producer = new KafkaProducer<>(producerConfig);
        this.topic = topic;
        this.requestTimeout = requestTimeout;
    }

    /**
     * The producer settings of a relay: durable and in order per partition (every in-sync replica
     * has a record before it counts; retries never duplicate or reorder within a producer session),
     * and bounded in time by the relay's request timeout so a broker that is down does not hold it.
     */
    public static Properties producerConfig(String bootstrapServers, String clientId, String compression,
            int maxRecordBytes, Duration requestTimeout) {
        long timeout = Math.max(2_000, requestTimeout.toMillis());
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(maxRecordBytes));
        // A batch waits for its acknowledgements at most this long; send() waits for metadata at
        // most max.block.ms.
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(timeout));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(timeout - 1_000));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(timeout));
        return p;
    }

    /** Publishes the records, one each, and waits for every acknowledgement (see {@link Result}). */
    public Result publish(List<Outgoing> records) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
        for (Outgoing o : records) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, o.key(), o.value());
            o.headers().forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
            Future<RecordMetadata> f;
            try {
                f = producer.send(record);
            } catch (RuntimeException e) {
                return Result.unavailable("Kafka refused the record: " + e);
            }
            sent.add(f);
            Throwable failed = f.isDone() ? failure(f) : null;
            if (failed != null && !tooLarge(failed)) {
                // Typically no metadata within max.block.ms: the broker is down; the rest would wait as long each.
                producer.flush();
                return Result.unavailable("Kafka unreachable: " + failed);
            }
        }
        long deadline = System.nanoTime() + requestTimeout.plusSeconds(2).toNanos();
        Map<Integer, String> tooLarge = new HashMap<>();
        String unavailable = null;
        for (int i = 0; i < sent.size(); i++) {
            try {
                sent.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                if (tooLarge(e.getCause())) {
                    tooLarge.put(i, "larger than a Kafka record may be (" + e.getCause().getMessage() + ")");
                } else if (unavailable == null) {
                    unavailable = "Kafka did not acknowledge: " + e.getCause();
                }
            } catch (TimeoutException e) {
                if (unavailable == null) {
                    unavailable = "Kafka did not acknowledge within " + requestTimeout;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Result.unavailable("interrupted");
            }
        }
        return unavailable != null ? Result.unavailable(unavailable) : new Result(tooLarge, null);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
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
}
