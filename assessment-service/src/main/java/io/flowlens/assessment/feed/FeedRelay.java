package io.flowlens.assessment.feed;

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
import io.flowlens.assessment.config.AssessmentConfig;
import io.flowlens.common.contract.AssessmentEventContract;
import io.flowlens.common.identity.Caller;
import io.flowlens.common.identity.IdentityToken;
import io.flowlens.common.identity.Roles;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * Delivers {@code metrics_outbox} rows to metrics-service ({@code POST /internal/v1/assessment-events}),
 * at least once, the way ingestion's relay delivers item events: nudged after every commit that
 * wrote events and on a schedule; rows claimed with {@code FOR UPDATE SKIP LOCKED} (replicas can
 * relay side by side), a share per tenant so no tenant's backlog holds another's events back.
 * metrics answers per event: applied or ignored ones leave the outbox, refused ones are parked
 * ({@code metrics_parked_event}) so the rest keep flowing. A batch refused whole (400/413/422) is
 * split until the event at fault is alone. Anything else (5xx, unreachable, 401/403/404: configuration,
 * not the events' fault) is retried with exponential backoff; metrics ignores what it already has.
 * With {@code flowlens.assessment.feed.transport=kafka} the same rows are published to Kafka instead
 * ({@link FeedKafkaPublisher}), and metrics consumes the topic.
 */
@ApplicationScoped
public class FeedRelay {

    private static final Logger LOG = Logger.getLogger(FeedRelay.class);

    @Inject
    AssessmentConfig config;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    IdentityToken tokens;

    @Inject
    MeterRegistry registry;

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** The Kafka transport, when configured ({@code flowlens.assessment.feed.transport=kafka}). */
    @Inject
    FeedKafkaPublisher kafka;

    /** One claimed row. */
    record Claimed(long id, UUID eventId, String tenantId, UUID assessmentId, long revision, int attempts,
            String payload) {
    }

    private HttpClient http;
    private ExecutorService worker;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong parkedNow = new AtomicLong();
    private volatile String lastTenant;
    private volatile String lastError;
    private volatile Instant lastDeliveryAt;
    private volatile Instant lastCount = Instant.EPOCH;
    private volatile String token;
    private volatile Instant tokenExpires = Instant.EPOCH;
    // While metrics-service fails, the relay as a whole waits (one probe per backoff period).
    private volatile long resumeAtNanos = System.nanoTime();
    private volatile int consecutiveFailures;

    @PostConstruct
    void init() {
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "metrics-feed-relay");
            t.setDaemon(true);
            return t;
        });
        Gauge.builder("flowlens.feed.backlog", backlog, AtomicLong::get)
                .description("Scored-assessment events not yet accepted by metrics-service").register(registry);
        Gauge.builder("flowlens.feed.delivered", delivered, AtomicLong::get)
                .description("Scored-assessment events delivered since start").register(registry);
        Gauge.builder("flowlens.feed.parked", parkedNow, AtomicLong::get)
                .description("Scored-assessment events metrics-service refused as invalid, parked").register(registry);
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    @Scheduled(every = "${flowlens.assessment.feed.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        nudge();
    }

    /** Asks the relay to run soon; nudges that arrive while one is pending coalesce. */
    public void nudge() {
        if (worker.isShutdown()) {
            return;
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

    /** Events just appended by this replica; the periodic count corrects what this misses. */
    void appended(int events) {
        backlog.addAndGet(events);
    }

    private void drain() {
        pending.set(false);
        if (System.nanoTime() - resumeAtNanos < 0) {
            return; // backing off after a failure; a later tick tries again
        }
        try {
            int batch = Math.max(1, Math.min(config.feed().batchSize(), AssessmentEventContract.MAX_BATCH));
            while (relayOnce(batch)) {
                // keep going while some tenant has more due than its share of the last batch
            }
        } catch (Exception e) {
            lastError = e.toString();
            LOG.warnf("metrics feed relay failed: %s", e.toString());
        }
        if (Duration.between(lastCount, Instant.now()).toSeconds() >= 1) {
            count();
        }
    }

    /** Relays one batch of due rows; whether more may be due right away. */
    boolean relayOnce(int batchSize) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Claim claim = claim(c, batchSize);
                if (claim.rows().isEmpty()) {
                    c.commit();
                    return false;
                }
                boolean reached = deliver(c, claim.rows());
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

    record Claim(List<Claimed> rows, boolean more) {
    }

    /**
     * Up to {@code batchSize} due rows, a share for each tenant waiting, walked from the tenant after
     * the last one served (round robin when more tenants wait than a batch has rows); what a tenant
     * leaves of its share goes to tenants that have more.
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
        List<Claimed> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(CLAIM_SHARES)) {
            ps.setArray(1, c.createArrayOf("text", chosen.toArray()));
            ps.setInt(2, share);
            read(ps, rows);
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
            List<Long> taken = rows.stream().filter(r -> r.tenantId().equals(tenant)).map(Claimed::id).toList();
            try (PreparedStatement ps = c.prepareStatement(CLAIM_MORE)) {
                ps.setString(1, tenant);
                ps.setArray(2, c.createArrayOf("bigint", taken.toArray()));
                ps.setInt(3, room);
                int before = rows.size();
                read(ps, rows);
                more |= rows.size() - before == room;
            }
        }
        return new Claim(rows, more);
    }

    /** Tenants with rows in the outbox, by a skip scan of the tenant index: one probe per tenant. */
    private static List<String> waitingTenants(Connection c) throws SQLException {
        List<String> tenants = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("with recursive t(tenant_id) as ("
                + " (select tenant_id from metrics_outbox order by tenant_id limit 1)"
                + " union all select (select o.tenant_id from metrics_outbox o where o.tenant_id > t.tenant_id"
                + " order by o.tenant_id limit 1) from t where t.tenant_id is not null)"
                + " select tenant_id from t where tenant_id is not null");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                tenants.add(rs.getString(1));
            }
        }
        return tenants;
    }

    private static final String COLUMNS = "o.id, o.event_id, o.tenant_id, o.assessment_id, o.revision, o.attempts, o.payload::text";
    private static final String CLAIM_SHARES = "select " + COLUMNS + " from unnest(?::text[]) with ordinality"
            + " as t(tenant_id, n) cross join lateral (select * from metrics_outbox o where o.tenant_id = t.tenant_id"
            + " and o.next_attempt_at <= now() order by o.next_attempt_at, o.id limit ? for update skip locked) o"
            + " order by t.n, o.next_attempt_at, o.id";
    private static final String CLAIM_MORE = "select " + COLUMNS + " from metrics_outbox o where o.tenant_id = ?"
            + " and o.next_attempt_at <= now() and o.id <> all(?::bigint[]) order by o.next_attempt_at, o.id limit ?"
            + " for update skip locked";

    private static void read(PreparedStatement ps, List<Claimed> into) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                into.add(new Claimed(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getObject(4, UUID.class), rs.getLong(5), rs.getInt(6), rs.getString(7)));
            }
        }
    }

    /**
     * POSTs rows and settles each. A batch refused as a whole is split in halves until the event
     * at fault is alone, then parked (at most 2n−1 POSTs). False when metrics-service could not be
     * reached: the rows are rescheduled with backoff.
     */
    private boolean deliver(Connection c, List<Claimed> rows) throws SQLException {
        FeedAnswer answer = kafka.enabled() ? kafka.publish(rows) : post(rows);
        switch (answer.kind()) {
            case UNAVAILABLE -> {
                scheduleRetry(c, rows, answer.failure());
                lastError = answer.failure();
                return false;
            }
            case BATCH_REFUSED -> {
                if (rows.size() == 1) {
                    settle(c, rows, Map.of(0, FeedAnswer.refusedAlone(answer.failure())));
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

    /** Deletes the rows from the outbox, parking those refused (by index); a delivered revision clears what is parked. */
    private void settle(Connection c, List<Claimed> rows, Map<Integer, ArrayNode> refused) throws SQLException {
        List<Claimed> done = new ArrayList<>();
        int parked = 0;
        for (int i = 0; i < rows.size(); i++) {
            Claimed r = rows.get(i);
            ArrayNode errors = refused.get(i);
            if (errors == null) {
                done.add(r);
                continue;
            }
            parked++;
            try (PreparedStatement ps = c.prepareStatement("insert into metrics_parked_event (tenant_id, assessment_id,"
                    + " event_id, revision, payload, reason, parked_at, attempts) values (?, ?, ?, ?, cast(? as jsonb),"
                    + " cast(? as jsonb), now(), ?) on conflict (tenant_id, assessment_id) do update set"
                    + " event_id = excluded.event_id, revision = excluded.revision, payload = excluded.payload,"
                    + " reason = excluded.reason, parked_at = excluded.parked_at, attempts = excluded.attempts"
                    + " where metrics_parked_event.revision <= excluded.revision")) {
                ps.setString(1, r.tenantId());
                ps.setObject(2, r.assessmentId());
                ps.setObject(3, r.eventId());
                ps.setLong(4, r.revision());
                ps.setString(5, r.payload());
                ps.setString(6, errors.toString());
                ps.setInt(7, r.attempts() + 1);
                ps.executeUpdate();
            }
            LOG.warnf("metrics-service refused assessment event %s (tenant %s, assessment %s, revision %d); parked: %s",
                    r.eventId(), r.tenantId(), r.assessmentId(), r.revision(), errors);
        }
        if (!done.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("delete from metrics_parked_event p using unnest(?::text[],"
                    + " ?::uuid[], ?::bigint[]) as d(tenant_id, assessment_id, revision) where p.tenant_id = d.tenant_id"
                    + " and p.assessment_id = d.assessment_id and p.revision <= d.revision")) {
                ps.setArray(1, c.createArrayOf("text", done.stream().map(Claimed::tenantId).toArray()));
                ps.setArray(2, c.createArrayOf("uuid", done.stream().map(Claimed::assessmentId).toArray()));
                ps.setArray(3, c.createArrayOf("bigint", done.stream().map(Claimed::revision).toArray()));
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("delete from metrics_outbox where id = any(?)")) {
            ps.setArray(1, c.createArrayOf("bigint", rows.stream().map(Claimed::id).toArray()));
            ps.executeUpdate();
        }
        delivered.addAndGet(done.size());
        lastDeliveryAt = Instant.now();
        lastError = null;
        backlog.updateAndGet(b -> Math.max(0, b - rows.size()));
        if (parked > 0) {
            parkedNow.addAndGet(parked);
        }
    }

    private void scheduleRetry(Connection c, List<Claimed> rows, String failure) throws SQLException {
        Instant now = Instant.now();
        Long[] ids = new Long[rows.size()];
        String[] due = new String[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            ids[i] = rows.get(i).id();
            due[i] = now.plus(backoff(rows.get(i).attempts())).toString();
        }
        try (PreparedStatement ps = c.prepareStatement("update metrics_outbox o set attempts = o.attempts + 1,"
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
        Duration d = config.feed().initialBackoff().multipliedBy(1L << Math.min(attempts, 20));
        return d.compareTo(config.feed().maxBackoff()) > 0 ? config.feed().maxBackoff() : d;
    }

    private FeedAnswer post(List<Claimed> rows) {
        StringBuilder body = new StringBuilder("{\"events\":[");
        for (int i = 0; i < rows.size(); i++) {
            body.append(i > 0 ? "," : "").append(rows.get(i).payload());
        }
        body.append("]}");
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.feed().metricsUrl().replaceAll("/+$", "")
                + AssessmentEventContract.PATH))
                .timeout(config.feed().requestTimeout())
                .header("Content-Type", "application/json")
                .header(AssessmentEventContract.VERSION_HEADER, AssessmentEventContract.VERSION)
                .header(IdentityToken.HEADER, serviceToken())
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return FeedAnswer.of(response.statusCode(), response.body(), rows.size());
        } catch (java.io.IOException e) {
            return FeedAnswer.unavailable("metrics-service unreachable: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FeedAnswer.unavailable("interrupted");
        }
    }

    private String serviceToken() {
        if (token == null || Instant.now().isAfter(tokenExpires)) {
            token = tokens.sign(new Caller(null, Roles.SERVICE, "assessment-service", null), Duration.ofMinutes(2));
            tokenExpires = Instant.now().plusSeconds(60);
        }
        return token;
    }

    /** Recounts the backlog and the parked events (both short unless metrics has long been away). */
    void count() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select (select count(*) from metrics_outbox),"
                        + " (select count(*) from metrics_parked_event)");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            backlog.set(rs.getLong(1));
            parkedNow.set(rs.getLong(2));
            lastCount = Instant.now();
        } catch (SQLException e) {
            LOG.debugf("cannot count the metrics feed: %s", e.toString());
        }
    }

    public long backlog() {
        return backlog.get();
    }

    public long delivered() {
        return delivered.get();
    }

    public long parked() {
        return parkedNow.get();
    }

    public String lastError() {
        return lastError;
    }

    public Instant lastDeliveryAt() {
        return lastDeliveryAt;
    }
}
