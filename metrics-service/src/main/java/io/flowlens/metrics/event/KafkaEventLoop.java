package io.flowlens.metrics.event;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One consumer of a Kafka topic of events (item events, assessment events; deploy/README.md,
 * "Kafka"), on a thread of its own, reading in a consumer group and applying each poll's records
 * with the very apply of the matching {@code POST /internal/v1/...} endpoint, in one database
 * transaction. Offsets are committed only after the transaction has committed: at least once, and
 * a redelivered record is ignored by revision. An event refused as invalid is written to the
 * refused topic with the reasons and passed over, so one bad event never stalls its partition (nor
 * the tenants that share it). When the database (or the broker) fails, the poll's records are read
 * again after a backoff. Plain Java: the beans of each topic own one and observe start and stop.
 */
public final class KafkaEventLoop {

    private static final Logger LOG = Logger.getLogger(KafkaEventLoop.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Headers of a refused record: why, and where it came from. */
    public static final String ERRORS_HEADER = "flowlens-refused-errors";
    public static final String SOURCE_HEADER = "flowlens-source";

    /** Where and how to consume. */
    public record Settings(String bootstrapServers, String topic, String refusedTopic, String group,
            int maxPollRecords, Duration maxBackoff, Duration sessionTimeout) {
    }

    private final String name;
    private final String what;
    private final String bootstrapServers;
    private final String topic;
    private final String refusedTopic;
    private final String group;
    private final int maxPollRecords;
    private final Duration maxBackoff;
    private final Duration sessionTimeout;
    private final Function<List<byte[]>, ApplyResult> apply;

    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread thread;
    private volatile boolean stopping;
    private volatile String state = "off";
    private volatile String lastError;
    private volatile Instant lastAppliedAt;
    private volatile Set<TopicPartition> assigned = Set.of();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    /**
     * @param name the thread's and client ids' name ({@code item-events})
     * @param what the events in log lines ({@code item event})
     * @param apply applies one poll's values (in poll order) in one committed transaction; its
     *        refusals name them by index
     */
    public KafkaEventLoop(String name, String what, Settings settings, Function<List<byte[]>, ApplyResult> apply) {
        this.name = name;
        this.what = what;
        this.bootstrapServers = settings.bootstrapServers();
        this.topic = settings.topic();
        this.refusedTopic = settings.refusedTopic();
        this.group = settings.group();
        this.maxPollRecords = settings.maxPollRecords();
        this.maxBackoff = settings.maxBackoff();
        this.sessionTimeout = settings.sessionTimeout();
        this.apply = apply;
    }

    /** Starts consuming on a thread of its own. */
    public void start() {
        state = "starting";
        thread = new Thread(this::run, name + "-kafka");
        thread.setDaemon(true);
        thread.start();
        LOG.infof("consuming %ss from Kafka topic %s (group %s) at %s", what, topic, group, bootstrapServers);
    }

    /** Stops consuming; what was applied and not yet committed is read again by the next start. */
    public void stop() {
        stopping = true;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread t = thread;
        if (t != null) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        int failures = 0;
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerConfig());
                KafkaProducer<String, byte[]> refusals = new KafkaProducer<>(producerConfig())) {
            consumer = c;
            c.subscribe(List.of(topic), new org.apache.kafka.clients.consumer.ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(java.util.Collection<TopicPartition> partitions) {
                    assigned = Set.copyOf(c.assignment());
                }

                @Override
                public void onPartitionsAssigned(java.util.Collection<TopicPartition> partitions) {
                    assigned = Set.copyOf(c.assignment());
                }
            });
            state = "running";
            while (!stopping) {
                ConsumerRecords<String, byte[]> records;
                try {
                    records = c.poll(Duration.ofSeconds(1));
                } catch (WakeupException e) {
                    break;
                }
                if (records.isEmpty()) {
                    continue;
                }
                try {
                    applyAndCommit(c, refusals, records);
                    failures = 0;
                    state = "running";
                    lastError = null;
                } catch (WakeupException e) {
                    break;
                } catch (RuntimeException e) {
                    // Nothing of this poll is committed: read it again from its first offsets after a pause.
                    lastError = e.toString();
                    state = "retrying";
                    LOG.warnf("applying %d %s(s) from Kafka failed, retrying: %s", records.count(), what, e.toString());
                    rewind(c, records);
                    pause(backoff(failures++));
                }
            }
        } catch (WakeupException e) {
            // shutting down
        } catch (RuntimeException e) {
            lastError = e.toString();
            LOG.errorf(e, "the Kafka consumer of %ss stopped", what);
        } finally {
            consumer = null;
            state = stopping ? "stopped" : "failed";
        }
    }

    /**
     * Applies one poll in one database transaction, parks what was refused on the refused topic,
     * then commits the offsets: a crash anywhere before the commit redelivers the poll, which the
     * idempotent apply ignores.
     */
    private void applyAndCommit(KafkaConsumer<String, byte[]> c, KafkaProducer<String, byte[]> refusals,
            ConsumerRecords<String, byte[]> records) {
        List<ConsumerRecord<String, byte[]>> list = new ArrayList<>(records.count());
        records.forEach(list::add);
        ApplyResult result = apply.apply(list.stream().map(ConsumerRecord::value).toList());
        List<Future<RecordMetadata>> parked = new ArrayList<>();
        for (ApplyResult.Refusal r : result.refused()) {
            ConsumerRecord<String, byte[]> source = list.get(r.index());
            ProducerRecord<String, byte[]> out = new ProducerRecord<>(refusedTopic, source.key(), source.value());
            source.headers().forEach(h -> out.headers().add(h));
            out.headers().add(ERRORS_HEADER, errors(r));
            out.headers().add(SOURCE_HEADER, (source.topic() + "/" + source.partition() + "@" + source.offset())
                    .getBytes(StandardCharsets.UTF_8));
            parked.add(refusals.send(out));
            LOG.warnf("%s %s at %s/%d@%d refused: %s; written to %s", what, r.eventId(), source.topic(),
                    source.partition(), source.offset(), r.errors(), refusedTopic);
        }
        for (Future<RecordMetadata> f : parked) {
            try {
                f.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("could not write a refused event to " + refusedTopic + ": " + e, e);
            }
        }
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        for (TopicPartition p : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> of = records.records(p);
            next.put(p, new OffsetAndMetadata(of.get(of.size() - 1).offset() + 1));
        }
        c.commitSync(next);
        accepted.addAndGet(result.accepted());
        ignored.addAndGet(result.ignored());
        refused.addAndGet(result.refused().size());
        lastAppliedAt = Instant.now();
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

    private static void rewind(KafkaConsumer<String, byte[]> c, ConsumerRecords<String, byte[]> records) {
        try {
            for (TopicPartition p : records.partitions()) {
                if (c.assignment().contains(p)) {
                    c.seek(p, records.records(p).get(0).offset());
                }
            }
        } catch (RuntimeException e) {
            LOG.debugf("rewinding after a failure: %s", e.toString());
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
                return;
            }
        }
    }

    private Properties consumerConfig() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "flowlens-metrics-" + name);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        // Offsets move only after the database has the events (commitSync after the transaction).
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // A new group starts from the beginning of what the topic retains: nothing is skipped.
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(maxPollRecords));
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // A poll's transaction may take a while on a big backlog; the group keeps the member meanwhile.
        p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, "600000");
        // A crashed replica's partitions move to the others after this (heartbeats at a third of it).
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Long.toString(sessionTimeout.toMillis()));
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Long.toString(Math.max(1_000, sessionTimeout.toMillis() / 3)));
        return p;
    }

    private Properties producerConfig() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "flowlens-metrics-refused-" + name);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "10485760");
        return p;
    }

    /** off, starting, running, retrying (the last poll failed; read again after a pause), stopped or failed. */
    public String state() {
        return state;
    }

    /** Its state and counts as readiness data; DOWN only once it has stopped for good (needs a restart). */
    public org.eclipse.microprofile.health.HealthCheckResponse readiness(String check) {
        org.eclipse.microprofile.health.HealthCheckResponseBuilder b =
                org.eclipse.microprofile.health.HealthCheckResponse.named(check);
        b.status(!"failed".equals(state))
                .withData("state", state)
                .withData("topic", topic)
                .withData("group", group)
                .withData("partitions", assigned.size())
                .withData("accepted", accepted.get())
                .withData("ignored", ignored.get())
                .withData("refused", refused.get());
        if (lastAppliedAt != null) {
            b.withData("lastAppliedAt", lastAppliedAt.toString());
        }
        if (lastError != null) {
            b.withData("lastError", lastError);
        }
        return b.build();
    }

    public String topic() {
        return topic;
    }

    public String group() {
        return group;
    }

    public String lastError() {
        return lastError;
    }

    public Instant lastAppliedAt() {
        return lastAppliedAt;
    }

    public Set<TopicPartition> assigned() {
        return assigned;
    }

    public long accepted() {
        return accepted.get();
    }

    public long ignored() {
        return ignored.get();
    }

    public long refused() {
        return refused.get();
    }
}
