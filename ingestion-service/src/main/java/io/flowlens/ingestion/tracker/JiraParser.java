package io.flowlens.ingestion.tracker;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.flowlens.ingestion.domain.Signatures;
import io.flowlens.ingestion.domain.StatusChange;

/**
 * Jira: {@code jira:issue_created}, {@code jira:issue_updated} (status changes from the
 * changelog), {@code jira:issue_deleted}; signed with the webhook secret in
 * {@code X-Hub-Signature}. Also reads one issue of a search result with
 * {@code expand=changelog} for backfills.
 */
@ApplicationScoped
public class JiraParser implements TrackerParser {

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
    public ParsedDelivery parse(Delivery delivery, JsonNode body) {
        String event = Payloads.text(body, "webhookEvent");
        if (event == null) {
            throw Payloads.wrong("/webhookEvent", "a Jira delivery names its webhookEvent");
        }
        if (!event.startsWith("jira:issue_")) {
            return ParsedDelivery.ignored(event, "Jira '" + event + "' events do not change work items");
        }
        JsonNode issue = body.get("issue");
        if (issue == null || !issue.isObject()) {
            throw Payloads.wrong("/issue", "a Jira issue event carries the issue");
        }
        String id = GitHubParser.required(issue, "id");
        Instant eventAt = Payloads.instant(body, "timestamp");
        if ("jira:issue_deleted".equals(event)) {
            return ParsedDelivery.changes(event, List.of(ItemChange.deletion(id, eventAt)));
        }
        JsonNode fields = issue.get("fields");
        Instant created = Payloads.instant(fields, "created");
        String current = Payloads.text(fields, "status", "name");
        String currentCategory = Payloads.text(fields, "status", "statusCategory", "key");
        List<StatusChange> statuses = new ArrayList<>();
        if ("jira:issue_created".equals(event) && created != null && current != null) {
            statuses.add(new StatusChange(created, current, currentCategory));
        }
        JsonNode items = Payloads.at(body, "changelog", "items");
        if (items != null && items.isArray()) {
            Instant at = eventAt != null ? eventAt : Payloads.instant(fields, "updated");
            for (JsonNode change : items) {
                if ("status".equals(Payloads.text(change, "field"))) {
                    String to = Payloads.text(change, "toString");
                    if (to != null && at != null) {
                        statuses.add(new StatusChange(at, to, to.equals(current) ? currentCategory : null));
                    }
                }
            }
        }
        return ParsedDelivery.changes(event, List.of(attributes(issue, fields, created,
                GitHubParser.firstNonNull(Payloads.instant(fields, "updated"), eventAt), statuses)));
    }

    /**
     * One issue of a Jira search result with {@code expand=changelog}: its status history is the
     * status it was created in (the first change's {@code fromString}) and every status change.
     */
    public ItemChange fromSearchIssue(JsonNode issue) {
        String id = GitHubParser.required(issue, "id");
        JsonNode fields = issue.get("fields");
        if (fields == null || !fields.isObject()) {
            throw Payloads.wrong("/fields", "is required");
        }
        Instant created = Payloads.instant(fields, "created");
        if (created == null) {
            throw Payloads.wrong("/fields/created", "is required");
        }
        List<StatusChange> changes = new ArrayList<>();
        JsonNode histories = Payloads.at(issue, "changelog", "histories");
        String initial = null;
        if (histories != null && histories.isArray()) {
            int h = 0;
            for (JsonNode history : histories) {
                JsonNode items = history.get("items");
                if (items != null && items.isArray()) {
                    for (JsonNode change : items) {
                        if ("status".equals(Payloads.text(change, "field"))) {
                            Instant at = Payloads.instant(history, "created");
                            String to = Payloads.text(change, "toString");
                            if (at == null || to == null) {
                                throw Payloads.wrong("/changelog/histories/" + h,
                                        "a status change needs created and toString");
                            }
                            if (initial == null) {
                                initial = Payloads.text(change, "fromString");
                            }
                            changes.add(StatusChange.of(at, to));
                        }
                    }
                }
                h++;
            }
        }
        String current = Payloads.text(fields, "status", "name");
        String currentCategory = Payloads.text(fields, "status", "statusCategory", "key");
        String first = initial != null ? initial : current;
        List<StatusChange> statuses = new ArrayList<>();
        if (first != null) {
            statuses.add(new StatusChange(created, first, first.equals(current) ? currentCategory : null));
        }
        for (StatusChange c : changes) {
            statuses.add(c.status().equals(current) ? new StatusChange(c.at(), c.status(), currentCategory) : c);
        }
        return attributes(issue, fields, created, Payloads.instant(fields, "updated"), statuses);
    }

    private static ItemChange attributes(JsonNode issue, JsonNode fields, Instant created, Instant observed,
            List<StatusChange> statuses) {
        List<String> labels = fields != null && fields.has("labels") ? Payloads.names(fields.get("labels"), "name")
                : null;
        return new ItemChange(Payloads.text(issue, "id"), Payloads.text(issue, "key"),
                Payloads.text(fields, "project", "key"), Payloads.text(fields, "summary"),
                Payloads.text(fields, "issuetype", "name"), labels, created, observed, statuses, false);
    }
}
