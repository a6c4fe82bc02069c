package io.flowlens.ingestion.tracker;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.flowlens.ingestion.domain.Signatures;
import io.flowlens.ingestion.domain.StatusChange;

/**
 * GitHub: {@code issues} events (state, {@code state_reason}, labels, issue type; a reopen keeps
 * the close it ends; {@code transferred} ends the item here) and Projects
 * {@code projects_v2_item} status changes. Signed with {@code X-Hub-Signature-256}.
 * Items are keyed by the issue's node id, which Projects events name as {@code content_node_id}.
 */
@ApplicationScoped
public class GitHubParser implements TrackerParser {

    public static final String ISSUES_EXPORT = "github-issues";

    /**
     * Orders of a webhook's facts at one instant: what the event itself states (the close of
     * {@code closed}, the reopen of {@code reopened}) over what it repeats or implies (the
     * opening, the earlier close a reopened issue still names).
     */
    static final long INFERRED = 0L;
    static final long STATED = 1L;

    @Override
    public Set<String> exportFormats() {
        return Set.of(ISSUES_EXPORT);
    }

    @Override
    public void readExport(String format, Path file, ExportVisitor visitor) throws IOException {
        ExportFiles.objects(file, visitor, "GitHub issues come as a JSON array of issue objects",
                this::fromIssueWithEvents);
    }

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
        String nodeId = Payloads.under("/issue", () -> required(issue, "node_id"));
        Instant created = Payloads.instant(body, "issue", "created_at");
        Instant updated = Payloads.instant(body, "issue", "updated_at");
        Instant closedAt = Payloads.instant(body, "issue", "closed_at");
        if ("deleted".equals(action) || "transferred".equals(action)) {
            // A transferred issue ends here; the new repository's connection (if any) gets it by its own events.
            return ItemChange.deletion(nodeId, updated);
        }
        List<StatusChange> statuses = new ArrayList<>();
        // Every issues event repeats the opening, so an item is complete whichever event arrives first.
        if (created != null) {
            statuses.add(new StatusChange(created, "open", null, null, INFERRED));
        }
        if ("closed".equals(action)) {
            statuses.add(new StatusChange(firstNonNull(closedAt, updated), closedStatus(issue), null,
                    Payloads.text(issue, "state_reason"), STATED));
        } else if ("reopened".equals(action)) {
            // The reopened issue still carries the close it ends: keep that close as a fact.
            if (closedAt != null) {
                statuses.add(new StatusChange(closedAt, "closed", null, null, INFERRED));
            }
            if (updated != null) {
                statuses.add(new StatusChange(updated, "reopened", null, null, STATED));
            }
        } else {
            // Any other event still states whether the issue is closed (or was closed and reopened since).
            String state = Payloads.text(issue, "state");
            if ("closed".equals(state) && closedAt != null) {
                statuses.add(new StatusChange(closedAt, closedStatus(issue), null,
                        Payloads.text(issue, "state_reason"), INFERRED));
            } else if ("open".equals(state) && closedAt != null && updated != null && updated.isAfter(closedAt)) {
                statuses.add(new StatusChange(closedAt, "closed", null, null, INFERRED));
                statuses.add(new StatusChange(updated, "reopened", null, null, INFERRED));
            }
        }
        ItemChange change = new ItemChange(nodeId, "#" + Payloads.under("/issue", () -> required(issue, "number")),
                Payloads.text(body, "repository", "full_name"), Payloads.text(issue, "title"),
                Payloads.text(issue, "type", "name"), Payloads.names(issue.get("labels"), "name"), created, updated,
                statuses, false);
        return Payloads.bounded(change, new Payloads.Where("/issue/node_id", "/issue/number",
                "/repository/full_name", "/issue/title", "/issue/labels"));
    }

    /**
     * One issue of a backfill: the REST API's issue object with an {@code events} array holding
     * what {@code GET /repos/{owner}/{repo}/issues/{number}/events} returned for it. The events'
     * ids are GitHub's order of them.
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
        statuses.add(new StatusChange(created, "open", null, null, INFERRED));
        JsonNode events = issue.get("events");
        boolean sawClose = false;
        if (events != null && events.isArray()) {
            int i = 0;
            for (JsonNode e : events) {
                String event = Payloads.text(e, "event");
                if ("closed".equals(event) || "reopened".equals(event)) {
                    int index = i;
                    Instant at = Payloads.under("/events/" + index, () -> Payloads.instant(e, "created_at"));
                    if (at == null) {
                        throw Payloads.wrong("/events/" + i + "/created_at", "is required");
                    }
                    boolean closed = "closed".equals(event);
                    statuses.add(new StatusChange(at, closed ? closedStatus(e) : "reopened", null,
                            closed ? Payloads.text(e, "state_reason") : null, Payloads.order(e, "id")));
                    sawClose |= closed;
                }
                i++;
            }
        } else if (events != null && !events.isNull()) {
            throw Payloads.wrong("/events", "is an array of issue events");
        }
        Instant closedAt = Payloads.instant(issue, "closed_at");
        if (!sawClose && closedAt != null) {
            // Without events, the issue's own closed_at is its last close (also when reopened since).
            boolean open = "open".equals(Payloads.text(issue, "state"));
            statuses.add(new StatusChange(closedAt, open ? "closed" : closedStatus(issue), null,
                    open ? null : Payloads.text(issue, "state_reason"), null));
            if (open) {
                Instant updated = Payloads.instant(issue, "updated_at");
                if (updated != null && updated.isAfter(closedAt)) {
                    statuses.add(StatusChange.of(updated, "reopened"));
                }
            }
        }
        String repositoryUrl = Payloads.text(issue, "repository_url");
        String repository = repositoryUrl == null ? null : repositoryUrl.replaceFirst("^.*/repos/", "");
        ItemChange change = new ItemChange(nodeId, "#" + required(issue, "number"), repository,
                Payloads.text(issue, "title"), Payloads.text(issue, "type", "name"),
                Payloads.names(issue.get("labels"), "name"), created, Payloads.instant(issue, "updated_at"), statuses,
                false);
        return Payloads.bounded(change, new Payloads.Where("/node_id", "/number", "/repository_url", "/title",
                "/labels"));
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
        String contentId = Payloads.under("/projects_v2_item", () -> required(item, "content_node_id"));
        Instant at = firstNonNull(Payloads.instant(body, "projects_v2_item", "updated_at"), Instant.now());
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
