package io.flowlens.metrics.event;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * What metrics does with one batch of a Kafka topic of events (item events, assessment events;
 * deploy/README.md, "Kafka"), which Quarkus Messaging's Kafka connector hands to a blocking
 * {@code @Incoming} method: apply the batch's values with the very apply of the matching {@code POST
 * /internal/v1/...} endpoint, in one database transaction; write the records that apply refused to
 * the refused topic with the reasons and where they came from; return. The connector commits the
 * batch's offsets only once the method has returned (acknowledged after the database commit):
 * at least once, and a redelivered record is ignored by revision. While the database (or the refused
 * topic) fails, the same batch is tried again after a growing pause, so a good record is never set
 * aside. Also the consumer's state and counts for readiness. Plain Java: each topic's bean owns one.
 */
public final class KafkaIntake {

    private static final Logger LOG = Logger.getLogger(KafkaIntake.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Headers of a refused record: why, and where it came from. */
    public static final String ERRORS_HEADER = "flowlens-refused-errors";
    public static final String SOURCE_HEADER = "flowlens-source";
    private static final Duration REFUSAL_TIMEOUT = Duration.ofSeconds(30);

    private final String what;
    private final boolean enabled;
    private final String topic;
    private final String refusedTopic;
    private final String group;
    private final Duration maxBackoff;

    private volatile boolean stopping;
    private volatile String state;
    private volatile String lastError;
    private volatile Instant lastAppliedAt;
    private volatile Set<TopicPartition> assigned = Set.of();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    /**
     * @param what the events in log lines ({@code item event})
     * @param enabled whether the channel is on (off: the events arrive over HTTP)
     */
    public KafkaIntake(String what, boolean enabled, String topic, String refusedTopic, String group,
            Duration maxBackoff) {
        this.what = what;
        this.enabled = enabled;
        this.topic = topic;
        this.refusedTopic = refusedTopic;
        this.group = group;
        this.maxBackoff = maxBackoff;
        this.state = enabled ? "starting" : "off";
    }

    /**
     * Applies one batch until it commits and its refusals are on the refused topic; throws only
     * when the service stops meanwhile (the connector then commits nothing past the batch).
     *
     * @param apply applies the values (in batch order) in one committed transaction; its refusals
     *        name them by index
     */
    public void consume(ConsumerRecords<String, byte[]> records, Function<List<byte[]>, ApplyResult> apply,
            MutinyEmitter<byte[]> refusals) {
        List<ConsumerRecord<String, byte[]>> list = new ArrayList<>(records.count());
        records.forEach(list::add);
        if (list.isEmpty()) {
            return;
        }
        List<byte[]> values = list.stream().map(ConsumerRecord::value).toList();
        int failures = 0;
        while (true) {
            try {
                ApplyResult result = apply.apply(values);
                park(list, result, refusals);
                accepted.addAndGet(result.accepted());
                ignored.addAndGet(result.ignored());
                refused.addAndGet(result.refused().size());
                lastAppliedAt = Instant.now();
                lastError = null;
                state = "running";
                return;
            } catch (RuntimeException e) {
                if (stopping) {
                    throw e;
                }
                // Nothing of this batch is acknowledged: the same records again after a pause.
                lastError = e.toString();
                state = "retrying";
                LOG.warnf("applying %d %s(s) from Kafka failed, retrying: %s", list.size(), what, e.toString());
                pause(backoff(failures++));
                if (stopping) {
                    throw new IllegalStateException("stopping with " + list.size() + " " + what
                            + "(s) not applied; they are read again at the next start", e);
                }
            }
        }
    }

    /** Writes the refused records to the refused topic and waits until the broker has them all. */
    private void park(List<ConsumerRecord<String, byte[]>> list, ApplyResult result, MutinyEmitter<byte[]> refusals) {
        if (result.refused().isEmpty()) {
            return;
        }
        List<Uni<Void>> sent = new ArrayList<>();
        for (ApplyResult.Refusal r : result.refused()) {
            ConsumerRecord<String, byte[]> source = list.get(r.index());
            RecordHeaders headers = new RecordHeaders(source.headers().toArray());
            headers.add(ERRORS_HEADER, errors(r));
            headers.add(SOURCE_HEADER, (source.topic() + "/" + source.partition() + "@" + source.offset())
                    .getBytes(StandardCharsets.UTF_8));
            OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String> builder()
                    .withKey(source.key()).withHeaders(headers).build();
            byte[] value = source.value() == null ? new byte[0] : source.value();
            sent.add(refusals.sendMessage(Message.of(value).addMetadata(metadata)));
            LOG.warnf("%s %s at %s/%d@%d refused: %s; written to %s", what, r.eventId(), source.topic(),
                    source.partition(), source.offset(), r.errors(), refusedTopic);
        }
        try {
            Uni.join().all(sent).andFailFast().await().atMost(REFUSAL_TIMEOUT);
        } catch (RuntimeException e) {
            throw new IllegalStateException("could not write a refused " + what + " to " + refusedTopic + ": " + e, e);
        }
    }

    private static byte[] errors(ApplyResult.Refusal r) {
        try {
            return JSON.writeValueAsBytes(r.errors().stream()
                    .map(e -> Map.of("pointer", e.pointer().replaceFirst("^/events/\\d+", ""), "detail", e.detail()))
                    .collect(Collectors.toList()));
        } catch (Exception e) {
            return "[]".getBytes(StandardCharsets.UTF_8);
        }
    }

    private Duration backoff(int failures) {
        Duration d = Duration.ofMillis(500L << Math.min(failures, 10));
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }

    private void pause(Duration d) {
        long until = System.nanoTime() + d.toNanos();
        while (!stopping && System.nanoTime() < until) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
                return;
            }
        }
    }

    /** The service stops: a batch being retried gives up (uncommitted, read again at the next start). */
    public void stop() {
        stopping = true;
    }

    /** The group has (re)assigned this member's partitions. */
    public void assigned(Collection<TopicPartition> partitions) {
        assigned = Set.copyOf(partitions);
        if ("starting".equals(state)) {
            state = "running";
        }
    }

    /**
     * Its state and counts as readiness data: UP while it retries (metrics still answers reads, and
     * the events wait in the topic); DOWN only once the connector has given the channel up (needs a
     * restart).
     *
     * @param channelProblem the connector's reason when the channel has failed, else null
     */
    public HealthCheckResponse readiness(String check, String channelProblem) {
        if (!enabled) {
            return HealthCheckResponse.named(check).up().withData("state", "off (events arrive over HTTP)").build();
        }
        String s = channelProblem != null ? "failed" : state;
        HealthCheckResponseBuilder b = HealthCheckResponse.named(check).status(channelProblem == null)
                .withData("state", s)
                .withData("topic", topic)
                .withData("group", group)
                .withData("partitions", assigned.size())
                .withData("accepted", accepted.get())
                .withData("ignored", ignored.get())
                .withData("refused", refused.get());
        if (lastAppliedAt != null) {
            b.withData("lastAppliedAt", lastAppliedAt.toString());
        }
        String error = channelProblem != null ? channelProblem : lastError;
        if (error != null) {
            b.withData("lastError", error);
        }
        return b.build();
    }

    public boolean enabled() {
        return enabled;
    }

    /** off, starting, running, retrying (the last attempt at a batch failed; tried again after a pause). */
    public String state() {
        return state;
    }
}
