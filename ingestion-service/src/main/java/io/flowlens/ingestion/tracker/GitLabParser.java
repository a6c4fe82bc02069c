package io.flowlens.ingestion.tracker;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.flowlens.ingestion.domain.StatusChange;

/**
 * GitLab {@code Issue Hook} with {@code object_kind} {@code issue} or {@code work_item} (tasks,
 * epics, other work item types): state and action (open, close, reopen keeping the close it
 * ends, update), the work item status widget ({@code name}, {@code category}), scoped
 * {@code workflow::} labels as statuses, labels and type.
 * Authenticated by the {@code X-Gitlab-Token} the hook was configured with (stored hashed).
 */
@ApplicationScoped
public class GitLabParser implements TrackerParser {

    /** Scoped labels read as statuses ({@code workflow::in progress}); the mapping names their flow states. */
    static final String WORKFLOW_SCOPE = "workflow::";
    /** As for GitHub: what the event states wins over what it repeats, at one instant. */
    static final long INFERRED = GitHubParser.INFERRED;
    static final long STATED = GitHubParser.STATED;
    /** The status widget says more than open/closed (a close as "Won't do" is canceled): it wins at one instant. */
    static final long WIDGET = STATED + 1;

    @Override
    public String kind() {
        return "gitlab";
    }

    @Override
    public boolean signsWithHmac() {
        return false;
    }

    @Override
    public boolean authentic(Delivery delivery, TrackerSecret secret) {
        return secret.matches(delivery.header("X-Gitlab-Token"));
    }

    @Override
    public String deliveryId(Delivery delivery, JsonNode body) {
        String uuid = delivery.header("X-Gitlab-Event-UUID");
        return uuid != null ? uuid : delivery.header("Idempotency-Key");
    }

    @Override
    public ParsedDelivery parse(Delivery delivery, JsonNode body) {
        String objectKind = Payloads.text(body, "object_kind");
        if (objectKind == null) {
            throw Payloads.wrong("/object_kind", "a GitLab delivery names its object_kind");
        }
        JsonNode attrs = body.get("object_attributes");
        String action = Payloads.text(attrs, "action");
        String kind = action == null ? objectKind : objectKind + "." + action;
        if (!"issue".equals(objectKind) && !"work_item".equals(objectKind)) {
            return ParsedDelivery.ignored(kind, "GitLab '" + objectKind + "' events do not change work items");
        }
        if (attrs == null || !attrs.isObject()) {
            throw Payloads.wrong("/object_attributes", "an issue event carries object_attributes");
        }
        String id = Payloads.under("/object_attributes", () -> GitHubParser.required(attrs, "id"));
        Instant created = Payloads.instant(body, "object_attributes", "created_at");
        Instant updated = Payloads.instant(body, "object_attributes", "updated_at");
        Instant now = "open".equals(action) && created != null ? created : updated;
        List<StatusChange> statuses = new ArrayList<>();
        if (created != null) {
            statuses.add(new StatusChange(created, "opened", null, null, INFERRED));
        }
        boolean closed = "closed".equals(Payloads.text(attrs, "state"));
        if ("close".equals(action) || (closed && !"reopen".equals(action))) {
            // A close, or any other event of a closed item (it states the item is closed).
            Instant at = GitHubParser.firstNonNull(Payloads.instant(body, "object_attributes", "closed_at"), updated);
            if (at != null) {
                statuses.add(new StatusChange(at, "closed", null, null, "close".equals(action) ? STATED : INFERRED));
            }
        } else if ("reopen".equals(action)) {
            // The reopen names the close it ends (changes.closed_at.previous): keep that close as a fact.
            Instant closedAt = Payloads.instant(body, "changes", "closed_at", "previous");
            if (closedAt != null) {
                statuses.add(new StatusChange(closedAt, "closed", null, null, INFERRED));
            }
            if (updated != null) {
                statuses.add(new StatusChange(updated, "reopened", null, null, STATED));
            }
        }
        JsonNode labels = body.has("labels") ? body.get("labels") : attrs.get("labels");
        List<String> labelTitles = Payloads.names(labels, "title");
        if (now != null) {
            // The work item status widget states the current status (and its category).
            JsonNode status = attrs.get("status");
            String statusName = status != null && status.isObject() ? Payloads.text(status, "name")
                    : Payloads.text(attrs, "status");
            if (statusName != null && !statusName.isBlank() && !"opened".equals(statusName)
                    && !"closed".equals(statusName)) {
                statuses.add(new StatusChange(now, statusName, Payloads.text(status, "category"), null, WIDGET));
            }
            if (!closed) {
                // Scoped-label workflows: a workflow:: label is the status of an open item.
                for (String label : labelTitles) {
                    if (label.toLowerCase(Locale.ROOT).startsWith(WORKFLOW_SCOPE)) {
                        statuses.add(new StatusChange(now, label, null, null, STATED));
                    }
                }
            }
        }
        String type = Payloads.text(attrs, "type");
        if (type == null) {
            type = Payloads.text(attrs, "issue_type");
        }
        if (type == null) {
            type = Payloads.text(attrs, "work_item_type", "name");
        }
        String iid = Payloads.text(attrs, "iid");
        ItemChange change = new ItemChange(id, iid == null ? null : "#" + iid,
                Payloads.text(body, "project", "path_with_namespace"), Payloads.text(attrs, "title"), type,
                labelTitles, created, updated, statuses, false, null, hierarchy(objectKind, type));
        return ParsedDelivery.changes(kind, List.of(Payloads.bounded(change, new Payloads.Where(
                "/object_attributes/id", "/object_attributes/iid", "/project/path_with_namespace",
                "/object_attributes/title", body.has("labels") ? "/labels" : "/object_attributes/labels"))));
    }

    /** Epics sit above issues, tasks below them; other work item types are standard. */
    static String hierarchy(String objectKind, String type) {
        if (type == null) {
            return "issue".equals(objectKind) ? "standard" : null;
        }
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "epic" -> "epic";
            case "task" -> "subtask";
            default -> "standard";
        };
    }
}
