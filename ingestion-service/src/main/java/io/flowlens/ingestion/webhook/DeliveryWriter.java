package io.flowlens.ingestion.webhook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.flowlens.common.problem.ApiException;
import io.flowlens.ingestion.config.IngestionConfig;
import io.flowlens.ingestion.connection.ConnectionService.WebhookTarget;
import io.flowlens.ingestion.domain.FlowMapping;
import io.flowlens.ingestion.item.ItemFacts;
import io.flowlens.ingestion.tracker.ItemChange;
import io.flowlens.ingestion.tracker.ParsedDelivery;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Writes authenticated, parsed webhook deliveries: raw record first, then the items' facts and
 * their derived state and outbox events, all in one transaction. Deliveries that arrive while a
 * write is under way wait in a queue and the next write takes them together (group commit), so
 * a burst costs a few round trips and one commit per batch instead of per delivery. Each caller
 * still gets its own answer, and only once its delivery has committed.
 *
 * <p>A batch that fails as a whole is retried one delivery at a time, so one bad delivery cannot
 * fail the others.
 */
@ApplicationScoped
public class DeliveryWriter {

    private static final Logger LOG = Logger.getLogger(DeliveryWriter.class);

    private static final String INSERT_RAW = "insert into raw_event (id, tenant_id, connection_id, delivery_key,"
            + " event_kind, headers, body, received_at, outcome, note)"
            + " select * from unnest(?::text[]::uuid[], ?::text[], ?::text[]::uuid[], ?::text[], ?::text[],"
            + " ?::text[]::jsonb[], ?::bytea[], ?::text[]::timestamptz[], ?::text[], ?::text[])"
            + " on conflict (connection_id, delivery_key) do nothing returning id";

    /** A delivery ready to be written, and where its answer goes. */
    record Pending(WebhookTarget connection, String deliveryKey, String headersJson, byte[] body,
            ParsedDelivery parsed, Instant receivedAt, UUID rawId, CompletableFuture<WebhookReceipt> answer) {
    }

    @Inject
    IngestionConfig config;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ItemFacts facts;

    @Inject
    MeterRegistry registry;

