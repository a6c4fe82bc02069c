package io.flowlens.ingestion.tracker;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.flowlens.ingestion.domain.Presence;
import io.flowlens.ingestion.domain.StatusChange;

/**
 * Azure DevOps service hooks: {@code workitem.created}, {@code workitem.updated} (the revision's
 * {@code System.State}, changed or not; the revision number is the tracker's order),
 * {@code workitem.deleted}, {@code workitem.restored} (back from the recycle bin). Authenticated by the basic-auth
 * password set on the subscription (stored hashed; any user name).
 */
@ApplicationScoped
public class AzureDevOpsParser implements TrackerParser {

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
}
