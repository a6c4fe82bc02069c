package io.flowlens.ingestion.tracker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.flowlens.ingestion.domain.Presence;
import io.flowlens.ingestion.domain.StatusChange;

/**
 * Azure DevOps service hooks: {@code workitem.created}, {@code workitem.updated} (the revision's
 * {@code System.State}, changed or not; the revision number is the tracker's order),
 * {@code workitem.deleted}, {@code workitem.restored} (back from the recycle bin). Authenticated by the basic-auth
 * password set on the subscription (stored hashed; any user name).
 *
 * <p>Backfills read work item revisions (export format {@value #REVISIONS_EXPORT}), as
 * {@code GET _apis/wit/workitems/{id}/revisions} returns them ({@code {"count": n, "value": [...]}})
 * or the reporting API {@code GET _apis/wit/reporting/workitemrevisions} does
 * ({@code {"values": [...], "nextLink": ..., "isLastBatch": ...}}): one such page, several
 * concatenated, or an array of them. Each revision is read as a webhook's revision is; a
 * revision whose {@code System.State} differs from the work item's previous revision is a
 * transition at its {@code System.ChangedDate}, its {@code rev} the tracker's order.
 */
@ApplicationScoped
public class AzureDevOpsParser implements TrackerParser {

    public static final String REVISIONS_EXPORT = "azure-devops-revisions";

    @Override
    public String kind() {
        return "azure-devops";
    }

    @Override
    public boolean signsWithHmac() {
        return false;
    }

