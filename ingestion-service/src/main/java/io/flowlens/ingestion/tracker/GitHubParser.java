package io.flowlens.ingestion.tracker;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.flowlens.ingestion.domain.Signatures;
import io.flowlens.ingestion.domain.StatusChange;

/**
 * GitHub: {@code issues} events (state, {@code state_reason}, labels) and Projects
 * {@code projects_v2_item} status changes. Signed with {@code X-Hub-Signature-256}.
 * Items are keyed by the issue's node id, which Projects events name as {@code content_node_id}.
 */
@ApplicationScoped
public class GitHubParser implements TrackerParser {

    @Override
    public String kind() {
        return "github";
    }

    @Override
    public boolean signsWithHmac() {
        return true;
    }

    @Override
    public boolean authentic(Delivery delivery, TrackerSecret secret) {
        return Signatures.hmacSha256Matches(secret.plaintext(), delivery.body(),
                delivery.header("X-Hub-Signature-256"), "sha256=");
    }

    @Override
    public String deliveryId(Delivery delivery, JsonNode body) {
        return delivery.header("X-GitHub-Delivery");
    }

    @Override
    public ParsedDelivery parse(Delivery delivery, JsonNode body) {
        String event = delivery.header("X-GitHub-Event");
        if (event == null) {
            throw Payloads.wrong("X-GitHub-Event", "a GitHub delivery carries an X-GitHub-Event header");
        }
        String action = Payloads.text(body, "action");
        String kind = action == null ? event : event + "." + action;
        return switch (event) {
            case "issues" -> ParsedDelivery.changes(kind, List.of(issueEvent(action, body)));
            case "projects_v2_item" -> projectItem(kind, action, body);
            default -> ParsedDelivery.ignored(kind, "GitHub event '" + event + "' does not change work items");
        };
    }

    private ItemChange issueEvent(String action, JsonNode body) {
        JsonNode issue = body.get("issue");
        if (issue == null || !issue.isObject()) {
            throw Payloads.wrong("/issue", "an issues event carries the issue");
        }
        String nodeId = required(issue, "node_id");
        if ("deleted".equals(action)) {
            return ItemChange.deletion(nodeId, Payloads.instant(issue, "updated_at"));
        }
        Instant created = Payloads.instant(issue, "created_at");
        Instant updated = Payloads.instant(issue, "updated_at");
        List<StatusChange> statuses = new ArrayList<>();
        // Every issues event repeats the opening, so an item is complete whichever event arrives first.
        if (created != null) {
            statuses.add(StatusChange.of(created, "open"));
        }
        if ("closed".equals(action)) {
            statuses.add(StatusChange.of(firstNonNull(Payloads.instant(issue, "closed_at"), updated),
                    closedStatus(issue)));
        } else if ("reopened".equals(action)) {
            statuses.add(StatusChange.of(updated, "reopened"));
        }
        return new ItemChange(nodeId, "#" + required(issue, "number"), Payloads.text(body, "repository", "full_name"),
                Payloads.text(issue, "title"), Payloads.text(issue, "type", "name"),
                Payloads.names(issue.get("labels"), "name"), created, updated, statuses, false);
    }

    /**
     * One issue of a backfill: the REST API's issue object with an {@code events} array holding
     * what {@code GET /repos/{owner}/{repo}/issues/{number}/events} returned for it.
     */
    public ItemChange fromIssueWithEvents(JsonNode issue) {
        if (issue == null || !issue.isObject()) {
            throw Payloads.wrong("", "an issue is a JSON object");
        }
        String nodeId = required(issue, "node_id");
        Instant created = Payloads.instant(issue, "created_at");
        if (created == null) {
            throw Payloads.wrong("/created_at", "is required");
        }
        List<StatusChange> statuses = new ArrayList<>();
        statuses.add(StatusChange.of(created, "open"));
        JsonNode events = issue.get("events");
        boolean sawClose = false;
        if (events != null && events.isArray()) {
            int i = 0;
            for (JsonNode e : events) {
                String event = Payloads.text(e, "event");
                if ("closed".equals(event) || "reopened".equals(event)) {
                    Instant at = Payloads.instant(e, "created_at");
                    if (at == null) {
                        throw Payloads.wrong("/events/" + i + "/created_at", "is required");
                    }
                    statuses.add(StatusChange.of(at, "closed".equals(event) ? closedStatus(e) : "reopened"));
                    sawClose |= "closed".equals(event);
                }
                i++;
            }
        } else if (events != null && !events.isNull()) {
            throw Payloads.wrong("/events", "is an array of issue events");
        }
        if (!sawClose && "closed".equals(Payloads.text(issue, "state")) && issue.hasNonNull("closed_at")) {
            statuses.add(StatusChange.of(Payloads.instant(issue, "closed_at"), closedStatus(issue)));
        }
        String repositoryUrl = Payloads.text(issue, "repository_url");
        String repository = repositoryUrl == null ? null : repositoryUrl.replaceFirst("^.*/repos/", "");
        return new ItemChange(nodeId, "#" + required(issue, "number"), repository, Payloads.text(issue, "title"),
                Payloads.text(issue, "type", "name"), Payloads.names(issue.get("labels"), "name"), created,
                Payloads.instant(issue, "updated_at"), statuses, false);
    }

    static String closedStatus(JsonNode issue) {
        String reason = Payloads.text(issue, "state_reason");
        return reason == null ? "closed" : "closed:" + reason;
    }

    private ParsedDelivery projectItem(String kind, String action, JsonNode body) {
        JsonNode item = body.get("projects_v2_item");
        if (item == null || !item.isObject()) {
            throw Payloads.wrong("/projects_v2_item", "a projects_v2_item event carries the item");
        }
        JsonNode fieldValue = Payloads.at(body, "changes", "field_value");
        String fieldName = Payloads.text(fieldValue, "field_name");
        String to = Payloads.text(fieldValue, "to", "name");
        if (!"edited".equals(action) || fieldName == null || !"status".equalsIgnoreCase(fieldName) || to == null) {
            // Older deliveries name only the field's node id; the value then needs a GraphQL fetch.
            return ParsedDelivery.ignored(kind, "not a Projects status change that names its new value");
        }
        String contentId = required(item, "content_node_id");
        Instant at = firstNonNull(Payloads.instant(item, "updated_at"), Instant.now());
        return ParsedDelivery.changes(kind, List.of(ItemChange.statusesOnly(contentId,
                List.of(StatusChange.of(at, to)))));
    }

    static String required(JsonNode node, String field) {
        String v = Payloads.text(node, field);
        if (v == null || v.isBlank()) {
            throw Payloads.wrong("/" + field, "is required");
        }
        return v;
    }

    static <T> T firstNonNull(T a, T b) {
        return a != null ? a : b;
    }
}
