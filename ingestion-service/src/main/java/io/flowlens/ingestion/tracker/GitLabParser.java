package io.flowlens.ingestion.tracker;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.flowlens.ingestion.domain.StatusChange;

/**
 * GitLab {@code Issue Hook}: state and action (open, close, reopen, update), labels and type.
 * Authenticated by the {@code X-Gitlab-Token} the hook was configured with (stored hashed).
 */
@ApplicationScoped
public class GitLabParser implements TrackerParser {

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
        if (!"issue".equals(objectKind)) {
            return ParsedDelivery.ignored(kind, "GitLab '" + objectKind + "' events do not change work items");
        }
        if (attrs == null || !attrs.isObject()) {
            throw Payloads.wrong("/object_attributes", "an issue event carries object_attributes");
        }
        String id = GitHubParser.required(attrs, "id");
        Instant created = Payloads.instant(attrs, "created_at");
        Instant updated = Payloads.instant(attrs, "updated_at");
        List<StatusChange> statuses = new ArrayList<>();
        if (created != null) {
            statuses.add(StatusChange.of(created, "opened"));
        }
        if ("close".equals(action) || ("closed".equals(Payloads.text(attrs, "state")) && action == null)) {
            statuses.add(StatusChange.of(GitHubParser.firstNonNull(Payloads.instant(attrs, "closed_at"), updated),
                    "closed"));
        } else if ("reopen".equals(action)) {
            statuses.add(StatusChange.of(updated, "reopened"));
        }
        JsonNode labels = body.has("labels") ? body.get("labels") : attrs.get("labels");
        String type = Payloads.text(attrs, "type");
        if (type == null) {
            type = Payloads.text(attrs, "issue_type");
        }
        String iid = Payloads.text(attrs, "iid");
        return ParsedDelivery.changes(kind, List.of(new ItemChange(id, iid == null ? null : "#" + iid,
                Payloads.text(body, "project", "path_with_namespace"), Payloads.text(attrs, "title"), type,
                Payloads.names(labels, "title"), created, updated, statuses, false)));
    }
}
