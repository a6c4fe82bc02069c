package io.flowlens.ingestion.outbox;

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

/**
 * Appends canonical events to the outbox on the caller's JDBC connection, so they commit or
 * roll back with the item change that caused them.
 */
@ApplicationScoped
public class OutboxWriter {

    private static final String INSERT = "insert into outbox (event_id, tenant_id, item_id, revision, payload,"
            + " created_at, next_attempt_at) values (?, ?, ?, ?, ?::jsonb, ?, ?)";

    @Inject
    ObjectMapper json;

    public void append(Connection c, List<ItemEvent> events) throws SQLException {
        if (events.isEmpty()) {
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
