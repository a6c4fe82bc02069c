package io.flowlens.metrics.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import io.flowlens.common.problem.Problem;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * The handling of one Kafka batch, without a broker: a batch is retried while its apply fails (a
 * database outage), so nothing good is set aside; what the apply refuses goes to the refused
 * channel with the reasons and the source; a stop ends a retry without acknowledging the batch.
 */
class KafkaIntakeTest {

    private static final TopicPartition P = new TopicPartition("flowlens.item-events", 3);

    @Test
    void aBatchIsRetriedWhileTheApplyFailsAndNothingIsRefusedMeanwhile() {
        KafkaIntake intake = new KafkaIntake("item event", true, "flowlens.item-events", "flowlens.item-events.refused",
                "flowlens-metrics", Duration.ofMillis(10));
        List<Message<byte[]>> sent = new ArrayList<>();
        AtomicInteger attempts = new AtomicInteger();
        intake.consume(batch("a", "b"), values -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("connection refused");
            }
            return new ApplyResult(values.size(), 0, List.of());
        }, emitter(sent));
        assertEquals(3, attempts.get(), "applied once it could be");
        assertEquals(0, sent.size(), "nothing set aside for a database outage");
        assertEquals("running", intake.state());
        Map<String, Object> data = data(intake.readiness("item events from Kafka", null));
        assertEquals(2L, ((Number) data.get("accepted")).longValue());
        assertEquals(0L, ((Number) data.get("refused")).longValue());
    }

    @Test
    void aRefusedRecordGoesToTheRefusedChannelWithItsReasonsAndSource() {
        KafkaIntake intake = new KafkaIntake("item event", true, "flowlens.item-events", "flowlens.item-events.refused",
                "flowlens-metrics", Duration.ofMillis(10));
        List<Message<byte[]>> sent = new ArrayList<>();
        intake.consume(batch("good", "not json {"), values -> new ApplyResult(1, 0, List.of(new ApplyResult.Refusal(null, 1,
                List.of(new Problem.FieldError("/events/1", "not a JSON document"))))), emitter(sent));
        assertEquals(1, sent.size());
        Message<byte[]> out = sent.get(0);
        assertEquals("not json {", new String(out.getPayload(), StandardCharsets.UTF_8));
        @SuppressWarnings("unchecked")
        OutgoingKafkaRecordMetadata<String> meta = out.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow();
        assertEquals("tenant-1", meta.getKey());
        String errors = new String(meta.getHeaders().lastHeader(KafkaIntake.ERRORS_HEADER).value(), StandardCharsets.UTF_8);
        assertTrue(errors.contains("\"pointer\":\"\"") && errors.contains("not a JSON document"), errors);
        assertEquals("flowlens.item-events/3@101",
                new String(meta.getHeaders().lastHeader(KafkaIntake.SOURCE_HEADER).value(), StandardCharsets.UTF_8));
        assertEquals(1L, ((Number) data(intake.readiness("c", null)).get("refused")).longValue());
    }

    @Test
    void aStopEndsTheRetriesWithoutAcknowledgingTheBatch() throws Exception {
        KafkaIntake intake = new KafkaIntake("item event", true, "t", "t.refused", "g", Duration.ofSeconds(30));
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            intake.stop();
        });
        stopper.start();
        assertThrows(RuntimeException.class, () -> intake.consume(batch("a"), values -> {
            throw new IllegalStateException("connection refused");
        }, emitter(new ArrayList<>())));
        stopper.join();
        assertEquals("retrying", intake.state());
    }

    @Test
    void offSaysSoAndAFailedChannelIsDown() {
        assertEquals("off (events arrive over HTTP)", data(new KafkaIntake("item event", false, "t", "t.refused", "g",
                Duration.ofSeconds(1)).readiness("c", null)).get("state"));
        HealthCheckResponse failed = new KafkaIntake("item event", true, "t", "t.refused", "g", Duration.ofSeconds(1))
                .readiness("c", "SRMSG: gave up");
        assertEquals(HealthCheckResponse.Status.DOWN, failed.getStatus());
        assertEquals("failed", data(failed).get("state"));
    }

    private static ConsumerRecords<String, byte[]> batch(String... values) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            records.add(new ConsumerRecord<>(P.topic(), P.partition(), 100 + i, "tenant-1",
                    values[i].getBytes(StandardCharsets.UTF_8)));
        }
        return new ConsumerRecords<>(Map.of(P, records), Map.of());
    }

    /** An emitter whose broker acknowledges every message at once, and which keeps them. */
    @SuppressWarnings("unchecked")
    private static MutinyEmitter<byte[]> emitter(List<Message<byte[]>> sent) {
        return (MutinyEmitter<byte[]>) Proxy.newProxyInstance(KafkaIntakeTest.class.getClassLoader(),
                new Class<?>[] { MutinyEmitter.class }, (proxy, method, args) -> {
                    if (method.getName().equals("sendMessage")) {
                        return Uni.createFrom().voidItem().invoke(() -> sent.add((Message<byte[]>) args[0]));
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Map<String, Object> data(HealthCheckResponse response) {
        return response.getData().orElseThrow();
    }
}
