package io.flowlens.ingestion.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import io.flowlens.ingestion.item.BulkStage;

/**
 * Appends canonical events to the outbox on the caller's JDBC connection, so they commit or
 * roll back with the item change that caused them, and nudges the relay once that transaction
 * has committed (once per transaction, however many appends it made): no caller nudges the
 * relay by hand, and a rolled-back transaction nudges nothing.
 */
@ApplicationScoped
public class OutboxWriter {

    private static final String INSERT = "insert into outbox (event_id, tenant_id, item_id, revision, payload,"
            + " created_at, next_attempt_at) values (?, ?, ?, ?, ?::jsonb, ?, ?)";

    /** From this many events on (imports, remaps), rows stream with COPY instead of a batched insert. */
    static final int COPY_FROM = 50;

    @Inject
    ObjectMapper json;

    @Inject
    OutboxRelay relay;

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** Marks a transaction that already has its after-commit nudge. */
    private static final Object NUDGE_SCHEDULED = new Object();

    /** An event as the outbox stores it: its JSON written once. */
    public record Row(UUID eventId, String tenantId, UUID itemId, long revision, String payload) {
    }

    /**
     * The event's envelope around an item JSON the caller has already written (for its digest):
     * the same JSON as serializing the whole event, without writing the item twice.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"eventId", "tenantId", "type", "revision", "emittedAt", "item"})
    record Envelope(UUID eventId, String tenantId, String type, long revision, Instant emittedAt,
            @JsonRawValue String item) {
    }

    public Row row(ItemEvent e) {
        return new Row(e.eventId(), e.tenantId(), e.item().itemId(), e.revision(), write(e));
    }

    public Row row(ItemEvent e, String itemJson) {
        return new Row(e.eventId(), e.tenantId(), e.item().itemId(), e.revision(), write(new Envelope(e.eventId(),
                e.tenantId(), e.type(), e.revision(), e.emittedAt(), itemJson)));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot write an item event", ex);
        }
    }

    private void copy(Connection c, List<Row> rows) throws SQLException {
        String now = Instant.now().toString();
        StringBuilder b = new StringBuilder(rows.size() * 1024);
        for (Row r : rows) {
            b.append(r.eventId()).append('\t').append(BulkStage.escape(r.tenantId())).append('\t')
                    .append(r.itemId()).append('\t').append(r.revision()).append('\t')
                    .append(BulkStage.escape(r.payload())).append('\t').append(now).append('\t')
                    .append(now).append('\n');
        }
        byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy outbox (event_id, tenant_id, item_id,"
                + " revision, payload, created_at, next_attempt_at) from stdin");
        try {
            in.writeToCopy(bytes, 0, bytes.length);
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    /**
     * Schedules one relay nudge for after the current JTA transaction commits; with no transaction
     * (autocommit) the rows are visible once the statement ran, and the nudge goes at once.
     */
    private void nudgeAfterCommit() {
        if (transactions.getTransactionKey() == null) {
            relay.nudge();
            return;
        }
        if (transactions.getResource(NUDGE_SCHEDULED) != null) {
            return;
        }
        transactions.putResource(NUDGE_SCHEDULED, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.nudge();
                }
            }
        });
    }

    public void append(Connection c, List<ItemEvent> events) throws SQLException {
        appendRows(c, events.stream().map(this::row).toList());
    }

    public void appendRows(Connection c, List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        relay.appended(rows.size());
        if (rows.size() >= COPY_FROM) {
            copy(c, rows);
        } else {
            insert(c, rows);
        }
        nudgeAfterCommit();
    }

    private static void insert(Connection c, List<Row> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            OffsetDateTime now = Instant.now().atOffset(ZoneOffset.UTC);
            for (Row r : rows) {
                ps.setObject(1, r.eventId());
                ps.setString(2, r.tenantId());
                ps.setObject(3, r.itemId());
                ps.setLong(4, r.revision());
                ps.setString(5, r.payload());
                ps.setObject(6, now);
                ps.setObject(7, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
