package io.flowlens.ingestion.webhook;

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

import io.flowlens.common.problem.ApiException;
import io.flowlens.common.problem.Problem;
import io.flowlens.ingestion.connection.ConnectionService;
import io.flowlens.ingestion.domain.Signatures;
import io.flowlens.ingestion.item.StorableFacts;
import io.flowlens.ingestion.tracker.Delivery;
import io.flowlens.ingestion.tracker.ParsedDelivery;
import io.flowlens.ingestion.tracker.PayloadProblem;
import io.flowlens.ingestion.tracker.TrackerParser;
import io.flowlens.ingestion.tracker.Trackers;

/**
 * Receives a tracker's delivery: checks its authenticity first (nothing is stored for a bad
 * signature), parses it, and hands it to the {@link DeliveryWriter}, which keeps it raw exactly as
 * received and applies what it says to the items in one transaction. A redelivery hits the raw
 * record's unique key and changes nothing.
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
    DeliveryWriter writer;

    @Inject
    ObjectMapper json;

    public WebhookReceipt receive(UUID connectionId, Map<String, String> headers, byte[] body) {
        ConnectionService.WebhookTarget connection = connections.forWebhook(connectionId);
        if (connection == null) {
            throw ApiException.notFound("connection", connectionId);
        }
        TrackerParser parser = trackers.forKind(connection.kind());
        Delivery delivery = new Delivery(headers, body);
        if (!parser.authentic(delivery, connection.secret())) {
            throw new ApiException(401, "invalid-signature", "Delivery not authenticated",
                    "the delivery's signature or token does not match this connection's " + connection.kind()
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
                    "not a " + connection.kind() + " delivery this service understands: " + p.pointer() + " "
                            + p.getMessage(),
                    List.of(new Problem.FieldError(p.pointer().isEmpty() ? "/" : p.pointer(), p.getMessage())));
        }
        // What the database could not store is the caller's mistake (400), not a 500 on every redelivery.
        List<Problem.FieldError> unstorable = new java.util.ArrayList<>();
        for (int i = 0; i < parsed.changes().size(); i++) {
            for (StorableFacts.Problem p : StorableFacts.problems(parsed.changes().get(i))) {
                unstorable.add(new Problem.FieldError("/items/" + i + p.field(), p.detail()));
            }
        }
        if (!unstorable.isEmpty()) {
            throw new ApiException(400, "unstorable-payload", "Payload not storable",
                    "the delivery holds what cannot be stored (first: " + unstorable.get(0).pointer() + " "
                            + unstorable.get(0).detail() + "); nothing was stored",
                    unstorable);
        }
        String id = parser.deliveryId(delivery, payload);
        String deliveryKey = id != null && !id.isBlank() ? id : "sha256:" + Signatures.sha256Hex(body);
        return writer.write(connection, deliveryKey, headersJson(delivery.headers()), body, parsed);
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
