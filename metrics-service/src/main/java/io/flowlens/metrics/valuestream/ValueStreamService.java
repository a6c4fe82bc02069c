package io.flowlens.metrics.valuestream;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.flowlens.common.problem.ApiException;
import io.flowlens.common.problem.Problem;
import io.flowlens.metrics.paging.Cursor;
import io.flowlens.metrics.paging.Page;
import io.flowlens.metrics.timeline.TimelineStore;
import io.flowlens.metrics.timeline.Zones;

/** Value streams of a tenant. Another tenant's id is "not found", never "forbidden". */
@ApplicationScoped
public class ValueStreamService {

    @Inject
    TimelineStore store;

    @Transactional
    public ValueStreamView create(String tenantId, ValueStreamRequest request) {
        check(request);
        ValueStream v = new ValueStream();
        v.id = UUID.randomUUID();
        v.tenantId = tenantId;
        v.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        assign(v, request);
        v.persist();
        requestCounts(v, null);
        return view(v);
    }

    @Transactional
    public ValueStreamView replace(String tenantId, UUID id, ValueStreamRequest request) {
        check(request);
        ValueStream v = find(tenantId, id);
        ValueStream before = new ValueStream();
        before.timeZone = v.timeZone;
        before.scopes = v.scopes;
        assign(v, request);
        requestCounts(v, before);
        return view(v);
    }

    @Transactional
    public void delete(String tenantId, UUID id) {
        ValueStream v = find(tenantId, id);
        try (Connection c = store.connection()) {
            store.dropStreamCounts(c, tenantId, id);
        } catch (SQLException e) {
            throw new IllegalStateException("dropping the stream's day counts failed", e);
        }
        v.delete();
    }

    public ValueStreamView get(String tenantId, UUID id) {
        return view(find(tenantId, id));
    }

    /** Whether a stream is narrowed by labels: such a stream gets day counts of its own. */
    static boolean narrowedByLabels(List<Scope> scopes) {
        return scopes.stream().anyMatch(s -> !s.labelsOrEmpty().isEmpty());
    }

    /**
     * Asks the back-fill job for the day counts the stream needs and does not have: its zone's, and
     * for a label-narrowed stream its own (again when its zone or scopes changed). Registering is
     * all this request does; the job runs after it answers.
     */
    private void requestCounts(ValueStream v, ValueStream before) {
        try (Connection c = store.connection()) {
            store.requestZone(c, v.tenantId, v.timeZone);
            boolean changed = before == null || !before.timeZone.equals(v.timeZone) || !before.scopes.equals(v.scopes);
            if (narrowedByLabels(v.scopes)) {
                if (changed) {
                    store.requestStreamCounts(c, v.tenantId, v.id, v.timeZone, before == null);
                }
            } else if (before != null && narrowedByLabels(before.scopes)) {
                store.dropStreamCounts(c, v.tenantId, v.id);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("registering the stream's day counts failed", e);
        }
    }

    /** The stream with the status of the day counts its load and cumulative flow are read from. */
    ValueStreamView view(ValueStream v) {
        String status = narrowedByLabels(v.scopes) ? store.streamCountsStatus(v.tenantId, v.id, v.timeZone)
                : store.zoneStatus(v.tenantId, v.timeZone);
        return ValueStreamView.of(v, status == null ? TimelineStore.PREPARING : status);
    }

    /** The stream itself, for the metric endpoints. */
    public ValueStream find(String tenantId, UUID id) {
        ValueStream v = ValueStream.find("id = ?1 and tenantId = ?2", id, tenantId).firstResult();
        if (v == null) {
            throw ApiException.notFound("value stream", id);
        }
        return v;
    }

    public Page<ValueStreamView> list(String tenantId, String cursor, Integer limit) {
        int size = Cursor.limit(limit);
        Cursor after = Cursor.decode(cursor);
        List<ValueStream> rows;
        if (after == null) {
            rows = ValueStream.find("tenantId = ?1 order by createdAt, id", tenantId).page(0, size + 1).list();
        } else {
            UUID afterId;
            try {
                afterId = UUID.fromString(after.id());
            } catch (IllegalArgumentException e) {
                throw ApiException.badParameter("cursor", "not a cursor this list issued");
            }
            rows = ValueStream.find("tenantId = ?1 and (createdAt > ?2 or (createdAt = ?2 and id > ?3)) "
                    + "order by createdAt, id", tenantId, after.at(), afterId).page(0, size + 1).list();
        }
        String next = null;
        if (rows.size() > size) {
            rows = rows.subList(0, size);
            ValueStream last = rows.get(size - 1);
            next = new Cursor(last.createdAt, last.id.toString()).encode();
        }
        return new Page<>(rows.stream().map(this::view).toList(), next);
    }

    private static void check(ValueStreamRequest request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (!Zones.isKnown(request.timeZone())) {
            errors.add(new Problem.FieldError("/timeZone",
                    "'" + request.timeZone() + "' is not an IANA time zone (e.g. Europe/Berlin)"));
        }
        for (int i = 0; i < request.scopes().size(); i++) {
            errors.addAll(request.scopes().get(i).elementErrors("/scopes/" + i));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
    }

    private void assign(ValueStream v, ValueStreamRequest request) {
        v.name = request.name().strip();
        v.timeZone = request.timeZone();
        v.scopes = List.copyOf(request.scopes());
        v.countSubtasks = Boolean.TRUE.equals(request.countSubtasks());
        v.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
