package io.flowlens.ingestion.tracker;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.flowlens.ingestion.domain.Signatures;
import io.flowlens.ingestion.domain.StatusChange;

/**
 * Linear data-change webhooks of type {@code Issue}: create, update (a state change shows as
 * {@code updatedFrom.stateId}; an update that does not change it still states it), remove;
 * {@code parentId} makes a sub-issue. A delivery more than a minute from its
 * {@code webhookTimestamp} is refused. Signed with {@code Linear-Signature} (hex HMAC-SHA256).
 * The workflow state's {@code type} is the status category the default mapping uses.
 */
@ApplicationScoped
public class LinearParser implements TrackerParser {

    /** How far from now a delivery's {@code webhookTimestamp} may be. */
    static final Duration FRESHNESS = Duration.ofMinutes(1);

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

    /**
     * Linear signs {@code webhookTimestamp} (milliseconds) inside the body and asks receivers to
     * refuse a delivery more than a minute from now, so a captured delivery cannot be replayed.
     */
    @Override
    public void requireFresh(Delivery delivery, JsonNode body, Instant now) {
        JsonNode ts = body.get("webhookTimestamp");
        if (ts == null || !ts.isIntegralNumber() || !ts.canConvertToLong()) {
            throw Payloads.wrong("/webhookTimestamp", "is required (epoch milliseconds): it protects against replay");
        }
        long skew = Math.abs(now.toEpochMilli() - ts.asLong());
        if (skew > FRESHNESS.toMillis()) {
            throw Payloads.wrong("/webhookTimestamp", "is " + skew / 1000 + " s away from now; Linear deliveries are"
                    + " accepted within " + FRESHNESS.toSeconds() + " s of being sent (replay protection)");
        }
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
        String id = Payloads.under("/data", () -> GitHubParser.required(data, "id"));
        Instant sent = Payloads.instant(body, "webhookTimestamp");
        if ("remove".equals(action)) {
            return ParsedDelivery.changes(kind, List.of(ItemChange.deletion(id, sent)));
        }
        Instant created = Payloads.instant(body, "data", "createdAt");
        Instant updated = Payloads.instant(body, "data", "updatedAt");
        String state = Payloads.text(data, "state", "name");
        String stateType = Payloads.text(data, "state", "type");
        List<StatusChange> statuses = new ArrayList<>();
        if (state != null) {
            Instant at;
            if ("create".equals(action)) {
                at = created;
            } else if (Payloads.at(body, "updatedFrom", "stateId") != null) {
                at = updated;
            } else {
                // The payload states the current state without changing it: at the instant Linear
                // says the item reached that kind of state, else at the payload's own instant.
                at = GitHubParser.firstNonNull(reachedAt(body, stateType), GitHubParser.firstNonNull(updated, sent));
            }
            if (at != null) {
                statuses.add(new StatusChange(at, state, stateType));
            }
        }
        String key = Payloads.text(data, "identifier");
        if (key == null && Payloads.text(data, "team", "key") != null && Payloads.text(data, "number") != null) {
            key = Payloads.text(data, "team", "key") + "-" + Payloads.text(data, "number");
        }
        JsonNode labels = data.get("labels");
        String parent = Payloads.text(data, "parentId");
        ItemChange change = new ItemChange(id, key, Payloads.text(data, "team", "key"), Payloads.text(data, "title"),
                null, labels == null ? null : Payloads.names(labels, "name"), created, updated, statuses, false,
                parent, parent == null ? "standard" : "subtask");
        return ParsedDelivery.changes(kind, List.of(Payloads.bounded(change, new Payloads.Where("/data/id",
                "/data/identifier", "/data/team/key", "/data/title", "/data/labels"))));
    }

    /** When the issue reached a state of this type: {@code startedAt}, {@code completedAt}, {@code canceledAt}. */
    private static Instant reachedAt(JsonNode body, String stateType) {
        if (stateType == null) {
            return null;
        }
        return switch (stateType) {
            case "started" -> Payloads.instant(body, "data", "startedAt");
            case "completed" -> Payloads.instant(body, "data", "completedAt");
            case "canceled" -> Payloads.instant(body, "data", "canceledAt");
            default -> null;
        };
    }
}
