package io.flowlens.ingestion.tracker;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.flowlens.ingestion.domain.StatusChange;

/**
 * GitLab {@code Issue Hook} with {@code object_kind} {@code issue} or {@code work_item} (tasks,
 * epics, other work item types): state and action (open, close, reopen keeping the close it
 * ends, update), the work item status widget ({@code name}, {@code category}), scoped
 * {@code workflow::} labels as statuses, labels and type.
 * Authenticated by the {@code X-Gitlab-Token} the hook was configured with (stored hashed).
 *
 * <p>Backfills read issues with their resource events, in two shapes GitLab gives them:
 * {@value #PROJECT_EXPORT} ({@code tree/project/issues.ndjson} of a project export, one issue per
 * line with {@code label_links}, {@code resource_state_events} and {@code resource_label_events}
 * embedded) and {@value #ISSUES_EXPORT} (REST {@code GET /projects/:id/issues} objects, each
 * carrying what {@code resource_state_events} and {@code resource_label_events} returned for
 * it). State events are the facts (a reopen keeps the close it ends); a closed issue's
 * {@code closed_at} is its close when no event names it; an added {@code workflow::} label is
 * the status from its event's instant, as on webhooks.
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

    public static final String ISSUES_EXPORT = "gitlab-issues";
    public static final String PROJECT_EXPORT = "gitlab-project-export";

    @Override
    public String kind() {
        return "gitlab";
    }

    @Override
    public Set<String> exportFormats() {
        return Set.of(ISSUES_EXPORT, PROJECT_EXPORT);
    }

    @Override
    public void readExport(String format, Path file, ExportVisitor visitor) throws IOException {
        if (PROJECT_EXPORT.equals(format)) {
            ExportFiles.ndjson(file, visitor, this::fromExportIssue);
        } else {
            ExportFiles.objects(file, visitor, "GitLab issues come as a JSON array of issue objects",
                    this::fromExportIssue);
        }
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
                workflowLabels(labelTitles, now, STATED, statuses);
            }
        }
        String type = type(attrs);
        String iid = Payloads.text(attrs, "iid");
        ItemChange change = new ItemChange(id, iid == null ? null : "#" + iid,
                Payloads.text(body, "project", "path_with_namespace"), Payloads.text(attrs, "title"), type,
                labelTitles, created, updated, statuses, false, null, hierarchy(objectKind, type));
        return ParsedDelivery.changes(kind, List.of(Payloads.bounded(change, new Payloads.Where(
                "/object_attributes/id", "/object_attributes/iid", "/project/path_with_namespace",
                "/object_attributes/title", body.has("labels") ? "/labels" : "/object_attributes/labels"))));
    }

    /**
     * One issue of a backfill, from a project export line or the REST API: opened at
     * {@code created_at}, each state event ({@code opened}, {@code closed}, {@code reopened}; its
     * id is GitLab's order), the close a closed issue states, and each added {@code workflow::}
     * label. Without label events, an open issue's current {@code workflow::} label is its status
     * as of {@code updated_at}, as a webhook of it would say.
     */
    public ItemChange fromExportIssue(JsonNode issue) {
        if (issue == null || !issue.isObject()) {
            throw Payloads.wrong("", "an issue is a JSON object");
        }
        String id = GitHubParser.required(issue, "id");
        Instant created = Payloads.instant(issue, "created_at");
        if (created == null) {
            throw Payloads.wrong("/created_at", "is required");
        }
        Instant updated = Payloads.instant(issue, "updated_at");
        List<StatusChange> statuses = new ArrayList<>();
        statuses.add(new StatusChange(created, "opened", null, null, INFERRED));
        JsonNode stateEvents = events(issue, "resource_state_events");
        for (int i = 0; stateEvents != null && i < stateEvents.size(); i++) {
            JsonNode e = stateEvents.get(i);
            String state = eventState(e.get("state"));
            if (state != null) {
                statuses.add(new StatusChange(eventAt(e, "/resource_state_events/" + i), state, null, null,
                        Payloads.order(e, "id")));
            }
        }
        boolean closed = "closed".equals(Payloads.text(issue, "state"));
        if (closed) {
            // The issue states it is closed: its last close is a fact even when no event names it.
            Instant at = GitHubParser.firstNonNull(Payloads.instant(issue, "closed_at"), updated);
            if (at != null) {
                statuses.add(new StatusChange(at, "closed", null, null, INFERRED));
            }
        }
        boolean linked = issue.has("label_links");
        List<String> labels = exportLabels(issue, linked);
        JsonNode labelEvents = events(issue, "resource_label_events");
        if (labelEvents != null) {
            for (int i = 0; i < labelEvents.size(); i++) {
                JsonNode e = labelEvents.get(i);
                String label = labelName(e.get("label"));
                // A removal alone states no status (adding another workflow:: label removes the old one).
                if ("add".equals(Payloads.text(e, "action")) && isWorkflow(label)) {
                    statuses.add(new StatusChange(eventAt(e, "/resource_label_events/" + i), label, null, null,
                            null));
                }
            }
        } else if (!closed && updated != null && labels != null) {
            workflowLabels(labels, updated, STATED, statuses);
        }
        String type = exportType(type(issue));
        String reference = Payloads.text(issue, "references", "full");
        String project = reference == null || reference.lastIndexOf('#') <= 0 ? null
                : reference.substring(0, reference.lastIndexOf('#'));
        String iid = Payloads.text(issue, "iid");
        ItemChange change = new ItemChange(id, iid == null ? null : "#" + iid, project, Payloads.text(issue, "title"),
                type, labels, created, updated, statuses, false, null, hierarchy("issue", type));
        return Payloads.bounded(change, new Payloads.Where("/id", "/iid", "/references/full", "/title",
                linked ? "/label_links" : "/labels"));
    }

    private static JsonNode events(JsonNode issue, String field) {
        JsonNode events = issue.get(field);
        if (events == null || events.isNull()) {
            return null;
        }
        if (!events.isArray()) {
            throw Payloads.wrong("/" + field, "is an array of events");
        }
        for (int i = 0; i < events.size(); i++) {
            if (!events.get(i).isObject()) {
                throw Payloads.wrong("/" + field + "/" + i, "an event is a JSON object");
            }
        }
        return events;
    }

    private static Instant eventAt(JsonNode event, String pointer) {
        Instant at = Payloads.under(pointer, () -> Payloads.instant(event, "created_at"));
        if (at == null) {
            throw Payloads.wrong(pointer + "/created_at", "is required");
        }
        return at;
    }

    /** A state event's state: the REST API's name, or GitLab's number (1 opened, 2 closed, 5 reopened). */
    private static String eventState(JsonNode state) {
        if (state == null || state.isNull()) {
            return null;
        }
        String s = state.isIntegralNumber() ? switch (state.asInt()) {
            case 1 -> "opened";
            case 2 -> "closed";
            case 5 -> "reopened";
            default -> null;
        } : state.asText();
        // Merge requests' merged and locked do not concern issues.
        return "opened".equals(s) || "closed".equals(s) || "reopened".equals(s) ? s : null;
    }

    /** A label's name: {@code name} in the REST API, {@code title} in exports and webhooks. */
    private static String labelName(JsonNode label) {
        if (label == null || label.isNull()) {
            return null;
        }
        if (label.isValueNode()) {
            return TrackerText.storable(label.asText());
        }
        String name = Payloads.text(label, "name");
        return name != null ? name : Payloads.text(label, "title");
    }

    /** The issue's current labels: the export's {@code label_links}, or the REST API's {@code labels}. */
    private static List<String> exportLabels(JsonNode issue, boolean linked) {
        JsonNode array = linked ? issue.get("label_links") : issue.get("labels");
        if (array == null || !array.isArray()) {
            return null;
        }
        List<String> labels = new ArrayList<>();
        for (JsonNode e : array) {
            String name = labelName(linked ? e.get("label") : e);
            if (name != null) {
                labels.add(name);
            }
        }
        return labels;
    }

    /** The REST API names types in capitals ({@code TEST_CASE}), exports in lower case: as webhooks name them. */
    private static String exportType(String type) {
        boolean oneCase = type != null
                && (type.equals(type.toUpperCase(Locale.ROOT)) || type.equals(type.toLowerCase(Locale.ROOT)));
        if (!oneCase) {
            return type;
        }
        StringBuilder out = new StringBuilder();
        for (String word : type.toLowerCase(Locale.ROOT).split("[_ ]+")) {
            if (!word.isEmpty()) {
                out.append(out.isEmpty() ? "" : " ").append(Character.toUpperCase(word.charAt(0)))
                        .append(word.substring(1));
            }
        }
        return out.isEmpty() ? type : out.toString();
    }

    /** Each scoped {@code workflow::} label among {@code labels} as the item's status from {@code at}. */
    static void workflowLabels(List<String> labels, Instant at, Long order, List<StatusChange> into) {
        for (String label : labels) {
            if (isWorkflow(label)) {
                into.add(new StatusChange(at, label, null, null, order));
            }
        }
    }

    static boolean isWorkflow(String label) {
        return label != null && label.toLowerCase(Locale.ROOT).startsWith(WORKFLOW_SCOPE);
    }

    /** The issue's or work item's type, however the payload names it. */
    static String type(JsonNode attrs) {
        String type = Payloads.text(attrs, "type");
        if (type == null) {
            type = Payloads.text(attrs, "issue_type");
        }
        if (type == null) {
            type = Payloads.text(attrs, "work_item_type", "name");
        }
        if (type == null) {
            type = Payloads.text(attrs, "work_item_type", "base_type");
        }
        return type;
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
