package io.flowlens.ingestion.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import io.flowlens.ingestion.item.BulkStage;

/**
 * Appends canonical events to the outbox on the caller's JDBC connection, so they commit or
 * roll back with the item change that caused them.
 */
@ApplicationScoped
public class OutboxWriter {

    private static final String INSERT = "insert into outbox (event_id, tenant_id, item_id, revision, payload,"
            + " created_at, next_attempt_at) values (?, ?, ?, ?, ?::jsonb, ?, ?)";

    /** From this many events on (imports, remaps), rows stream with COPY instead of a batched insert. */
    static final int COPY_FROM = 50;

    @Inject
    ObjectMapper json;

    private void copy(Connection c, List<ItemEvent> events) throws SQLException {
        String now = Instant.now().toString();
        StringBuilder b = new StringBuilder(events.size() * 1024);
        try {
            for (ItemEvent e : events) {
                b.append(e.eventId()).append('\t').append(BulkStage.escape(e.tenantId())).append('\t')
                        .append(e.item().itemId()).append('\t').append(e.revision()).append('\t')
                        .append(BulkStage.escape(json.writeValueAsString(e))).append('\t').append(now).append('\t')
                        .append(now).append('\n');
            }
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot write an item event", ex);
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

    public void append(Connection c, List<ItemEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        if (events.size() >= COPY_FROM) {
            copy(c, events);
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (ItemEvent e : events) {
                ps.setObject(1, e.eventId());
                ps.setString(2, e.tenantId());
                ps.setObject(3, e.item().itemId());
                ps.setLong(4, e.revision());
                ps.setString(5, json.writeValueAsString(e));
                ps.setObject(6, Instant.now().atOffset(ZoneOffset.UTC));
                ps.setObject(7, Instant.now().atOffset(ZoneOffset.UTC));
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot write an item event", ex);
        }
    }
}
