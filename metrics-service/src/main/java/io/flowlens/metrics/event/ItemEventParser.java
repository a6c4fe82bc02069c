package io.flowlens.metrics.event;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flowlens.common.contract.ItemEventContract;
import io.flowlens.common.problem.ApiException;
import io.flowlens.common.problem.Problem;
import io.flowlens.metrics.calc.FlowState;
import io.flowlens.metrics.calc.FlowType;
import io.flowlens.metrics.calc.Transition;

/**
 * Reads a batch of canonical item events and judges each event on its own, naming every fault
 * by JSON Pointer. Only a broken envelope (not JSON, no {@code events} array, more than
 * {@link ItemEventContract#MAX_BATCH} events) throws: it is a 400 for the whole batch. Lenient
 * about fields it does not know (a newer producer may add some), strict about the ones it uses,
 * with the limits of {@link ItemEventContract}, so what ingestion accepts is what metrics stores.
 */
final class ItemEventParser {

    /** Faults named per event at most: a huge labels array must not produce a huge answer. */
    static final int MAX_ERRORS_PER_EVENT = 20;
    private static final ObjectMapper JSON = new ObjectMapper()
            // A duplicate key would silently mean its last value: refused like any malformed body.
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** One event of the batch: either read ({@code event}) or refused ({@code errors}). */
    record Slot(int index, String eventId, ItemEvent event, List<Problem.FieldError> errors) {
        boolean refused() {
            return event == null;
        }
    }

    private final List<Problem.FieldError> errors = new ArrayList<>();
    private int dropped;

    private ItemEventParser() {
    }

