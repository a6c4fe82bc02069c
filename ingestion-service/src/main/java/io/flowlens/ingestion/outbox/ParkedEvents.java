package io.flowlens.ingestion.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import io.agroal.api.AgroalDataSource;
import io.flowlens.common.problem.ApiException;
import io.flowlens.ingestion.api.Cursors;
import io.flowlens.ingestion.api.Page;

/**
 * The dead-letter table of the outbox: events metrics-service refused as invalid, with the
 * reason. Parking takes an event out of the way of the others; a newer revision of its item
 * supersedes it once delivered; a member can put them back into the outbox after a fix.
 */
@ApplicationScoped
public class ParkedEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource dataSource;

    @Inject
    OutboxRelay relay;

    /** An outbox row as the relay claimed it. */
    record Claimed(long id, UUID eventId, String tenantId, UUID itemId, long revision, int attempts, String payload) {
    }

    /** A claimed row refused by metrics, and why. */
    record Refused(Claimed row, ArrayNode errors) {
    }

    /**
     * Parks refused rows (on the relay's connection, in its transaction). One row per item: a
     * newer revision replaces an older parked one, an older one never replaces a newer.
     */
    static void park(Connection c, List<Refused> refused) throws SQLException {
        if (refused.isEmpty()) {
            return;
        }
        // Within one statement batch an item may appear once only: its newest refused revision.
        Map<UUID, Refused> newest = new LinkedHashMap<>();
        for (Refused r : refused) {
            newest.merge(r.row().itemId(), r, (a, b) -> b.row().revision() > a.row().revision() ? b : a);
        }
        OffsetDateTime now = Instant.now().atOffset(ZoneOffset.UTC);
        try (PreparedStatement ps = c.prepareStatement("insert into parked_event (tenant_id, item_id, connection_id,"
                + " event_id, revision, payload, reason, parked_at, attempts) values (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?)"
                + " on conflict (tenant_id, item_id) do update set connection_id = excluded.connection_id,"
                + " event_id = excluded.event_id, revision = excluded.revision, payload = excluded.payload,"
                + " reason = excluded.reason, parked_at = excluded.parked_at, attempts = excluded.attempts"
                + " where parked_event.revision <= excluded.revision")) {
            for (Refused r : newest.values()) {
                Claimed row = r.row();
                ps.setString(1, row.tenantId());
                ps.setObject(2, row.itemId());
                ps.setObject(3, connectionOf(row.payload()));
                ps.setObject(4, row.eventId());
                ps.setLong(5, row.revision());
                ps.setString(6, row.payload());
                ps.setString(7, r.errors().toString());
                ps.setObject(8, now);
                ps.setInt(9, row.attempts() + 1);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Removes parked events that a delivered, newer revision of the same item supersedes. */
    static int supersede(Connection c, Collection<Claimed> delivered) throws SQLException {
        if (delivered.isEmpty()) {
            return 0;
        }
        String[] tenants = new String[delivered.size()];
        UUID[] items = new UUID[delivered.size()];
        Long[] revisions = new Long[delivered.size()];
        int k = 0;
        for (Claimed d : delivered) {
            tenants[k] = d.tenantId();
            items[k] = d.itemId();
            revisions[k++] = d.revision();
        }
        try (PreparedStatement ps = c.prepareStatement("delete from parked_event p using unnest(?::text[], ?::uuid[],"
                + " ?::bigint[]) as d(tenant_id, item_id, revision) where p.tenant_id = d.tenant_id"
                + " and p.item_id = d.item_id and p.revision < d.revision")) {
            ps.setArray(1, c.createArrayOf("text", tenants));
            ps.setArray(2, c.createArrayOf("uuid", items));
            ps.setArray(3, c.createArrayOf("bigint", revisions));
            return ps.executeUpdate();
        }
    }

    /** The connection named in an event's payload; null when it names none we can read. */
    static UUID connectionOf(String payload) {
        try {
            JsonNode id = JSON.readTree(payload).path("item").path("connectionId");
            return id.isTextual() ? UUID.fromString(id.asText()) : null;
        } catch (java.io.IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Forgets a deleted connection's parked events (its items are gone, so nothing can supersede them). */
    public static long forgetConnection(Connection c, String tenantId, UUID connectionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "delete from parked_event where tenant_id = ? and connection_id = ?")) {
            ps.setString(1, tenantId);
            ps.setObject(2, connectionId);
            return ps.executeUpdate();
        }
    }

    /** Forgets every parked event of an erased tenant, also those whose event names no connection. */
    public static long forgetTenant(Connection c, String tenantId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from parked_event where tenant_id = ?")) {
            ps.setString(1, tenantId);
            return ps.executeUpdate();
        }
    }

    /** Parked events in all, for the gauge and readiness. */
    static long count(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select count(*) from parked_event");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** One page of a connection's parked events, in event id order. */
    public Page<ParkedEventView> list(String tenantId, UUID connectionId, Integer limit, String cursor) {
        int size = Cursors.limit(limit);
        UUID after = Cursors.decode(cursor);
        try (Connection c = dataSource.getConnection()) {
            requireConnection(c, tenantId, connectionId);
            List<ParkedEventView> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select event_id, item_id, revision, reason::text,"
                    + " parked_at, attempts, payload::text from parked_event where tenant_id = ? and connection_id = ?"
                    + " and (?::uuid is null or event_id > ?::uuid) order by event_id limit ?")) {
                ps.setString(1, tenantId);
                ps.setObject(2, connectionId);
                ps.setObject(3, after);
                ps.setObject(4, after);
                ps.setInt(5, size + 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(new ParkedEventView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                                rs.getLong(3), JSON.readValue(rs.getString(4), ParkedEventView.ERRORS),
                                rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getInt(6), rs.getString(7)));
                    }
                }
            }
            String next = null;
            if (items.size() > size) {
                items = items.subList(0, size);
                next = Cursors.encode(items.get(size - 1).eventId());
            }
            return new Page<>(List.copyOf(items), next);
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("reading parked events failed", e);
        }
    }

    /**
     * Puts a connection's parked events back into the outbox, due now, and nudges the relay. An
     * event refused again is parked again, with the new reason.
     */
    @Transactional
    public int retry(String tenantId, UUID connectionId) {
        int requeued;
        try (Connection c = dataSource.getConnection()) {
            requireConnection(c, tenantId, connectionId);
            try (PreparedStatement ps = c.prepareStatement("with moved as (delete from parked_event where tenant_id = ?"
                    + " and connection_id = ? returning event_id, tenant_id, item_id, revision, payload, attempts)"
                    + " insert into outbox (event_id, tenant_id, item_id, revision, payload, created_at, attempts,"
                    + " next_attempt_at) select event_id, tenant_id, item_id, revision, payload, now(), attempts, now()"
                    + " from moved on conflict (event_id) do nothing")) {
                ps.setString(1, tenantId);
                ps.setObject(2, connectionId);
                requeued = ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("re-enqueuing parked events failed", e);
        }
        relay.appended(requeued);
        relay.nudgeAfterCommit();
        return requeued;
    }

    /** Another tenant's connection, or none: a 404, as everywhere. */
    private static void requireConnection(Connection c, String tenantId, UUID connectionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from connection where id = ? and tenant_id = ?")) {
            ps.setObject(1, connectionId);
            ps.setString(2, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw ApiException.notFound("connection", connectionId);
                }
            }
        }
    }
}