    @Override
    public boolean authentic(Delivery delivery, TrackerSecret secret) {
        String auth = delivery.header("Authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        return secret.matches(colon < 0 ? decoded : decoded.substring(colon + 1));
    }

    @Override
    public String deliveryId(Delivery delivery, JsonNode body) {
        // The notification's id stays the same when Azure DevOps retries it.
        return Payloads.text(body, "id");
    }

    @Override
    public ParsedDelivery parse(Delivery delivery, JsonNode body) {
        String eventType = Payloads.text(body, "eventType");
        if (eventType == null) {
            throw Payloads.wrong("/eventType", "an Azure DevOps service hook names its eventType");
        }
        JsonNode resource = body.get("resource");
        if (!eventType.startsWith("workitem.") || "workitem.commented".equals(eventType)) {
            return ParsedDelivery.ignored(eventType, "Azure DevOps '" + eventType + "' does not change work items");
        }
        if (resource == null || !resource.isObject()) {
            throw Payloads.wrong("/resource", "a work item event carries its resource");
        }
        Instant sent = Payloads.instant(body, "createdDate");
        return switch (eventType) {
            case "workitem.created" -> ParsedDelivery.changes(eventType, List.of(created(resource, null)));
            case "workitem.updated" -> ParsedDelivery.changes(eventType, List.of(updated(resource)));
            case "workitem.deleted" -> ParsedDelivery.changes(eventType, List.of(ItemChange.deletion(
                    Payloads.under("/resource", () -> GitHubParser.required(resource, "id")), sent)));
            // Back from the recycle bin: the item again, observed when restored, and present as of then.
            case "workitem.restored" -> ParsedDelivery.changes(eventType, List.of(restored(resource, sent)));
            default -> ParsedDelivery.ignored(eventType, "Azure DevOps '" + eventType + "' does not change work items");
        };
    }

    private ItemChange restored(JsonNode resource, Instant sent) {
        ItemChange again = created(resource, sent);
        return again.withPresence(Presence.restoration(again.observedAt()));
    }

    private ItemChange created(JsonNode resource, Instant restoredAt) {
        JsonNode fields = resource.get("fields");
        if (fields == null || !fields.isObject()) {
            throw Payloads.wrong("/resource/fields", "a work item event carries its fields");
        }
        String id = Payloads.under("/resource", () -> GitHubParser.required(resource, "id"));
        Instant created = Payloads.instant(resource, "fields", "System.CreatedDate");
        Instant changed = Payloads.instant(resource, "fields", "System.ChangedDate");
        List<StatusChange> statuses = new ArrayList<>();
        String state = Payloads.text(fields, "System.State");
        Long rev = Payloads.order(resource, "rev");
        if (state != null) {
            Instant at = restoredAt == null ? created : GitHubParser.firstNonNull(changed, restoredAt);
            if (at != null) {
                statuses.add(new StatusChange(at, state, null, null, rev));
            }
        }
        Instant observed = restoredAt != null ? restoredAt : changed;
        return Payloads.under("/resource", () -> attributes(id, fields, created, observed, statuses));
    }

    private ItemChange updated(JsonNode resource) {
        String id = Payloads.under("/resource", () -> GitHubParser.required(resource, "workItemId"));
        JsonNode revision = resource.get("revision");
        JsonNode revisionFields = Payloads.at(revision, "fields");
        JsonNode changed = resource.get("fields");
        Long rev = GitHubParser.firstNonNull(Payloads.order(revision, "rev"), Payloads.order(resource, "rev"));
        Instant changedAt = Payloads.instant(resource, "fields", "System.ChangedDate", "newValue");
        if (changedAt == null) {
            changedAt = Payloads.instant(resource, "revision", "fields", "System.ChangedDate");
        }
        List<StatusChange> statuses = new ArrayList<>();
        JsonNode state = changed == null ? null : changed.get("System.State");
        String newState = state != null ? Payloads.text(state, "newValue") : null;
        if (newState == null) {
            // Not a state change, but the revision states the current state.
            newState = Payloads.text(revisionFields, "System.State");
        } else if (changedAt == null) {
            throw Payloads.wrong("/resource/fields/System.ChangedDate", "a state change needs its instant");
        }
        if (newState != null && changedAt != null) {
            statuses.add(new StatusChange(changedAt, newState, null, null, rev));
        }
        Instant created = Payloads.instant(resource, "revision", "fields", "System.CreatedDate");
        Instant observed = Payloads.instant(resource, "revision", "fields", "System.ChangedDate");
        if (revisionFields == null) {
            return ItemChange.statusesOnly(id, statuses);
        }
        return Payloads.under("/resource/revision", () -> attributes(id, revisionFields, created, observed,
                statuses));
    }

    private static ItemChange attributes(String id, JsonNode fields, Instant created, Instant observed,
            List<StatusChange> statuses) {
        String tags = Payloads.text(fields, "System.Tags");
        List<String> labels = tags == null ? List.of()
                : Arrays.stream(tags.split(";")).map(String::trim).filter(t -> !t.isEmpty()).toList();
        ItemChange change = new ItemChange(id, "#" + id, Payloads.text(fields, "System.TeamProject"),
                Payloads.text(fields, "System.Title"), Payloads.text(fields, "System.WorkItemType"), labels, created,
                observed, statuses, false, Payloads.text(fields, "System.Parent"), null);
        return Payloads.bounded(change, new Payloads.Where("/id", "/id", "/fields/System.TeamProject",
                "/fields/System.Title", "/fields/System.Tags"));
    }

    @Override
    public Set<String> exportFormats() {
        return Set.of(REVISIONS_EXPORT);
    }

    @Override
    public void readExport(String format, Path file, ExportVisitor visitor) throws IOException {
        // The previous revision of each work item read so far: a state is a transition only when it changed.
        Map<String, Seen> previous = new HashMap<>();
        ExportFiles.pages(file, visitor,
                "Azure DevOps revisions come as pages {\"value\": [...]} or {\"values\": [...]}",
                revision -> fromRevision(revision, previous), List.of(Set.of("value", "values")));
    }

    /** Of one work item: the last revision read and the state it had. */
    private record Seen(long rev, String state) {
    }

    /**
     * One revision of a backfill. Revisions of one work item come in {@code rev} order (as
     * both APIs return them; pages of several items may interleave); one that goes back is
     * refused, since what changed at it could not be told. A repeated revision adds nothing.
     */
    private ItemChange fromRevision(JsonNode revision, Map<String, Seen> previous) {
        if (revision == null || !revision.isObject()) {
            throw Payloads.wrong("", "a revision is a JSON object");
        }
        String id = GitHubParser.required(revision, "id");
        Long rev = Payloads.order(revision, "rev");
        if (rev == null) {
            throw Payloads.wrong("/rev", "is required (the revision number)");
        }
        JsonNode fields = revision.get("fields");
        if (fields == null || !fields.isObject()) {
            throw Payloads.wrong("/fields", "is required");
        }
        Instant created = Payloads.instant(revision, "fields", "System.CreatedDate");
        Instant changed = Payloads.instant(revision, "fields", "System.ChangedDate");
        String state = Payloads.text(fields, "System.State");
        Seen before = previous.get(id);
        if (before != null && rev < before.rev()) {
            throw Payloads.wrong("/rev", "revisions of work item " + id + " are out of order: rev " + rev
                    + " after rev " + before.rev() + " (export them in the order the API returns them)");
        }
        List<StatusChange> statuses = new ArrayList<>();
        boolean repeated = before != null && rev == before.rev();
        if (state != null && !repeated && (before == null || !state.equals(before.state()))) {
            if (changed == null) {
                throw Payloads.wrong("/fields/System.ChangedDate", "a state change needs its instant");
            }
            statuses.add(new StatusChange(changed, state, null, null, rev));
        }
        ItemChange change = attributes(id, fields, created, changed, statuses);
        previous.put(id, new Seen(rev, state != null ? state : before == null ? null : before.state()));
        return change;
    }
}
