package io.flowlens.metrics.preparation;

import java.sql.Connection;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.narayana.jta.runtime.TransactionConfiguration;

import io.flowlens.metrics.bottleneck.StatusTimeStore;
import io.flowlens.metrics.timeline.TimelineStore;

/** One preparation in one transaction: all of its deltas and its "ready", or none of them. */
@ApplicationScoped
public class PreparationStep {

    @Inject
    TimelineStore store;

    @Inject
    StatusTimeStore statusTimes;

    /**
     * A zone: one chunk of its back-fill (1 = more to go, 0 = ready, -1 = nothing to do). A
     * stream's own counts (day counts and time in status sums): all of them (0 = ready, -1 = nothing to do); they read the items of a
     * few projects. The timeout leaves room for a stream over millions of items.
     */
    @Transactional
    @TransactionConfiguration(timeout = 3600)
    public int run(TimelineStore.Pending p) {
        try (Connection c = store.connection()) {
            if (p.streamId() == null) {
                return store.prepareZone(c, p.tenantId(), p.zone());
            }
            return store.prepareStream(c, p.tenantId(), p.streamId(), statusTimes::prepareStream) ? 0 : -1;
        } catch (SQLException e) {
            throw new IllegalStateException("preparing day counts failed", e);
        }
    }
}
