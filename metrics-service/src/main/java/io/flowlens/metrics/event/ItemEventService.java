package io.flowlens.metrics.event;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.flowlens.common.problem.ApiException;
import io.flowlens.common.problem.Problem;
import io.flowlens.metrics.bottleneck.StatusTimeStore;
import io.flowlens.metrics.event.ItemEventParser.Slot;
import io.flowlens.metrics.timeline.CountTargets;
import io.flowlens.metrics.timeline.DeltaSink;
import io.flowlens.metrics.timeline.StoredItem;
import io.flowlens.metrics.timeline.TimelineStore;

/**
 * Applies canonical item events: per item the highest revision wins and lower or equal ones
 * are ignored, so redelivery, duplicates and any arrival order give the same state. A batch is
 * one transaction. Events that failed validation are refused one by one and the others applied
 * (version 2 of the contract) — or, for a relay that did not ask for answers per event (version
 * 1), any refusal refuses the whole batch and nothing of it is applied.
 */
@ApplicationScoped
public class ItemEventService {

    private static final Logger LOG = Logger.getLogger(ItemEventService.class);
    /** Detail shown for an event the database could not store: no database text leaves the service. */
    static final String NOT_STORABLE = "could not be stored (a value the database refuses); nothing of this event was applied";

    @Inject
    TimelineStore store;

    @Inject
    StatusTimeStore statusTimes;

    /** Applies the valid events of {@code slots}; the refused ones are listed in the answer. */
    @Transactional
    public ApplyResult apply(List<Slot> slots, boolean perEvent) {
        List<ApplyResult.Refusal> refused = new ArrayList<>();
        Map<String, List<Slot>> byTenant = new TreeMap<>();
        for (Slot s : slots) {
            if (s.refused()) {
                refused.add(new ApplyResult.Refusal(s.eventId(), s.index(), s.errors()));
            } else {
                byTenant.computeIfAbsent(s.event().tenantId(), k -> new ArrayList<>()).add(s);
            }
        }
        if (!perEvent && !refused.isEmpty()) {
            throw wholeBatchRefused(refused);
        }
        int accepted = 0;
        try (Connection c = store.connection()) {
            for (Map.Entry<String, List<Slot>> tenant : byTenant.entrySet()) {
                accepted += applyTenant(c, tenant.getKey(), tenant.getValue(), refused);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("applying item events failed", e);
        }
        if (!perEvent && !refused.isEmpty()) {
            throw wholeBatchRefused(refused); // rolls back what this batch applied
        }
        refused.sort((a, b) -> Integer.compare(a.index(), b.index()));
        return new ApplyResult(accepted, slots.size() - accepted - refused.size(), List.copyOf(refused));
    }

    /** Version 1: one 400 naming every fault, as before answers per event existed. */
    private static ApiException wholeBatchRefused(List<ApplyResult.Refusal> refused) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ApplyResult.Refusal r : refused) {
            errors.addAll(r.errors());
        }
        return ApiException.validation(errors.subList(0, Math.min(errors.size(), 50)));
    }

    /**
     * One tenant's events. The fast path applies them together; should the database refuse the
     * set (a value it cannot store that validation did not foresee), it is rolled back and each
     * item's event applied on its own, so only the events at fault are refused. A failure that is
     * not about the data (connection lost, deadlock, shutdown) fails the batch: the relay retries.
     */
    private int applyTenant(Connection c, String tenantId, List<Slot> slots, List<ApplyResult.Refusal> refused)
            throws SQLException {
        // Within the batch, only the highest revision of each item can matter.
        Map<String, Slot> latest = new LinkedHashMap<>();
        for (Slot s : slots) {
            latest.merge(s.event().itemId(), s, (a, b) -> b.event().revision() > a.event().revision() ? b : a);
        }
        store.lockTenant(c, tenantId);
        CountTargets zones = store.targets(c, tenantId);
        savepoint(c, "savepoint events");
        try {
            int applied = write(c, tenantId, zones, new ArrayList<>(latest.values()));
            savepoint(c, "release savepoint events");
            return applied;
        } catch (SQLException | RuntimeException e) {
            if (!aboutTheData(e)) {
                throw e;
            }
            savepoint(c, "rollback to savepoint events");
        }
        int applied = 0;
        for (Slot s : latest.values()) {
            savepoint(c, "savepoint event");
            try {
                applied += write(c, tenantId, zones, List.of(s));
                savepoint(c, "release savepoint event");
            } catch (SQLException | RuntimeException e) {
                if (!aboutTheData(e)) {
                    throw e;
                }
                savepoint(c, "rollback to savepoint event");
                LOG.warnf("item event %s of tenant %s refused on storing: %s", s.eventId(), tenantId, e.toString());
                refused.add(new ApplyResult.Refusal(s.eventId(), s.index(),
                        List.of(new Problem.FieldError("/events/" + s.index(), NOT_STORABLE))));
            }
        }
        return applied;
    }

    /**
     * Savepoints as SQL: the pool refuses JDBC's savepoint calls on a connection enlisted in the
     * JTA transaction, but the database keeps them all the same.
     */
    private static void savepoint(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private int write(Connection c, String tenantId, CountTargets zones, List<Slot> slots) throws SQLException {
        List<String> ids = slots.stream().map(s -> s.event().itemId()).toList();
        Map<String, StoredItem> kept = store.load(c, tenantId, ids);
        DeltaSink deltas = new DeltaSink(zones);
        List<StoredItem> writes = new ArrayList<>();
        for (Slot s : slots) {
            ItemEvent e = s.event();
            StoredItem old = kept.get(e.itemId());
            if (old != null && (e.revision() <= old.revision() || e.eventId().equals(old.lastEventId()))) {
                continue;
            }
            if (old != null && !old.deleted()) {
                deltas.remove(old);
            }
            StoredItem now = e.deleted()
                    ? new StoredItem(tenantId, e.itemId(), e.revision(), e.eventId(), true, e.connectionId(), null,
                            null, null, null, List.of(), null, List.of(), null, null)
                    : new StoredItem(tenantId, e.itemId(), e.revision(), e.eventId(), false, e.connectionId(),
                            e.project(), e.key(), e.title(), e.flowType(), e.labels(), e.createdAt(), e.transitions(),
                            e.parentItemId(), e.hierarchy(), e.statuses());
            if (!now.deleted()) {
                deltas.add(now);
            }
            writes.add(now);
        }
        store.write(c, writes);
        store.replaceLoadChanges(c, tenantId, writes);
        store.addDeltas(c, tenantId, deltas);
        statusTimes.replace(c, tenantId, writes, kept, zones.streams());
        return writes.size();
    }

    /**
     * Whether a failure is this data's fault: PostgreSQL's data exceptions (class 22: a value out
     * of range, an invalid text) and constraint violations (23), or an error computing the event's
     * figures (no database involved). Everything else the database says (connection, deadlock,
     * resources, shutdown) is the batch's to retry.
     */
    static boolean aboutTheData(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                return state != null && (state.startsWith("22") || state.startsWith("23"));
            }
        }
        return e instanceof RuntimeException;
    }
}
