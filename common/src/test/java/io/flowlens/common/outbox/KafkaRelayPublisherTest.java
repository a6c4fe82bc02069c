package io.flowlens.common.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

/** The relays' producer: durable settings, and a broker away answered as "retry", never as delivered. */
class KafkaRelayPublisherTest {

    @Test
    void theProducerIsIdempotentWaitsForEveryReplicaAndIsBoundedByTheRequestTimeout() {
        Properties p = KafkaRelayPublisher.producerConfig("broker:9092", "relay", "lz4", 1_000_000, Duration.ofSeconds(10));
        assertEquals("all", p.get(ProducerConfig.ACKS_CONFIG));
        assertEquals("true", p.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
        assertEquals("1000000", p.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG));
        assertEquals("10000", p.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG));
        assertEquals("10000", p.get(ProducerConfig.MAX_BLOCK_MS_CONFIG));
        // delivery.timeout.ms must be at least request.timeout.ms + linger.ms, or the client refuses to start.
        Properties tiny = KafkaRelayPublisher.producerConfig("broker:9092", "relay", "none", 1_000, Duration.ofMillis(100));
        assertEquals("2000", tiny.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG));
        assertEquals("1000", tiny.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG));
    }

    @Test
    void aBrokerThatCannotBeReachedMeansRetryAllWithinTheTimeout() {
        Duration timeout = Duration.ofSeconds(2);
        // Port 1: nothing listens, every connection is refused.
        try (KafkaRelayPublisher publisher = new KafkaRelayPublisher(
                KafkaRelayPublisher.producerConfig("127.0.0.1:1", "relay-test", "none", 1_000_000, timeout),
                "flowlens.test-events", timeout)) {
            long start = System.nanoTime();
            KafkaRelayPublisher.Result result = publisher.publish(List.of(
                    new KafkaRelayPublisher.Outgoing("tenant-a", "{\"n\":1}", Map.of("flowlens-event-id", "e1")),
                    new KafkaRelayPublisher.Outgoing("tenant-b", "{\"n\":2}", Map.of("flowlens-event-id", "e2"))));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertFalse(result.acknowledged());
            assertTrue(result.unavailable().startsWith("Kafka"), result.unavailable());
            assertTrue(result.tooLarge().isEmpty());
            // One wait for metadata, not one per record.
            assertTrue(took.compareTo(Duration.ofSeconds(8)) < 0, "took " + took);
        }
    }
}
