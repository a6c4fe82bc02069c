package io.flowlens.ingestion.item;

import java.sql.Connection;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;

/**
 * Keeps planner statistics of {@code item} and {@code transition} current while webhooks write
 * them, off the write path. Without statistics PostgreSQL plans the webhook batch's
 * {@code connection_id = ? and external_id = any(?)} as a scan of the connection's whole index
 * range (tens of milliseconds per batch on 20,000 items, holding locks the other writer then
 * waits for). Autovacuum normally does this; where it is off or lagging, this does: a table never
 * analyzed at once, and again when it has grown tenfold (imports check for doubling themselves).
 */
@ApplicationScoped
public class StatisticsRefresh {

    private static final Logger LOG = Logger.getLogger(StatisticsRefresh.class);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ItemFacts items;

    @Scheduled(every = "${flowlens.ingestion.statistics-check:5s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        try (Connection c = dataSource.getConnection()) {
            items.refreshStatistics(c, 10);
        } catch (SQLException e) {
            LOG.debugf("cannot refresh planner statistics: %s", e.toString());
        }
    }
}
