package io.flowlens.ingestion.outbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.ArrayNode;

import io.agroal.api.AgroalDataSource;
import io.flowlens.common.contract.ItemEventContract;
import io.flowlens.common.identity.Caller;
import io.flowlens.common.identity.IdentityToken;
import io.flowlens.common.identity.Roles;
import io.flowlens.ingestion.config.IngestionConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * Delivers outbox rows to metrics-service ({@code POST /internal/v1/item-events}), at least
 * once. It runs on a schedule and is nudged after every commit that wrote events, so events
 * normally leave within milliseconds. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}
 * (several replicas can relay side by side), a share per tenant so that no tenant's backlog
 * holds another's events back. metrics answers per event: the events it applied or ignored
 * leave the outbox, those it refused as invalid are parked ({@link ParkedEvents}) and the rest
 * keep flowing. When metrics cannot be reached, the rows are retried with exponential backoff;
 * metrics ignores what it already has (event id, revision). With
 * {@code flowlens.ingestion.outbox.transport=kafka} the same rows are published to Kafka instead
 * ({@link KafkaPublisher}), and metrics consumes the topic.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    @Inject
    IngestionConfig config;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    IdentityToken tokens;

    @Inject
    MeterRegistry registry;

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** The Kafka transport, when configured ({@code flowlens.ingestion.outbox.transport=kafka}). */
    @Inject
    KafkaPublisher kafka;

    private HttpClient http;
    private ExecutorService worker;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong parked = new AtomicLong();
    private final AtomicLong parkedNow = new AtomicLong();
    /** The tenant served last: the next claim starts after it (round robin). */
    private volatile String lastTenant;
    private volatile String lastError;
    private volatile Instant lastDeliveryAt;
    private volatile Instant lastBacklogCount = Instant.EPOCH;
    private volatile String token;
    private volatile Instant tokenExpires = Instant.EPOCH;
    // While metrics-service fails, the relay as a whole waits (one probe per backoff period)
    // instead of claiming and re-scheduling rows on every commit's nudge.
    private volatile long resumeAtNanos = System.nanoTime();
    private volatile int consecutiveFailures;

    @PostConstruct
    void init() {
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "outbox-relay");
            t.setDaemon(true);
            return t;
        });
        Gauge.builder("flowlens.outbox.backlog", backlog, AtomicLong::get)
                .description("Canonical item events not yet accepted by metrics-service").register(registry);
        Gauge.builder("flowlens.outbox.delivered", delivered, AtomicLong::get)
                .description("Events delivered since start").register(registry);
        // One series, no labels: per tenant or connection would grow with the customers.
        Gauge.builder("flowlens.outbox.parked", parkedNow, AtomicLong::get)
                .description("Events metrics-service refused as invalid, parked (GET /api/v1/connections/{id}/parked-events)")
                .register(registry);
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    @Scheduled(every = "${flowlens.ingestion.outbox.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        nudge();
    }

    /** Asks the relay to run soon; nudges that arrive while one is pending coalesce. */
    public void nudge() {
        if (worker.isShutdown()) {
            return; // shutting down: what is left stays in the outbox for the next start
        }
        if (pending.compareAndSet(false, true)) {
            worker.execute(this::drain);
        }
    }

    /** Nudges once the current transaction commits (right away when there is none). */
    public void nudgeAfterCommit() {
        if (transactions.getTransactionKey() == null) {
            nudge();
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    nudge();
                }
            }
        });
    }

    private void drain() {
        pending.set(false);
        if (System.nanoTime() - resumeAtNanos < 0) {
            return; // backing off after a failure; the scheduled tick tries again once the pause is over
        }
        try {
            int batch = Math.min(config.outbox().batchSize(), ItemEventContract.MAX_BATCH);
            while (relayOnce(batch)) {
                // keep going while some tenant has more due than its share of the last batch
            }
        } catch (Exception e) {
            lastError = e.toString();
            LOG.warnf("outbox relay failed: %s", e.toString());
        }
        if (Duration.between(lastBacklogCount, Instant.now()).toMillis() >= backlogCountIntervalMillis(backlog.get())) {
            countBacklog();
        }
    }

    /**
     * count(*) scans the whole outbox: cheap while it is short, but a long outage can leave
     * millions of rows, so a large backlog is recounted only every 5 minutes (in between, appends
     * increment it and deliveries decrement it).
     */
    static long backlogCountIntervalMillis(long lastCount) {
        return lastCount < 10_000 ? 500 : 300_000;
    }

    /** Events just appended (by this replica); the periodic recount corrects what this misses. */
    public void appended(int events) {
        backlog.addAndGet(events);
    }

    /**
     * Relays one batch of due rows, claimed fairly across tenants. Returns whether more may be
     * due right away (some tenant filled its share); false when nothing was due or metrics-service
     * could not be reached.
     */
    boolean relayOnce(int batchSize) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Claim claim = claim(c, batchSize);
                if (claim.rows().isEmpty()) {
                    c.commit();
                    return false;
                }
                boolean reached = true;
                for (List<ParkedEvents.Claimed> post : byBodySize(claim.rows())) {
                    if (reached) {
                        reached = deliver(c, post);
                    }
                    // after a failure the rest stays due as it is: the relay pauses, then claims again
                }
                c.commit();
                if (!reached) {
                    resumeAtNanos = System.nanoTime() + backoff(consecutiveFailures++).toNanos();
                    return false;
                }
                consecutiveFailures = 0;
                return claim.more();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** The rows of one batch, and whether some tenant has more due than it got. */
    record Claim(List<ParkedEvents.Claimed> rows, boolean more) {
    }

    /**
     * Claims up to {@code batchSize} due rows, a share for each tenant with rows waiting: one
     * tenant's backlog of a million events takes its share of every batch and no more, so
     * another tenant's event leaves with the next batch. Tenants are walked from the one after
     * the last served (round robin when more tenants wait than a batch has rows); what a tenant
     * leaves of its share goes to the tenants that have more.
     */
    Claim claim(Connection c, int batchSize) throws SQLException {
        List<String> tenants = waitingTenants(c);
        if (tenants.isEmpty()) {
            return new Claim(List.of(), false);
        }
        int start = 0;
        String last = lastTenant;
        if (last != null) {
            while (start < tenants.size() && tenants.get(start).compareTo(last) <= 0) {
                start++;
            }
        }
        List<String> order = new ArrayList<>(tenants.subList(start, tenants.size()));
        order.addAll(tenants.subList(0, start));
        List<String> chosen = order.subList(0, Math.min(order.size(), batchSize));
        int share = Math.max(1, batchSize / chosen.size());
        List<ParkedEvents.Claimed> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(CLAIM_SHARES)) {
            ps.setArray(1, c.createArrayOf("text", chosen.toArray()));
            ps.setInt(2, share);
            readClaimed(ps, rows);
        }
        lastTenant = chosen.get(chosen.size() - 1);
        Map<String, Integer> perTenant = new HashMap<>();
        rows.forEach(r -> perTenant.merge(r.tenantId(), 1, Integer::sum));
        boolean more = chosen.size() < tenants.size();
        for (String tenant : chosen) {
            int room = batchSize - rows.size();
            if (perTenant.getOrDefault(tenant, 0) < share) {
                continue; // took all it had due
            }
            if (room <= 0) {
                more = true;
                break;
            }
            List<Long> taken = rows.stream().filter(r -> r.tenantId().equals(tenant)).map(ParkedEvents.Claimed::id).toList();
            try (PreparedStatement ps = c.prepareStatement(CLAIM_MORE)) {
                ps.setString(1, tenant);
                ps.setArray(2, c.createArrayOf("bigint", taken.toArray()));
                ps.setInt(3, room);
                int before = rows.size();
                readClaimed(ps, rows);
                more |= rows.size() - before == room;
            }
        }
        return new Claim(rows, more);
    }

    /** Tenants with rows in the outbox, by a skip scan of the tenant index: one probe per tenant, not per row. */
    private static List<String> waitingTenants(Connection c) throws SQLException {
        List<String> tenants = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("with recursive t(tenant_id) as ("
                + " (select tenant_id from outbox order by tenant_id limit 1)"
                + " union all select (select o.tenant_id from outbox o where o.tenant_id > t.tenant_id"
                + " order by o.tenant_id limit 1) from t where t.tenant_id is not null)"
                + " select tenant_id from t where tenant_id is not null");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                tenants.add(rs.getString(1));
            }
        }
        return tenants;
    }

    private static final String COLUMNS = "o.id, o.event_id, o.tenant_id, o.item_id, o.revision, o.attempts, o.payload::text";
    /** Each chosen tenant's first due rows (in the order of outbox_tenant_due), locked. */
    private static final String CLAIM_SHARES = "select " + COLUMNS + " from unnest(?::text[]) with ordinality"
            + " as t(tenant_id, n) cross join lateral (select * from outbox o where o.tenant_id = t.tenant_id"
            + " and o.next_attempt_at <= now() order by o.next_attempt_at, o.id limit ? for update skip locked) o"
            + " order by t.n, o.next_attempt_at, o.id";
    private static final String CLAIM_MORE = "select " + COLUMNS + " from outbox o where o.tenant_id = ?"
            + " and o.next_attempt_at <= now() and o.id <> all(?::bigint[]) order by o.next_attempt_at, o.id limit ?"
            + " for update skip locked";

    private static void readClaimed(PreparedStatement ps, List<ParkedEvents.Claimed> into) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                into.add(new ParkedEvents.Claimed(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getObject(4, UUID.class), rs.getLong(5), rs.getInt(6), rs.getString(7)));
            }
        }
    }

    /** Splits a batch into POSTs of at most MAX_BATCH_BYTES each (an event larger than that travels alone). */
    static List<List<ParkedEvents.Claimed>> byBodySize(List<ParkedEvents.Claimed> rows) {
        List<List<ParkedEvents.Claimed>> posts = new ArrayList<>();
        List<ParkedEvents.Claimed> current = new ArrayList<>();
        long bytes = 0;
        for (ParkedEvents.Claimed r : rows) {
            long size = utf8Length(r.payload()) + 1L;
            if (!current.isEmpty() && bytes + size > ItemEventContract.MAX_BATCH_BYTES) {
                posts.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(r);
            bytes += size;
        }
        posts.add(current);
        return posts;
    }

    /** Bytes of {@code s} in UTF-8, without encoding it. */
    static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < 0x80) {
                n++;
            } else if (ch < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(ch)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /**
     * POSTs rows and settles each: delivered ones leave the outbox (and supersede what is parked
     * for their item), refused ones are parked. A batch refused as a whole is split in halves
     * until the event at fault is alone, then parked. Returns false when metrics-service could not
     * be reached: these rows are rescheduled with backoff.
     */
    private boolean deliver(Connection c, List<ParkedEvents.Claimed> rows) throws SQLException {
        MetricsAnswer answer = kafka.enabled() ? kafka.publish(rows) : post(rows);
        switch (answer.kind()) {
            case UNAVAILABLE -> {
                scheduleRetry(c, rows, answer.failure());
                lastError = answer.failure();
                return false;
            }
            case BATCH_REFUSED -> {
                if (rows.size() == 1) {
                    settle(c, rows, Map.of(0, MetricsAnswer.refusedAlone(answer.failure())));
                    return true;
                }
                int half = rows.size() / 2;
                return deliver(c, rows.subList(0, half)) && deliver(c, rows.subList(half, rows.size()));
            }
            default -> {
                settle(c, rows, answer.refused());
                return true;
            }
        }
    }

    /** Deletes the rows from the outbox, parking those refused (by index) and superseding with the others. */
    private void settle(Connection c, List<ParkedEvents.Claimed> rows, Map<Integer, ArrayNode> refused)
            throws SQLException {
        List<ParkedEvents.Refused> park = new ArrayList<>();
        List<ParkedEvents.Claimed> done = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            ArrayNode errors = refused.get(i);
            if (errors == null) {
                done.add(rows.get(i));
            } else {
                park.add(new ParkedEvents.Refused(rows.get(i), errors));
            }
        }
        ParkedEvents.park(c, park);
        ParkedEvents.supersede(c, done);
        try (PreparedStatement ps = c.prepareStatement("delete from outbox where id = any(?)")) {
            ps.setArray(1, c.createArrayOf("bigint", rows.stream().map(ParkedEvents.Claimed::id).toArray()));
            ps.executeUpdate();
        }
        delivered.addAndGet(done.size());
        if (!park.isEmpty()) {
            parked.addAndGet(park.size());
            LOG.warnf("metrics-service refused %d event(s); parked (first: event %s, tenant %s: %s)", park.size(),
                    park.get(0).row().eventId(), park.get(0).row().tenantId(), park.get(0).errors());
        }
        lastDeliveryAt = Instant.now();
        lastError = null;
        backlog.updateAndGet(b -> Math.max(0, b - rows.size()));
    }

    private void scheduleRetry(Connection c, List<ParkedEvents.Claimed> rows, String failure) throws SQLException {
        // One statement for the whole batch: each row's own delay from its own attempt count.
        Instant now = Instant.now();
        Long[] ids = new Long[rows.size()];
        String[] due = new String[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            ids[i] = rows.get(i).id();
            due[i] = now.plus(backoff(rows.get(i).attempts())).toString();
        }
        try (PreparedStatement ps = c.prepareStatement("update outbox o set attempts = o.attempts + 1,"
                + " next_attempt_at = v.due, last_error = ? from unnest(?::bigint[], ?::text[]::timestamptz[])"
                + " as v(id, due) where o.id = v.id")) {
            ps.setString(1, failure);
            ps.setArray(2, c.createArrayOf("bigint", ids));
            ps.setArray(3, c.createArrayOf("text", due));
            ps.executeUpdate();
        }
    }

    /** Exponential: initial × 2^attempts, capped at the configured maximum. */
    Duration backoff(int attempts) {
        Duration d = config.outbox().initialBackoff().multipliedBy(1L << Math.min(attempts, 20));
        return d.compareTo(config.outbox().maxBackoff()) > 0 ? config.outbox().maxBackoff() : d;
    }

    /** POSTs rows as one batch, asking for answers per event (version 2 of the contract). */
    private MetricsAnswer post(List<ParkedEvents.Claimed> rows) {
        StringBuilder body = new StringBuilder(rows.stream().mapToInt(r -> r.payload().length() + 1).sum() + 16)
                .append("{\"events\":[");
        for (int i = 0; i < rows.size(); i++) {
            if (i > 0) {
                body.append(',');
            }
            body.append(rows.get(i).payload());
        }
        body.append("]}");
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.outbox().metricsUrl().replaceAll("/+$", "")
                + "/internal/v1/item-events"))
                .timeout(config.outbox().requestTimeout())
                .header("Content-Type", "application/json")
                .header(ItemEventContract.VERSION_HEADER, ItemEventContract.PER_EVENT_VERSION)
                .header(IdentityToken.HEADER, serviceToken())
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return MetricsAnswer.of(response.statusCode(), response.body(), rows.size());
        } catch (java.io.IOException e) {
            return MetricsAnswer.unavailable("metrics-service unreachable: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return MetricsAnswer.unavailable("interrupted");
        }
    }

    private String serviceToken() {
        if (token == null || Instant.now().isAfter(tokenExpires)) {
            token = tokens.sign(new Caller(null, Roles.SERVICE, "ingestion-service", null), Duration.ofMinutes(2));
            tokenExpires = Instant.now().plusSeconds(60);
        }
        return token;
    }

    void countBacklog() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select count(*) from outbox");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            backlog.set(rs.getLong(1));
            parkedNow.set(ParkedEvents.count(c));
            lastBacklogCount = Instant.now();
        } catch (SQLException e) {
            LOG.debugf("cannot count the outbox backlog: %s", e.toString());
        }
    }

    /** Events parked as refused by metrics-service (as of the last count). */
    public long parked() {
        return parkedNow.get();
    }

    /** Events parked since start. */
    public long parkedSinceStart() {
        return parked.get();
    }

    /** Events waiting for metrics-service (as of the last count). */
    public long backlog() {
        return backlog.get();
    }

    public String lastError() {
        return lastError;
    }

    public Instant lastDeliveryAt() {
        return lastDeliveryAt;
    }

    public long delivered() {
        return delivered.get();
    }
}
