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
import java.util.List;
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

import io.agroal.api.AgroalDataSource;
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
 * (several replicas can relay side by side), deleted once metrics answers 2xx, and retried
 * with exponential backoff otherwise; metrics ignores what it already has (event id, revision).
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

    private HttpClient http;
    private ExecutorService worker;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
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
            int batch = Math.min(config.outbox().batchSize(), 1000);
            while (relayOnce(batch) == batch) {
                // keep going while full batches are waiting
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
     * Relays one batch of due rows. Returns how many metrics accepted (0 when nothing was due
     * or metrics is unreachable).
     */
    int relayOnce(int batchSize) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<Long> ids = new ArrayList<>();
                List<Integer> attempts = new ArrayList<>();
                StringBuilder body = new StringBuilder("{\"events\":[");
                try (PreparedStatement ps = c.prepareStatement("select id, attempts, payload from outbox"
                        // In the order of the outbox_due index, so a long backlog is not sorted to find the first
                        // batch (metrics keeps the highest revision per item, whatever the order of arrival).
                        + " where next_attempt_at <= now() order by next_attempt_at, id limit ?"
                        + " for update skip locked")) {
                    ps.setInt(1, batchSize);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            if (!ids.isEmpty()) {
                                body.append(',');
                            }
                            ids.add(rs.getLong(1));
                            attempts.add(rs.getInt(2));
                            body.append(rs.getString(3));
                        }
                    }
                }
                if (ids.isEmpty()) {
                    c.commit();
                    return 0;
                }
                body.append("]}");
                String failure = post(body.toString());
                if (failure == null) {
                    try (PreparedStatement ps = c.prepareStatement("delete from outbox where id = any(?)")) {
                        ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
                        ps.executeUpdate();
                    }
                    c.commit();
                    delivered.addAndGet(ids.size());
                    lastDeliveryAt = Instant.now();
                    lastError = null;
                    consecutiveFailures = 0;
                    backlog.updateAndGet(b -> Math.max(0, b - ids.size()));
                    return ids.size();
                }
                scheduleRetry(c, ids, attempts, failure);
                c.commit();
                lastError = failure;
                resumeAtNanos = System.nanoTime() + backoff(consecutiveFailures++).toNanos();
                return 0;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private void scheduleRetry(Connection c, List<Long> ids, List<Integer> attempts, String failure)
            throws SQLException {
        // One statement for the whole batch: each row's own delay from its own attempt count.
        Instant now = Instant.now();
        String[] due = new String[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            due[i] = now.plus(backoff(attempts.get(i))).toString();
        }
        try (PreparedStatement ps = c.prepareStatement("update outbox o set attempts = o.attempts + 1,"
                + " next_attempt_at = v.due, last_error = ? from unnest(?::bigint[], ?::text[]::timestamptz[])"
                + " as v(id, due) where o.id = v.id")) {
            ps.setString(1, failure);
            ps.setArray(2, c.createArrayOf("bigint", ids.toArray()));
            ps.setArray(3, c.createArrayOf("text", due));
            ps.executeUpdate();
        }
    }

    /** Exponential: initial × 2^attempts, capped at the configured maximum. */
    Duration backoff(int attempts) {
        Duration d = config.outbox().initialBackoff().multipliedBy(1L << Math.min(attempts, 20));
        return d.compareTo(config.outbox().maxBackoff()) > 0 ? config.outbox().maxBackoff() : d;
    }

    /** POSTs one batch; null when metrics accepted it, else what went wrong. */
    private String post(String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.outbox().metricsUrl().replaceAll("/+$", "")
                + "/internal/v1/item-events"))
                .timeout(config.outbox().requestTimeout())
                .header("Content-Type", "application/json")
                .header(IdentityToken.HEADER, serviceToken())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                return null;
            }
            String text = response.body() == null ? "" : response.body();
            return "metrics-service answered " + response.statusCode() + ": "
                    + text.substring(0, Math.min(300, text.length()));
        } catch (java.io.IOException e) {
            return "metrics-service unreachable: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
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
            lastBacklogCount = Instant.now();
        } catch (SQLException e) {
            LOG.debugf("cannot count the outbox backlog: %s", e.toString());
        }
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
