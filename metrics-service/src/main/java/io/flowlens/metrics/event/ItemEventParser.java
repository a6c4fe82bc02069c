package io.flowlens.metrics.event;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flowlens.common.problem.ApiException;
import io.flowlens.common.problem.Problem;
import io.flowlens.metrics.calc.FlowState;
import io.flowlens.metrics.calc.FlowType;
import io.flowlens.metrics.calc.Transition;

/**
 * Reads a batch of canonical item events and names every fault by JSON Pointer. Lenient about
 * fields it does not know (ingestion may add some), strict about the ones it uses: one bad
 * event makes the whole batch a 400, so nothing of it is applied.
 */
final class ItemEventParser {

    static final int MAX_BATCH = 1_000;
    private static final int MAX_REPORTED = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Problem.FieldError> errors = new ArrayList<>();

    static List<ItemEvent> parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "malformed-json", "Malformed JSON",
                    "the body is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new ApiException(400, "malformed-json", "Malformed JSON", "the body could not be read");
        }
        return new ItemEventParser().batch(root);
    }

    private List<ItemEvent> batch(JsonNode root) {
        if (root == null || !root.isObject() || !root.path("events").isArray()) {
            throw ApiException.validation(List.of(new Problem.FieldError("/events", "must be an array of events")));
        }
        JsonNode events = root.get("events");
        if (events.size() > MAX_BATCH) {
            throw ApiException.validation(List.of(new Problem.FieldError("/events",
                    "a batch holds at most " + MAX_BATCH + " events, this one " + events.size())));
        }
        List<ItemEvent> out = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            ItemEvent e = event(events.get(i), "/events/" + i);
            if (e != null) {
                out.add(e);
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors.subList(0, Math.min(errors.size(), MAX_REPORTED)));
        }
        return out;
    }

    private ItemEvent event(JsonNode e, String at) {
        if (!e.isObject()) {
            error(at, "must be an object");
            return null;
        }
        String eventId = text(e, at, "eventId", true);
        String tenantId = text(e, at, "tenantId", true);
        String type = text(e, at, "type", true);
        boolean deleted = "item.deleted".equals(type);
        if (type != null && !deleted && !"item.upserted".equals(type)) {
            error(at + "/type", "must be item.upserted or item.deleted");
        }
        Long revision = null;
        JsonNode rev = e.get("revision");
        if (rev == null || !rev.canConvertToLong() || !rev.isIntegralNumber() || rev.asLong() < 0) {
            error(at + "/revision", "must be a non-negative integer");
        } else {
            revision = rev.asLong();
        }
        Instant emittedAt = instant(e, at, "emittedAt", false);
        JsonNode item = e.get("item");
        if (item == null || !item.isObject()) {
            error(at + "/item", "must be an object");
            return null;
        }
        String ip = at + "/item";
        String itemId = text(item, ip, "itemId", true);
        String connectionId = text(item, ip, "connectionId", true);
        if (deleted) {
            return revision == null ? null : new ItemEvent(eventId, tenantId, true, revision, emittedAt, itemId,
                    connectionId, null, null, null, null, List.of(), null, List.of());
        }
        String project = text(item, ip, "project", true);
        String key = text(item, ip, "key", false);
        String title = text(item, ip, "title", false);
        String typeName = text(item, ip, "flowType", true);
        FlowType flowType = FlowType.fromWire(typeName);
        if (typeName != null && flowType == null) {
            error(ip + "/flowType", "must be one of feature, defect, risk, debt");
        }
        List<String> labels = new ArrayList<>();
        JsonNode ls = item.get("labels");
        if (ls != null && !ls.isNull()) {
            if (!ls.isArray()) {
                error(ip + "/labels", "must be an array of strings");
            } else {
                for (int k = 0; k < ls.size(); k++) {
                    if (!ls.get(k).isTextual()) {
                        error(ip + "/labels/" + k, "must be a string");
                    } else {
                        labels.add(ls.get(k).asText());
                    }
                }
            }
        }
        Instant createdAt = instant(item, ip, "createdAt", true);
        List<Transition> transitions = new ArrayList<>();
        JsonNode ts = item.get("transitions");
        if (ts == null || !ts.isArray()) {
            error(ip + "/transitions", "must be an array (possibly empty)");
        } else {
            for (int k = 0; k < ts.size(); k++) {
                String tp = ip + "/transitions/" + k;
                JsonNode t = ts.get(k);
                if (!t.isObject()) {
                    error(tp, "must be an object");
                    continue;
                }
                Instant when = instant(t, tp, "at", true);
                String stateName = text(t, tp, "state", true);
                FlowState state = FlowState.fromWire(stateName);
                if (stateName != null && state == null) {
                    error(tp + "/state", "must be one of new, active, waiting, done, canceled");
                }
                if (when != null && state != null) {
                    transitions.add(new Transition(when, state));
                }
            }
        }
        if (revision == null || flowType == null || createdAt == null) {
            return null;
        }
        return new ItemEvent(eventId, tenantId, false, revision, emittedAt, itemId, connectionId, project, key, title,
                flowType, List.copyOf(labels), createdAt, List.copyOf(transitions));
    }

    private String text(JsonNode node, String at, String field, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                error(at + "/" + field, "is required");
            }
            return null;
        }
        if (!v.isTextual() || (required && v.asText().isBlank())) {
            error(at + "/" + field, required ? "must be a non-empty string" : "must be a string");
            return null;
        }
        int max = "tenantId".equals(field) ? 64 : "title".equals(field) ? 10_000 : 200;
        if (v.asText().length() > max) {
            error(at + "/" + field, "must be at most " + max + " characters");
            return null;
        }
        return v.asText();
    }

    private Instant instant(JsonNode node, String at, String field, boolean required) {
        String text = text(node, at, field, required);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            error(at + "/" + field, "must be an ISO-8601 instant such as 2025-12-01T09:00:00Z");
            return null;
        }
    }

    private void error(String pointer, String detail) {
        errors.add(new Problem.FieldError(pointer, detail));
    }
}
