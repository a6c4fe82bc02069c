package io.flowlens.gateway.apikey;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.flowlens.common.memo.BoundedMemo;
import io.flowlens.common.problem.DatabaseUnavailable;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Every key's grant in memory, by key hash, so authenticating a request costs one hash and a
 * map lookup. Changes made on this replica (create, rotate, revoke) apply at once; keys changed
 * on another replica are picked up by the periodic reload (flowlens.gateway.keys.refresh), and
 * a key unknown here is looked up in the database once before it is refused.
 */
@Singleton // no client proxy: it is called on every forwarded request
public class KeyDirectory {

    private static final Logger LOG = Logger.getLogger(KeyDirectory.class);

    static final int UNKNOWN_MAX = 10_000;
    static final long UNKNOWN_TTL_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);

    private volatile Map<String, KeyGrant> byHash = new ConcurrentHashMap<>();
    private final BoundedMemo<String, Long> unknown = new BoundedMemo<>(UNKNOWN_MAX);

    @Inject
    EntityManager em;

    @Inject
    Vertx vertx;

    /** Whether the last background read failed, so an outage is logged once, not every refresh. */
    private volatile boolean failing;

    /**
     * A database that cannot be reached at start-up does not stop the gateway: it starts with no
     * key in memory, each key is then looked up on use (a 503 with Retry-After while the database
     * is away), and the periodic refresh reads them all once it is back.
     */
    void load(@Observes StartupEvent event) {
        refresh();
    }

    @Scheduled(every = "${flowlens.gateway.keys.refresh:10s}", delayed = "${flowlens.gateway.keys.refresh:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            reload();
            if (failing) {
                failing = false;
                LOG.info("API keys read again");
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warnf("API keys not read (%s); keys in memory still authenticate, others are looked up on use",
                        DatabaseUnavailable.isCause(e) ? "the database cannot be reached" : String.valueOf(e));
            }
        }
    }

    /** Reads every key afresh; throws when the database cannot be read (the caller decides what that means). */
    void reload() {
        Map<String, KeyGrant> fresh = new ConcurrentHashMap<>();
        QuarkusTransaction.requiringNew().run(() -> query(null).forEach(r -> fresh.put(r.hash(), r.grant())));
        byHash = fresh;
        LOG.debugf("loaded %d API keys", fresh.size());
    }

    /** The grant of a key hash: from memory, or from the database (off the event loop) when unknown here. */
    public Future<Optional<KeyGrant>> find(String hash) {
        KeyGrant cached = byHash.get(hash);
        if (cached != null) {
            return Future.succeededFuture(Optional.of(cached));
        }
        Long unknownUntil = unknown.get(hash);
        if (unknownUntil != null && unknownUntil - System.nanoTime() > 0) {
            return Future.succeededFuture(Optional.empty());
        }
        return vertx.executeBlocking(() -> {
            Optional<KeyGrant> grant = QuarkusTransaction.requiringNew()
                    .call(() -> query(hash).stream().findFirst().map(Row::grant));
            grant.ifPresentOrElse(g -> byHash.put(hash, g), () -> rememberUnknown(hash));
            return grant;
        }, false);
    }

    /**
     * A made-up key is refused from memory for a few seconds after its first lookup, so a flood
     * of guessed keys cannot turn into a flood of database queries. (A real key's hash cannot be
     * guessed before it exists, so no valid key is ever refused by this.)
     */
    private void rememberUnknown(String hash) {
        unknown.put(hash, System.nanoTime() + UNKNOWN_TTL_NANOS);
    }

    /** Called by the key service inside its transaction: this replica applies the change at once. */
    void put(String hash, KeyGrant grant) {
        byHash.put(hash, grant);
    }

    void remove(String hash) {
        byHash.remove(hash);
    }

    private record Row(String hash, KeyGrant grant) {
    }

    @SuppressWarnings("unchecked")
    private List<Row> query(String hash) {
        String sql = "select k.key_hash, k.id, k.tenant_id, k.role, k.expires_at, k.revoked_at,"
                + " t.rate_limit_capacity, t.rate_limit_refill_per_second"
                + " from api_key k join tenant t on t.id = k.tenant_id where "
                + (hash == null ? "k.revoked_at is null" : "k.key_hash = :hash");
        var q = em.createNativeQuery(sql, Object[].class);
        if (hash != null) {
            q.setParameter("hash", hash);
        }
        return ((List<Object[]>) q.getResultList()).stream().map(r -> new Row((String) r[0], new KeyGrant(
                (String) r[1], (String) r[2], (String) r[3], instant(r[4]), instant(r[5]),
                r[6] == null ? null : ((Number) r[6]).intValue(),
                r[7] == null ? null : ((Number) r[7]).doubleValue()))).toList();
    }

    private static java.time.Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof java.time.Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }
}