    /** Every event of the batch, in order; throws {@link ApiException} (400) for a broken envelope only. */
    static List<Slot> parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "malformed-json", "Malformed JSON",
                    "the body is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new ApiException(400, "malformed-json", "Malformed JSON", "the body could not be read");
        }
        if (root == null || !root.isObject() || !root.path("events").isArray()) {
            throw ApiException.validation(List.of(new Problem.FieldError("/events", "must be an array of events")));
        }
        JsonNode events = root.get("events");
        if (events.size() > ItemEventContract.MAX_BATCH) {
            throw ApiException.validation(List.of(new Problem.FieldError("/events", "a batch holds at most "
                    + ItemEventContract.MAX_BATCH + " events, this one " + events.size())));
        }
        List<Slot> out = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            out.add(new ItemEventParser().slot(events.get(i), i));
        }
        return out;
    }

    private Slot slot(JsonNode e, int index) {
        ItemEvent event = event(e, "/events/" + index);
        JsonNode id = e.path("eventId");
        String eventId = id.isTextual() ? id.asText() : null;
        if (eventId != null && eventId.length() > ItemEventContract.MAX_TEXT) {
            eventId = null; // not echoed back: it is not an id we could have issued
        }
        if (!errors.isEmpty()) {
            List<Problem.FieldError> named = new ArrayList<>(errors);
            if (dropped > 0) {
                named.add(new Problem.FieldError("/events/" + index, dropped + " more faults not listed"));
            }
            return new Slot(index, eventId, null, List.copyOf(named));
        }
        return new Slot(index, eventId, event, List.of());
    }

    private ItemEvent event(JsonNode e, String at) {
        if (!e.isObject()) {
            error(at, "must be an object");
            return null;
        }
        String eventId = text(e, at, "eventId", true, ItemEventContract.MAX_TEXT);
        String tenantId = text(e, at, "tenantId", true, ItemEventContract.MAX_TENANT_ID);
        String type = text(e, at, "type", true, ItemEventContract.MAX_TEXT);
        boolean deleted = ItemEventContract.DELETED.equals(type);
        if (type != null && !deleted && !ItemEventContract.UPSERTED.equals(type)) {
            // A type from a newer producer: refused (and parked by the relay) rather than guessed at.
            error(at + "/type", "must be " + ItemEventContract.UPSERTED + " or " + ItemEventContract.DELETED);
        }
        Long revision = null;
        JsonNode rev = e.get("revision");
        if (rev == null || !rev.isIntegralNumber() || !rev.canConvertToLong() || rev.asLong() < 0) {
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
        String itemId = text(item, ip, "itemId", true, ItemEventContract.MAX_TEXT);
        String connectionId = text(item, ip, "connectionId", true, ItemEventContract.MAX_TEXT);
        if (deleted) {
            return errors.isEmpty() ? new ItemEvent(eventId, tenantId, true, revision, emittedAt, itemId,
                    connectionId, null, null, null, null, List.of(), null, List.of(), null, null, null) : null;
        }
        String project = text(item, ip, "project", true, ItemEventContract.MAX_TEXT);
        String key = text(item, ip, "key", false, ItemEventContract.MAX_TEXT);
        String title = text(item, ip, "title", false, ItemEventContract.MAX_TITLE);
        String typeName = text(item, ip, "flowType", true, ItemEventContract.MAX_TEXT);
        FlowType flowType = FlowType.fromWire(typeName);
        if (typeName != null && flowType == null) {
            // A flow type from a newer producer: refused, never counted as some other type.
            error(ip + "/flowType", "must be one of " + String.join(", ", ItemEventContract.FLOW_TYPES));
        }
        List<String> labels = labels(item, ip);
        Instant createdAt = instant(item, ip, "createdAt", true);
        List<String> statuses = new ArrayList<>();
        List<Transition> transitions = transitions(item, ip, statuses);
        // Optional since version 2 (absent from an older producer's events: unknown, counted as standard).
        String parentItemId = text(item, ip, "parentItemId", false, ItemEventContract.MAX_TEXT);
        String hierarchy = text(item, ip, "hierarchy", false, ItemEventContract.MAX_TEXT);
        if (hierarchy != null && !ItemEventContract.HIERARCHIES.contains(hierarchy)) {
            // A level from a newer producer: refused, never counted as some other level.
            error(ip + "/hierarchy", "must be one of " + String.join(", ", ItemEventContract.HIERARCHIES));
        }
        if (!errors.isEmpty()) {
            return null;
        }
        // Transitions in any order describe the same timeline (Timeline sorts by instant); they are
        // kept as sent, and every figure is derived from the instants, not from the array's order.
        return new ItemEvent(eventId, tenantId, false, revision, emittedAt, itemId, connectionId, project, key, title,
                flowType, List.copyOf(labels), createdAt, List.copyOf(transitions), parentItemId, hierarchy,
                statuses.stream().allMatch(java.util.Objects::isNull) ? null
                        : java.util.Collections.unmodifiableList(statuses));
    }

    private List<String> labels(JsonNode item, String ip) {
        List<String> labels = new ArrayList<>();
        JsonNode ls = item.get("labels");
        if (ls == null || ls.isNull()) {
            return labels;
        }
        if (!ls.isArray()) {
            error(ip + "/labels", "must be an array of strings");
            return labels;
        }
        String tooMany = ItemEventContract.labelsViolation(ls.size());
        if (tooMany != null) {
            error(ip + "/labels", tooMany); // and the labels themselves are not looked at
            return labels;
        }
        for (int k = 0; k < ls.size(); k++) {
            JsonNode label = ls.get(k);
            if (!label.isTextual()) {
                error(ip + "/labels/" + k, "must be a string");
                continue;
            }
            String fault = ItemEventContract.textViolation(label.asText(), ItemEventContract.MAX_TEXT);
            if (fault != null) {
                error(ip + "/labels/" + k, fault);
            } else {
                labels.add(label.asText());
            }
        }
        return labels;
    }

    /** The transitions; {@code statuses} receives, beside each, its tracker status or null (version 3). */
    private List<Transition> transitions(JsonNode item, String ip, List<String> statuses) {
        List<Transition> transitions = new ArrayList<>();
        JsonNode ts = item.get("transitions");
        if (ts == null || !ts.isArray()) {
            error(ip + "/transitions", "must be an array (possibly empty)");
            return transitions;
        }
        for (int k = 0; k < ts.size(); k++) {
            String tp = ip + "/transitions/" + k;
            JsonNode t = ts.get(k);
            if (!t.isObject()) {
                error(tp, "must be an object");
                continue;
            }
            Instant when = instant(t, tp, "at", true);
            String stateName = text(t, tp, "state", true, ItemEventContract.MAX_TEXT);
            FlowState state = FlowState.fromWire(stateName);
            if (stateName != null && state == null) {
                error(tp + "/state", "must be one of " + String.join(", ", ItemEventContract.FLOW_STATES));
            }
            // Optional since version 3: the tracker's own status words, a text like the others.
            String status = text(t, tp, "status", false, ItemEventContract.MAX_STATUS);
            if (when != null && state != null) {
                transitions.add(new Transition(when, state));
                statuses.add(status);
            }
        }
        return transitions;
    }

    private String text(JsonNode node, String at, String field, boolean required, int max) {
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
        String fault = ItemEventContract.textViolation(v.asText(), max);
        if (fault != null) {
            error(at + "/" + field, fault);
            return null;
        }
        return v.asText();
    }

    private Instant instant(JsonNode node, String at, String field, boolean required) {
        String text = text(node, at, field, required, ItemEventContract.MAX_TEXT);
        if (text == null) {
            return null;
        }
        Instant parsed;
        try {
            parsed = Instant.parse(text);
        } catch (DateTimeParseException e) {
            error(at + "/" + field, "must be an ISO-8601 instant such as 2025-12-01T09:00:00Z");
            return null;
        }
        String fault = ItemEventContract.instantViolation(parsed);
        if (fault != null) {
            error(at + "/" + field, fault);
            return null;
        }
        return parsed;
    }

    private void error(String pointer, String detail) {
        if (errors.size() < MAX_ERRORS_PER_EVENT) {
            errors.add(new Problem.FieldError(pointer, detail));
        } else {
            dropped++;
        }
    }
}