    /**
     * The answer of a delivery whose connection is locked by a replay's swap, a deletion or a
     * mapping change: it waits here and is written by a later batch, so the writer goes on with
     * every other connection's deliveries meanwhile.
     */
    private static final WebhookReceipt DEFERRED = new WebhookReceipt(null, "deferred", null, 0, null);
    private static final long DEFER_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /** A delivery set aside until {@code dueNanos} because its connection was locked. */
    private record Deferred(Pending pending, long dueNanos) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(dueNanos, ((Deferred) o).dueNanos);
        }
    }

    private final DelayQueue<Deferred> deferred = new DelayQueue<>();
    private BlockingQueue<Pending> queue;
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running = true;
    private DistributionSummary batchSizes;

    @PostConstruct
    void start() {
        queue = new ArrayBlockingQueue<>(config.webhookQueueCapacity());
        batchSizes = DistributionSummary.builder("flowlens.webhook.batch.size")
                .description("Webhook deliveries written per transaction").register(registry);
        Gauge.builder("flowlens.webhook.queue", queue, BlockingQueue::size)
                .description("Webhook deliveries waiting to be written").register(registry);
        for (int i = 0; i < Math.max(1, config.webhookWriters()); i++) {
            Thread t = new Thread(this::run, "webhook-writer-" + i);
            t.setDaemon(true);
            t.start();
            writers.add(t);
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        writers.forEach(Thread::interrupt);
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        deferred.forEach(d -> left.add(d.pending()));
        deferred.clear();
        left.forEach(p -> p.answer().completeExceptionally(unavailable("the service is shutting down")));
    }

    /** Writes one delivery (with whatever else is waiting) and returns its receipt once committed. */
    public WebhookReceipt write(WebhookTarget connection, String deliveryKey, String headersJson, byte[] body,
            ParsedDelivery parsed) {
        Pending p = new Pending(connection, deliveryKey, headersJson, body, parsed, Instant.now(), UUID.randomUUID(),
                new CompletableFuture<>());
        if (!running || !queue.offer(p)) {
            throw unavailable("too many deliveries are waiting to be written; retry shortly");
        }
        try {
            return p.answer().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("webhook delivery could not be written", e.getCause());
        } catch (TimeoutException e) {
            // Still queued or being written: it may yet commit, and a redelivery is then a no-op.
            throw unavailable("the delivery was not written within 30 s; retry it");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted");
        }
    }

    private static ApiException unavailable(String detail) {
        return new ApiException(503, "unavailable", "Service unavailable", detail);
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        while (running) {
            try {
                int max = Math.max(1, config.webhookBatchSize());
                // With deliveries set aside, wake up for them too; otherwise wait for the next delivery.
                Pending first = deferred.isEmpty() ? queue.take() : queue.poll(5, TimeUnit.MILLISECONDS);
                batch.clear();
                if (first != null) {
                    batch.add(first);
                }
                Deferred due;
                while (batch.size() < max && (due = deferred.poll()) != null) {
                    batch.add(due.pending());
                }
                queue.drainTo(batch, max - batch.size());
                if (!batch.isEmpty()) {
                    writeAll(batch);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // writeAll answers every delivery; this is a last resort so the thread lives on.
                LOG.error("webhook writer failed", e);
            }
        }
    }

    void writeAll(List<Pending> batch) {
        batchSizes.record(batch.size());
        Map<Pending, WebhookReceipt> receipts;
        try {
            receipts = QuarkusTransaction.requiringNew().call(() -> writeBatch(batch));
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.get(0).answer().completeExceptionally(e);
                return;
            }
            LOG.warnf("a batch of %d webhook deliveries failed (%s); writing them one by one", batch.size(), e);
            for (Pending p : batch) {
                writeAll(List.of(p));
            }
            return;
        }
        for (Pending p : batch) {
            WebhookReceipt r = receipts.get(p);
            if (r == DEFERRED) {
                deferred.add(new Deferred(p, System.nanoTime() + DEFER_NANOS));
                continue;
            }
            if (r == null) {
                // Its connection was deleted after the delivery was authenticated: nothing of it is kept.
                p.answer().completeExceptionally(ApiException.notFound("connection", p.connection().id()));
                continue;
            }
            p.answer().complete(r);
        }
    }

    /** One transaction for the whole batch; answers are handed out only after it commits. */
    private Map<Pending, WebhookReceipt> writeBatch(List<Pending> batch) throws SQLException {
        // By identity: a pending delivery's fields (body, parsed changes) are not worth hashing.
        Map<Pending, WebhookReceipt> receipts = new java.util.IdentityHashMap<>();
        // Sorted, so concurrent writers lock connection rows, delivery keys and items in one order.
        List<Pending> sorted = new ArrayList<>(batch);
        sorted.sort(Comparator.comparing((Pending p) -> p.connection().id()).thenComparing(Pending::deliveryKey));
        try (Connection c = dataSource.getConnection()) {
            // A mapping change, a replay's swap or a deletion waits for this batch to commit, so the
            // remapping that follows sees (and re-derives) every item it wrote; a deleted connection gets nothing.
            // A connection one of those holds already is not waited for: its deliveries wait for a later batch.
            Map<UUID, String> kinds = new LinkedHashMap<>();
            sorted.forEach(p -> kinds.putIfAbsent(p.connection().id(), p.connection().kind()));
            ItemFacts.Locked locked = facts.lockForWritingUnlessBusy(c, kinds);
            List<Pending> present = new ArrayList<>();
            for (Pending p : sorted) {
                if (locked.mappings().containsKey(p.connection().id())) {
                    present.add(p);
                } else if (locked.busy().contains(p.connection().id())) {
                    receipts.put(p, DEFERRED);
                }
            }
            Set<UUID> inserted = insertRaw(c, present);
            // Per connection: the new deliveries that carry changes, in arrival order.
            Map<UUID, List<Pending>> applied = new LinkedHashMap<>();
            for (Pending p : present) {
                if (!inserted.contains(p.rawId())) {
                    receipts.put(p, new WebhookReceipt(p.deliveryKey(), "duplicate", p.parsed().eventKind(), 0,
                            "this delivery was received before; nothing changed"));
                } else if (p.parsed().isIgnored()) {
                    receipts.put(p, new WebhookReceipt(p.deliveryKey(), "ignored", p.parsed().eventKind(), 0,
                            p.parsed().ignoredBecause()));
                } else {
                    applied.computeIfAbsent(p.connection().id(), k -> new ArrayList<>()).add(p);
                }
            }
            for (List<Pending> group : applied.values()) {
                group.sort(Comparator.comparing(Pending::receivedAt));
                WebhookTarget connection = group.get(0).connection();
                List<ItemChange> changes = new ArrayList<>();
                List<UUID> sources = new ArrayList<>();
                for (Pending p : group) {
                    for (ItemChange ch : p.parsed().changes()) {
                        changes.add(ch);
                        sources.add(p.rawId());
                    }
                }
                ItemFacts.Applied done = facts.apply(c, connection.tenantId(), connection.id(), changes, sources,
                        locked.mappings().get(connection.id()));
                for (Pending p : group) {
                    Set<UUID> mine = new HashSet<>();
                    for (ItemChange ch : p.parsed().changes()) {
                        UUID id = done.idsByExternalId().get(ch.externalId());
                        if (id != null && done.changed().contains(id)) {
                            mine.add(id);
                        }
                    }
                    receipts.put(p, new WebhookReceipt(p.deliveryKey(), "applied", p.parsed().eventKind(),
                            mine.size(), null));
                }
            }
        }
        return receipts;
    }

    /** Inserts the raw records; returns the ids of those that were new (not redeliveries). */
    private Set<UUID> insertRaw(Connection c, List<Pending> batch) throws SQLException {
        Set<UUID> inserted = new HashSet<>();
        if (batch.isEmpty()) {
            return inserted;
        }
        int n = batch.size();
        String[][] cols = new String[9][n];
        byte[][] bodies = new byte[n][];
        for (int i = 0; i < n; i++) {
            Pending p = batch.get(i);
            cols[0][i] = p.rawId().toString();
            cols[1][i] = p.connection().tenantId();
            cols[2][i] = p.connection().id().toString();
            cols[3][i] = p.deliveryKey();
            cols[4][i] = p.parsed().eventKind();
            cols[5][i] = p.headersJson();
            cols[6][i] = p.receivedAt().toString();
            cols[7][i] = p.parsed().isIgnored() ? "ignored" : "applied";
            cols[8][i] = p.parsed().ignoredBecause();
            bodies[i] = p.body();
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_RAW)) {
            for (int col = 0; col < 6; col++) {
                ps.setArray(col + 1, c.createArrayOf("text", cols[col]));
            }
            ps.setArray(7, c.createArrayOf("bytea", bodies));
            ps.setArray(8, c.createArrayOf("text", cols[6]));
            ps.setArray(9, c.createArrayOf("text", cols[7]));
            ps.setArray(10, c.createArrayOf("text", cols[8]));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    inserted.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return inserted;
    }
}
