package io.flowlens.ingestion.mapping;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.flowlens.ingestion.config.IngestionConfig;
import io.flowlens.ingestion.domain.FlowMapping;
import io.flowlens.ingestion.item.ItemFacts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Re-derives a connection's items that have a status without a category once that status was
 * seen with a (new) category ({@link SeenCategories}): as a mapping change does, a page of items
 * at a time, each page in its own transaction under the connection's share lock with the mapping
 * in force then; an item whose canonical state does not change sends nothing.
 *
 * <p>It runs after the commit that recorded the category, on its own thread, so a webhook batch
 * never waits for it. First it takes the connection's row lock for a moment: webhook batches hold
 * the share lock while they write, so every batch that derived with the categories known before
 * has committed by then, and the items it wrote are found. The rows to act on stay marked
 * ({@code rederive}) until done, so what a crash interrupted is picked up by a sweep.
 */
@ApplicationScoped
public class CategoryRederivation {

    private static final Logger LOG = Logger.getLogger(CategoryRederivation.class);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ItemFacts facts;

    @Inject
    IngestionConfig config;

    @Inject
    TransactionSynchronizationRegistry transactions;

    private final Set<UUID> queued = ConcurrentHashMap.newKeySet();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "category-rederivation");
        t.setDaemon(true);
        return t;
    });

    @PreDestroy
    void stop() {
        runner.shutdownNow();
    }

    /** Re-derives the connection's affected items once the current transaction commits (at once without one). */
    void afterCommit(UUID connectionId) {
        if (transactions.getTransactionKey() == null) {
            submit(connectionId);
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    submit(connectionId);
                }
            }
        });
    }

    private void submit(UUID connectionId) {
        if (queued.add(connectionId)) {
            runner.execute(() -> {
                queued.remove(connectionId);
                try {
                    rederive(connectionId);
                } catch (RuntimeException e) {
                    // Left marked: the sweep tries again.
                    LOG.warnf(e, "re-deriving the items of connection %s for newly seen status categories failed",
                            connectionId);
                }
            });
        }
    }

    /**
     * What a stopped process or another replica left undone: connections with rows marked for
     * more than a minute (younger ones are being done right after their commit).
     */
    @Scheduled(every = "${flowlens.ingestion.seen-categories-sweep:30s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        List<UUID> connections = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select distinct connection_id from status_category_seen where rederive"
                        + " and recorded_at < now() - interval '1 minute'")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    connections.add(rs.getObject(1, UUID.class));
                }
            }
        } catch (SQLException e) {
            LOG.debugf("seen-categories sweep skipped: %s", e.getMessage());
            return;
        }
        connections.forEach(this::submit);
    }

    private record Pending(String tenantId, String kind, List<Long> rows, Set<String> statusKeys) {
    }

    /** Re-derives the connection's items affected by its marked rows; returns how many items changed. */
    int rederive(UUID connectionId) {
        Pending pending = QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                String tenantId;
                String kind;
                // The barrier: batches that derived with the categories known before have committed.
                try (PreparedStatement ps = c.prepareStatement(
                        "select tenant_id, kind from connection where id = ? for update")) {
                    ps.setObject(1, connectionId);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            return null;
                        }
                        tenantId = rs.getString(1);
                        kind = rs.getString(2);
                    }
                }
                List<Long> rows = new ArrayList<>();
                Set<String> keys = new TreeSet<>();
                try (PreparedStatement ps = c.prepareStatement("select id, status_key from status_category_seen"
                        + " where connection_id = ? and rederive")) {
                    ps.setObject(1, connectionId);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows.add(rs.getLong(1));
                            keys.add(rs.getString(2));
                        }
                    }
                }
                return new Pending(tenantId, kind, rows, keys);
            }
        });
        if (pending == null || pending.rows().isEmpty()) {
            return 0;
        }
        int batch = Math.max(1, config.writeBatchSize());
        int affected = 0;
        int changed = 0;
        UUID after = new UUID(0, 0);
        while (true) {
            // A page of the items that have one of these statuses without a category, in id order (item_tenant).
            List<UUID> page = new ArrayList<>();
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "select i.id from item i where i.tenant_id = ? and i.connection_id = ? and i.id > ?"
                            + " and exists (select 1 from transition t where t.item_id = i.id and t.category is null"
                            + " and lower(btrim(t.status)) = any(?)) order by i.id limit ?")) {
                ps.setString(1, pending.tenantId());
                ps.setObject(2, connectionId);
                ps.setObject(3, after);
                ps.setArray(4, c.createArrayOf("text", pending.statusKeys().toArray()));
                ps.setInt(5, batch);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        page.add(rs.getObject(1, UUID.class));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            if (page.isEmpty()) {
                break;
            }
            Integer n = QuarkusTransaction.requiringNew().call(() -> {
                try (Connection c = dataSource.getConnection()) {
                    // Share-locked like a webhook batch: the mapping read is the one in force; a deletion waits.
                    FlowMapping mapping = facts.lockForWriting(c, Map.of(connectionId, pending.kind()))
                            .get(connectionId);
                    return mapping == null ? null
                            : facts.derivePage(c, pending.tenantId(), connectionId, mapping, page);
                }
            });
            if (n == null) {
                return changed; // the connection was deleted meanwhile, with its rows
            }
            affected += page.size();
            changed += n;
            after = page.get(page.size() - 1);
        }
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "update status_category_seen set rederive = false where id = any(?)")) {
                ps.setArray(1, c.createArrayOf("bigint", pending.rows().toArray()));
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
        LOG.infof("connection %s: statuses %s seen with a new category; %d items re-derived, %d changed",
                connectionId, pending.statusKeys(), affected, changed);
        return changed;
    }
}
