package io.flowlens.ingestion.tracker;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.flowlens.ingestion.domain.Signatures;
import io.flowlens.ingestion.domain.StatusChange;

/**
 * Jira: {@code jira:issue_created}, {@code jira:issue_updated}, {@code jira:issue_deleted};
 * signed with the webhook secret in {@code X-Hub-Signature}. Also reads Jira search results
 * with {@code expand=changelog} (export format {@value #SEARCH_EXPORT}).
 *
 * <p>Histories are facts at their instants, whatever order the file lists them in (Jira returns
 * them newest first); each carries its history id as the tracker's order. The status an issue
 * was created in is the {@code from} of its earliest status change (its current status when it
 * never changed). Every payload's current status is a fact at the payload's instant. The
 * resolution at each moment travels with the status, so a done status resolved "Won't Do" maps
 * to canceled.
 */
@ApplicationScoped
public class JiraParser implements TrackerParser {

    public static final String SEARCH_EXPORT = "jira-search";

    /** Order of the status an issue was created in: before every history (Jira's ids are positive). */
    static final long CREATION_ORDER = 0L;

    @Override
    public String kind() {
        return "jira";
    }

    @Override
    public boolean signsWithHmac() {
        return true;
    }

    @Override
    public boolean authentic(Delivery delivery, TrackerSecret secret) {
        return Signatures.hmacSha256Matches(secret.plaintext(), delivery.body(), delivery.header("X-Hub-Signature"),
                "sha256=");
    }

    @Override
    public String deliveryId(Delivery delivery, JsonNode body) {
        return delivery.header("X-Atlassian-Webhook-Identifier");
    }

    @Override
    public Set<String> exportFormats() {
        return Set.of(SEARCH_EXPORT);
    }

    @Override
    public void readExport(String format, Path file, ExportVisitor visitor) throws IOException {
        ExportFiles.pages(file, visitor, "issues", "a Jira search result page is a JSON object with issues",
                this::fromSearchIssue);
    }

    @Override
    public ParsedDelivery parse(Delivery delivery, JsonNode body) {
        String event = Payloads.text(body, "webhookEvent");
        if (event == null) {
            throw Payloads.wrong("/webhookEvent", "a Jira delivery names its webhookEvent");
        }
        if (!Set.of("jira:issue_created", "jira:issue_updated", "jira:issue_deleted").contains(event)) {
            return ParsedDelivery.ignored(event, "Jira '" + event + "' events do not change work items");
        }
        JsonNode issue = body.get("issue");
        if (issue == null || !issue.isObject()) {
            throw Payloads.wrong("/issue", "a Jira issue event carries the issue");
        }
        String id = Payloads.under("/issue", () -> GitHubParser.required(issue, "id"));
        Instant eventAt = Payloads.instant(body, "timestamp");
        if ("jira:issue_deleted".equals(event)) {
            return ParsedDelivery.changes(event, List.of(ItemChange.deletion(id, eventAt)));
        }
        JsonNode fields = issue.get("fields");
        Instant created = Payloads.under("/issue", () -> Payloads.instant(issue, "fields", "created"));
        Instant updated = Payloads.under("/issue", () -> Payloads.instant(issue, "fields", "updated"));
        Instant at = eventAt != null ? eventAt : updated;
        Status current = Status.current(fields);
        String resolution = Payloads.text(fields, "resolution", "name");
        JsonNode items = Payloads.at(body, "changelog", "items");
        if (items != null && items.isArray()) {
            for (JsonNode change : items) {
                if ("resolution".equals(Payloads.text(change, "field"))) {
                    resolution = Payloads.text(change, "toString");
                }
            }
        }
        Long order = Payloads.order(body, "changelog", "id");
        List<StatusChange> statuses = new ArrayList<>();
        if ("jira:issue_created".equals(event) && created != null && current != null) {
            statuses.add(new StatusChange(created, current.name, current.category, resolution, CREATION_ORDER));
        }
        boolean statusChanged = false;
        if (items != null && items.isArray() && at != null) {
            for (JsonNode change : items) {
                if ("status".equals(Payloads.text(change, "field"))) {
                    String to = Payloads.text(change, "toString");
                    if (to != null) {
                        statusChanged = true;
                        statuses.add(new StatusChange(at, to, current == null ? null
                                : current.categoryOf(to, Payloads.text(change, "to")), resolution, order));
                    }
                }
            }
        }
        if (!statusChanged && "jira:issue_updated".equals(event) && current != null && at != null) {
            // The payload states the current status even when this update did not change it.
            statuses.add(new StatusChange(at, current.name, current.category, resolution, order));
        }
        return ParsedDelivery.changes(event, List.of(Payloads.under("/issue",
                () -> attributes(issue, created, updated != null ? updated : eventAt, statuses))));
    }

