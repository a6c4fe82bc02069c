package io.flowlens.ingestion.webhook;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.flowlens.common.problem.ApiException;
import io.flowlens.common.problem.Problem;
import io.flowlens.ingestion.connection.Connection;
import io.flowlens.ingestion.connection.ConnectionService;
import io.flowlens.ingestion.domain.Signatures;
import io.flowlens.ingestion.item.ItemStore;
import io.flowlens.ingestion.mapping.ConnectionMappings;
import io.flowlens.ingestion.outbox.OutboxRelay;
import io.flowlens.ingestion.tracker.Delivery;
import io.flowlens.ingestion.tracker.ParsedDelivery;
import io.flowlens.ingestion.tracker.PayloadProblem;
import io.flowlens.ingestion.tracker.TrackerParser;
import io.flowlens.ingestion.tracker.Trackers;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Receives a tracker's delivery: checks its authenticity first (nothing is stored for a bad
 * signature), keeps it raw exactly as received, and applies what it says to the items, all in
 * one transaction. A redelivery hits the raw record's unique key and changes nothing.
 */
@ApplicationScoped
public class WebhookService {

    // Headers that authenticate are never stored: they would be credentials at rest.
    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "x-gitlab-token", "cookie",
            "x-flowlens-identity", "proxy-authorization");

    // Third-party payloads: read leniently, whatever fields the tracker adds.
    private final ObjectMapper lenient = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @Inject
    Trackers trackers;

    @Inject
    ConnectionService connections;

    @Inject
    ItemStore items;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    OutboxRelay relay;

    @Inject
    ObjectMapper json;

    public WebhookReceipt receive(UUID connectionId, Map<String, String> headers, byte[] body) {
        Connection connection = Connection.findById(connectionId);
        if (connection == null) {
            throw ApiException.notFound("connection", connectionId);
        }
        TrackerParser parser = trackers.forKind(connection.kind);
        Delivery delivery = new Delivery(headers, body);
        if (!parser.authentic(delivery, connections.secretOf(connection))) {
            throw new ApiException(401, "invalid-signature", "Delivery not authenticated",
                    "the delivery's signature or token does not match this connection's " + connection.kind
                            + " secret; nothing was stored");
        }
        JsonNode payload;
        try {
            payload = lenient.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "malformed-json", "Malformed JSON",
                    "the body is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        if (payload == null || !(payload.isObject() || payload.isArray())) {
            throw new ApiException(400, "malformed-json", "Malformed JSON", "the body is not a JSON object");
        }
        ParsedDelivery parsed;
        try {
            parsed = parser.parse(delivery, payload);
        } catch (PayloadProblem p) {
            throw new ApiException(400, "unreadable-payload", "Payload not readable",
                    "not a " + connection.kind + " delivery this service understands: " + p.pointer() + " "
                            + p.getMessage(),
                    List.of(new Problem.FieldError(p.pointer().isEmpty() ? "/" : p.pointer(), p.getMessage())));
        }
        String id = parser.deliveryId(delivery, payload);
        String deliveryKey = id != null && !id.isBlank() ? id : "sha256:" + Signatures.sha256Hex(body);
        String headersJson = headersJson(delivery.headers());
        WebhookReceipt receipt = QuarkusTransaction.requiringNew().call(
                () -> store(connection, deliveryKey, headersJson, body, parsed));
        if (receipt.itemsChanged() > 0) {
            relay.nudge();
        }
        return receipt;
    }

    private WebhookReceipt store(Connection connection, String deliveryKey, String headersJson, byte[] body,
            ParsedDelivery parsed) throws SQLException {
        try (java.sql.Connection c = dataSource.getConnection()) {
            UUID rawId = UUID.randomUUID();
            try (PreparedStatement ps = c.prepareStatement("insert into raw_event (id, tenant_id, connection_id,"
                    + " delivery_key, event_kind, headers, body, received_at, outcome, note)"
                    + " values (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)"
                    + " on conflict (connection_id, delivery_key) do nothing returning id")) {
                ps.setObject(1, rawId);
                ps.setString(2, connection.tenantId);
                ps.setObject(3, connection.id);
                ps.setString(4, deliveryKey);
                ps.setString(5, parsed.eventKind());
                ps.setString(6, headersJson);
                ps.setBytes(7, body);
                ps.setObject(8, Instant.now().atOffset(ZoneOffset.UTC));
                ps.setString(9, parsed.isIgnored() ? "ignored" : "applied");
                ps.setString(10, parsed.ignoredBecause());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return new WebhookReceipt(deliveryKey, "duplicate", parsed.eventKind(), 0,
                                "this delivery was received before; nothing changed");
                    }
                }
            }
            if (parsed.isIgnored()) {
                return new WebhookReceipt(deliveryKey, "ignored", parsed.eventKind(), 0, parsed.ignoredBecause());
            }
            ItemStore.Staged staged = items.stage(c, connection.tenantId, connection.id, parsed.changes(),
                    new ItemStore.Source(rawId, null));
            int changed = items.derive(c, connection.tenantId, connection.id, ConnectionMappings.effective(connection),
                    staged.itemIds());
            return new WebhookReceipt(deliveryKey, "applied", parsed.eventKind(), changed, null);
        }
    }

    private String headersJson(Map<String, String> headers) {
        Map<String, String> kept = new TreeMap<>();
        headers.forEach((k, v) -> {
            if (!SECRET_HEADERS.contains(k)) {
                kept.put(k, v);
            }
        });
        try {
            return json.writeValueAsString(kept);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
