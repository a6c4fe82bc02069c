package io.flowlens.ingestion.tracker;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

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
 *
 * <p>Backfills (export format {@value #ISSUES_EXPORT}) read the GraphQL API's answer for issues
 * with their history ({@code {"data": {"issues": {"nodes": [...]}}}}, one page, several
 * concatenated, or an array of them), as a script paginating the API saves it: the state each
 * issue was created in (the {@code fromState} of its first state change), each
 * {@code fromState} → {@code toState} change at its instant, and the current state as a fact.
 */
@ApplicationScoped
public class LinearParser implements TrackerParser {

    public static final String ISSUES_EXPORT = "linear-issues";

    /** How far from now a delivery's {@code webhookTimestamp} may be. */
    static final Duration FRESHNESS = Duration.ofMinutes(1);

    @Override
    public String kind() {
        return "linear";
    }

    @Override
    public Set<String> exportFormats() {
        return Set.of(ISSUES_EXPORT);
    }

    @Override
    public void readExport(String format, Path file, ExportVisitor visitor) throws IOException {
        ExportFiles.pages(file, visitor,
                "Linear issues come as GraphQL answers {\"data\": {\"issues\": {\"nodes\": [...]}}}",
                this::fromIssueWithHistory, List.of(Set.of("data"), Set.of("issues"), Set.of("nodes")));
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
                Instant reached = Payloads.under("/data", () -> reachedAt(data, stateType));
                at = GitHubParser.firstNonNull(reached, GitHubParser.firstNonNull(updated, sent));
            }
            if (at != null) {
                statuses.add(new StatusChange(at, state, stateType));
            }
        }
        JsonNode labels = data.get("labels");
        return ParsedDelivery.changes(kind, List.of(Payloads.under("/data", () -> item(data, id, labels, "/labels",
                Payloads.text(data, "parentId"), created, updated, statuses))));
    }

    /**
     * An issue's attributes as webhooks and exports both carry them: {@code identifier} (else
     * team key and number), team key as the project, title, labels, parent (a sub-issue).
     * Pointers are relative to the issue.
     */
    private static ItemChange item(JsonNode data, String id, JsonNode labels, String labelsPointer, String parent,
            Instant created, Instant updated, List<StatusChange> statuses) {
        String key = Payloads.text(data, "identifier");
        if (key == null && Payloads.text(data, "team", "key") != null && Payloads.text(data, "number") != null) {
            key = Payloads.text(data, "team", "key") + "-" + Payloads.text(data, "number");
        }
        ItemChange change = new ItemChange(id, key, Payloads.text(data, "team", "key"), Payloads.text(data, "title"),
                null, labels == null ? null : Payloads.names(labels, "name"), created, updated,
                statuses, false, parent, parent == null ? "standard" : "subtask");
        return Payloads.bounded(change, new Payloads.Where("/id", "/identifier", "/team/key", "/title",
                labelsPointer));
    }

    /** When the issue reached a state of this type: {@code startedAt}, {@code completedAt}, {@code canceledAt}. */
    private static Instant reachedAt(JsonNode issue, String stateType) {
        if (stateType == null) {
            return null;
        }
        return switch (stateType) {
            case "started" -> Payloads.instant(issue, "startedAt");
            case "completed" -> Payloads.instant(issue, "completedAt");
            case "canceled" -> Payloads.instant(issue, "canceledAt");
            default -> null;
        };
    }

    /**
     * One issue of a backfill with its {@code history}: the state it was created in, every state
     * change at its instant (whatever order the file lists them in), and its current state when
     * the history (cut short, or absent) does not end in it: at the instant Linear says the
     * issue reached that kind of state when that is not before the history's last change, else
     * when it was last updated. Without any state change the issue has been in its state since
     * it was created (or reached it).
     */
    public ItemChange fromIssueWithHistory(JsonNode issue) {
        if (issue == null || !issue.isObject()) {
            throw Payloads.wrong("", "an issue is a JSON object");
        }
        String id = GitHubParser.required(issue, "id");
        Instant created = Payloads.instant(issue, "createdAt");
        if (created == null) {
            throw Payloads.wrong("/createdAt", "is required");
        }
        Instant updated = Payloads.instant(issue, "updatedAt");
        String state = Payloads.text(issue, "state", "name");
        String stateType = Payloads.text(issue, "state", "type");
        JsonNode history = Payloads.at(issue, "history", "nodes");
        if (history != null && !history.isNull() && !history.isArray()) {
            throw Payloads.wrong("/history/nodes", "is an array of history entries");
        }
        List<StateChange> changes = new ArrayList<>();
        for (int i = 0; history != null && history.isArray() && i < history.size(); i++) {
            JsonNode entry = history.get(i);
            if (!entry.isObject()) {
                throw Payloads.wrong("/history/nodes/" + i, "a history entry is a JSON object");
            }
            String to = Payloads.text(entry, "toState", "name");
            if (to == null) {
                continue; // another field changed
            }
            String pointer = "/history/nodes/" + i;
            Instant at = Payloads.under(pointer, () -> Payloads.instant(entry, "createdAt"));
            if (at == null) {
                throw Payloads.wrong(pointer + "/createdAt", "a state change needs createdAt");
            }
            changes.add(new StateChange(at, i, Payloads.text(entry, "fromState", "name"),
                    Payloads.text(entry, "fromState", "type"), to, Payloads.text(entry, "toState", "type")));
        }
        changes.sort(Comparator.comparing(StateChange::at).thenComparing(StateChange::index));
        List<StatusChange> statuses = new ArrayList<>();
        String last = null;
        if (!changes.isEmpty()) {
            StateChange first = changes.get(0);
            if (first.from() != null) {
                statuses.add(new StatusChange(created, first.from(), first.fromType()));
            }
            for (StateChange c : changes) {
                statuses.add(new StatusChange(c.at(), c.to(), c.toType()));
            }
            last = changes.get(changes.size() - 1).to();
        }
        if (state != null && !state.equals(last)) {
            // Never before the last change the history shows: a state reached earlier was left since and
            // entered again, which the payload's own instant still tells.
            Instant lastAt = changes.isEmpty() ? created : changes.get(changes.size() - 1).at();
            Instant reached = reachedAt(issue, stateType);
            Instant at = reached != null && !reached.isBefore(lastAt) ? reached
                    : changes.isEmpty() ? created : updated;
            if (at != null && !at.isBefore(lastAt)) {
                statuses.add(new StatusChange(at, state, stateType));
            }
        }
        JsonNode labels = Payloads.at(issue, "labels", "nodes");
        String parent = Payloads.text(issue, "parent", "id");
        return item(issue, id, labels, "/labels/nodes", parent != null ? parent : Payloads.text(issue, "parentId"),
                created, updated, statuses);
    }

    /** A history entry that changed the state. */
    private record StateChange(Instant at, int index, String from, String fromType, String to, String toType) {
    }
}