    /**
     * One issue of a Jira search result with {@code expand=changelog}: the status it was created
     * in and every status change, ordered by instant and history id, never by position.
     */
    public ItemChange fromSearchIssue(JsonNode issue) {
        if (issue == null || !issue.isObject()) {
            throw Payloads.wrong("", "an issue is a JSON object");
        }
        GitHubParser.required(issue, "id");
        JsonNode fields = issue.get("fields");
        if (fields == null || !fields.isObject()) {
            throw Payloads.wrong("/fields", "is required");
        }
        Instant created = Payloads.instant(issue, "fields", "created");
        if (created == null) {
            throw Payloads.wrong("/fields/created", "is required");
        }
        Status current = Status.current(fields);
        List<History> histories = new ArrayList<>();
        JsonNode list = Payloads.at(issue, "changelog", "histories");
        if (list != null && list.isArray()) {
            for (int h = 0; h < list.size(); h++) {
                JsonNode history = list.get(h);
                int index = h;
                histories.add(Payloads.under("/changelog/histories/" + h, () -> History.of(history, index)));
            }
        } else if (list != null && !list.isNull()) {
            throw Payloads.wrong("/changelog/histories", "is an array of histories");
        }
        histories.sort(History.CHRONOLOGICAL);
        List<StatusChange> statuses = new ArrayList<>();
        String initial = null;
        String initialId = null;
        String resolution = null;
        for (History h : histories) {
            if (h.resolutionChanged) {
                resolution = h.resolution;
            }
            for (JsonNode change : h.statusItems) {
                String to = Payloads.text(change, "toString");
                if (to == null) {
                    throw Payloads.wrong("/changelog/histories/" + h.index, "a status change needs toString");
                }
                if (initial == null) {
                    initial = Payloads.text(change, "fromString");
                    initialId = Payloads.text(change, "from");
                }
                statuses.add(new StatusChange(h.at, to, current == null ? null
                        : current.categoryOf(to, Payloads.text(change, "to")), resolution, h.id));
            }
        }
        if (initial == null && current != null && statuses.isEmpty()) {
            statuses.add(new StatusChange(created, current.name, current.category,
                    Payloads.text(fields, "resolution", "name"), CREATION_ORDER));
        } else if (initial != null) {
            statuses.add(0, new StatusChange(created, initial,
                    current == null ? null : current.categoryOf(initial, initialId), null, CREATION_ORDER));
        }
        return attributes(issue, created, Payloads.instant(issue, "fields", "updated"), statuses);
    }

    private static ItemChange attributes(JsonNode issue, Instant created, Instant observed,
            List<StatusChange> statuses) {
        JsonNode fields = issue.get("fields");
        List<String> labels = fields != null && fields.has("labels") ? Payloads.names(fields.get("labels"), "name")
                : null;
        JsonNode type = fields == null ? null : fields.get("issuetype");
        ItemChange change = new ItemChange(Payloads.text(issue, "id"), Payloads.text(issue, "key"),
                Payloads.text(fields, "project", "key"), Payloads.text(fields, "summary"),
                Payloads.text(type, "name"), labels, created, observed, statuses, false,
                Payloads.text(fields, "parent", "id"), hierarchy(type));
        return Payloads.bounded(change, new Payloads.Where("/id", "/key", "/fields/project/key", "/fields/summary",
                "/fields/labels"));
    }

    /**
     * Where an issue type sits, whatever language its name is in: {@code hierarchyLevel} (-1
     * sub-task, 0 standard, 1 and above epic and its parents), else the {@code subtask} flag.
     */
    static String hierarchy(JsonNode type) {
        if (type == null || !type.isObject()) {
            return null;
        }
        JsonNode level = type.get("hierarchyLevel");
        if (level != null && level.isIntegralNumber()) {
            int l = level.asInt();
            return l < 0 ? "subtask" : l == 0 ? "standard" : "epic";
        }
        JsonNode subtask = type.get("subtask");
        if (subtask != null && subtask.isBoolean()) {
            if (subtask.asBoolean()) {
                return "subtask";
            }
            String name = Payloads.text(type, "name");
            return name != null && name.toLowerCase(Locale.ROOT).equals("epic") ? "epic" : "standard";
        }
        return null;
    }

    /** The issue's current status: the only one whose category Jira names. */
    private record Status(String name, String id, String category) {

        static Status current(JsonNode fields) {
            String name = Payloads.text(fields, "status", "name");
            return name == null ? null : new Status(name, Payloads.text(fields, "status", "id"),
                    Payloads.text(fields, "status", "statusCategory", "key"));
        }

        /** The category of status {@code name} (id {@code id}) when it is this one, else null. */
        String categoryOf(String otherName, String otherId) {
            boolean same = name.equals(otherName) || (otherId != null && otherId.equals(id));
            return same ? category : null;
        }
    }

    /** One changelog history: its instant, id, position in the file, status items and resolution change. */
    private record History(Instant at, Long id, int index, List<JsonNode> statusItems, boolean resolutionChanged,
            String resolution) {

        static final Comparator<History> CHRONOLOGICAL = Comparator.comparing(History::at)
                .thenComparing(History::id, Comparator.nullsLast(Comparator.naturalOrder()));

        static History of(JsonNode history, int index) {
            if (history == null || !history.isObject()) {
                throw Payloads.wrong("", "a history is a JSON object");
            }
            List<JsonNode> statusItems = new ArrayList<>();
            boolean resolutionChanged = false;
            String resolution = null;
            JsonNode items = history.get("items");
            if (items != null && items.isArray()) {
                for (JsonNode item : items) {
                    String field = Payloads.text(item, "field");
                    if ("status".equals(field)) {
                        statusItems.add(item);
                    } else if ("resolution".equals(field)) {
                        resolutionChanged = true;
                        resolution = Payloads.text(item, "toString");
                    }
                }
            }
            Instant at = Payloads.instant(history, "created");
            if (at == null && (!statusItems.isEmpty() || resolutionChanged)) {
                throw Payloads.wrong("/created", "a status change needs created");
            }
            return new History(at == null ? Instant.EPOCH : at, Payloads.order(history, "id"), index, statusItems,
                    resolutionChanged, resolution);
        }
    }
}
