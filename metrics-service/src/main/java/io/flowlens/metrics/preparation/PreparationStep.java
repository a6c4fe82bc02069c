package io.flowlens.metrics.preparation;

import java.sql.Connection;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.narayana.jta.runtime.TransactionConfiguration;

import io.flowlens.metrics.timeline.TimelineStore;

/** One preparation in one transaction: all of its deltas and its "ready", or none of them. */
@ApplicationScoped
public class PreparationStep {

    @Inject
    TimelineStore store;

    /** A back-fill reads every timeline of a tenant: minutes at many millions of items, not the default 60 s. */
    @Transactional
    @TransactionConfiguration(timeout = 3600)
    public boolean run(TimelineStore.Pending p) {
        try (Connection c = store.connection()) {
            return p.streamId() == null ? store.prepareZone(c, p.tenantId(), p.zone())
                    : store.prepareStream(c, p.tenantId(), p.streamId());
        } catch (SQLException e) {
            throw new IllegalStateException("preparing day counts failed", e);
        }
    }
}
