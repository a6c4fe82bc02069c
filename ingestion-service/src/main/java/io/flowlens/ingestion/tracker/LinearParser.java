package io.flowlens.ingestion.tracker;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.flowlens.ingestion.domain.Signatures;
import io.flowlens.ingestion.domain.StatusChange;

/**
 * Linear data-change webhooks of type {@code Issue}: create, update (a state change shows as
 * {@code updatedFrom.stateId}), remove. Signed with {@code Linear-Signature} (hex HMAC-SHA256).
 * The workflow state's {@code type} is the status category the default mapping uses.
 */
@ApplicationScoped
public class LinearParser implements TrackerParser {

    @Override
    public String kind() {
        return "linear";
    }

    @Override
    public boolean signsWithHmac() {
        return true;
    }

    @Override
    public boolean authentic(Delivery delivery, TrackerSecret secret) {
        return Signatures.hmacSha256Matches(secret.plaintext(), delivery.body(), delivery.header("Linear-Signature"),
                null);
    }

    @Override
    public String deliveryId(Delivery delivery, JsonNode body) {
        return delivery.header("Linear-Delivery");
    }

    @Override
    public ParsedDelivery parse(Delivery delivery, JsonNode body) {
        String type = Payloads.text(body, "type");
        String action = Payloads.text(body, "action");
        if (type == null || action == null) {
            throw Payloads.wrong(type == null ? "/type" : "/action", "a Linear webhook names its type and action");
        }
        String kind = type + "." + action;
        if (!"Issue".equals(type)) {
            return ParsedDelivery.ignored(kind, "Linear '" + type + "' events do not change work items");
        }
        JsonNode data = body.get("data");
        if (data == null || !data.isObject()) {
            throw Payloads.wrong("/data", "an Issue event carries its data");
        }
        String id = GitHubParser.required(data, "id");
        if ("remove".equals(action)) {
            return ParsedDelivery.changes(kind, List.of(ItemChange.deletion(id,
                    Payloads.instant(body, "webhookTimestamp"))));
        }
        Instant created = Payloads.instant(data, "createdAt");
        Instant updated = Payloads.instant(data, "updatedAt");
        String state = Payloads.text(data, "state", "name");
        String stateType = Payloads.text(data, "state", "type");
        List<StatusChange> statuses = new ArrayList<>();
        if (state != null) {
            if ("create".equals(action) && created != null) {
                statuses.add(new StatusChange(created, state, stateType));
            } else if (Payloads.at(body, "updatedFrom", "stateId") != null && updated != null) {
                statuses.add(new StatusChange(updated, state, stateType));
            }
        }
        String key = Payloads.text(data, "identifier");
        if (key == null && Payloads.text(data, "team", "key") != null && Payloads.text(data, "number") != null) {
            key = Payloads.text(data, "team", "key") + "-" + Payloads.text(data, "number");
        }
        JsonNode labels = data.get("labels");
        return ParsedDelivery.changes(kind, List.of(new ItemChange(id, key, Payloads.text(data, "team", "key"),
                Payloads.text(data, "title"), null, labels == null ? null : Payloads.names(labels, "name"), created,
                updated, statuses, false)));
    }
}
