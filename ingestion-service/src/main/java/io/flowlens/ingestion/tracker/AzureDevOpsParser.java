package io.flowlens.ingestion.tracker;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.flowlens.ingestion.domain.StatusChange;

/**
 * Azure DevOps service hooks: {@code workitem.created}, {@code workitem.updated} (a
 * {@code System.State} change), {@code workitem.deleted}. Authenticated by the basic-auth
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
        return switch (eventType) {
            case "workitem.created" -> ParsedDelivery.changes(eventType, List.of(created(resource)));
            case "workitem.updated" -> ParsedDelivery.changes(eventType, List.of(updated(resource)));
            case "workitem.deleted" -> ParsedDelivery.changes(eventType, List.of(ItemChange.deletion(
                    GitHubParser.required(resource, "id"), Payloads.instant(body, "createdDate"))));
            default -> ParsedDelivery.ignored(eventType, "Azure DevOps '" + eventType + "' does not change work items");
        };
    }

    private ItemChange created(JsonNode resource) {
        if (resource == null || !resource.has("fields")) {
            throw Payloads.wrong("/resource/fields", "a work item event carries its fields");
        }
        JsonNode fields = resource.get("fields");
        String id = GitHubParser.required(resource, "id");
        Instant created = Payloads.instant(fields, "System.CreatedDate");
        List<StatusChange> statuses = new ArrayList<>();
        String state = Payloads.text(fields, "System.State");
        if (created != null && state != null) {
            statuses.add(StatusChange.of(created, state));
        }
        return attributes(id, fields, created, statuses);
    }

    private ItemChange updated(JsonNode resource) {
        if (resource == null) {
            throw Payloads.wrong("/resource", "is required");
        }
        String id = GitHubParser.required(resource, "workItemId");
        JsonNode revisionFields = Payloads.at(resource, "revision", "fields");
        JsonNode changed = resource.get("fields");
        List<StatusChange> statuses = new ArrayList<>();
        JsonNode state = changed == null ? null : changed.get("System.State");
        if (state != null && state.hasNonNull("newValue")) {
            Instant at = Payloads.instant(changed, "System.ChangedDate", "newValue");
            if (at == null) {
                at = Payloads.instant(revisionFields, "System.ChangedDate");
            }
            if (at == null) {
                throw Payloads.wrong("/resource/fields/System.ChangedDate", "a state change needs its instant");
            }
            statuses.add(StatusChange.of(at, state.get("newValue").asText()));
        }
        Instant created = Payloads.instant(revisionFields, "System.CreatedDate");
        return attributes(id, revisionFields, created, statuses);
    }

    private static ItemChange attributes(String id, JsonNode fields, Instant created, List<StatusChange> statuses) {
        if (fields == null) {
            return ItemChange.statusesOnly(id, statuses);
        }
        String tags = Payloads.text(fields, "System.Tags");
        List<String> labels = tags == null ? List.of()
                : Arrays.stream(tags.split(";")).map(String::trim).filter(t -> !t.isEmpty()).toList();
        return new ItemChange(id, "#" + id, Payloads.text(fields, "System.TeamProject"),
                Payloads.text(fields, "System.Title"), Payloads.text(fields, "System.WorkItemType"), labels, created,
                Payloads.instant(fields, "System.ChangedDate"), statuses, false);
    }
}
