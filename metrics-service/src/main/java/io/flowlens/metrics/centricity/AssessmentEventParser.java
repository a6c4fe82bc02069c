package io.flowlens.metrics.centricity;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flowlens.common.contract.AssessmentEventContract;
import io.flowlens.common.contract.ItemEventContract;
import io.flowlens.common.problem.ApiException;
import io.flowlens.common.problem.Problem;

/**
 * Reads a batch of the assessment feed and judges each event on its own against the contract's
 * limits ({@link AssessmentEventContract}): a broken envelope is a 400 for the batch, a bad event
 * is refused alone, by its index, with every fault named. Plain Java.
 */
final class AssessmentEventParser {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** One event of the batch: read ({@code event}) or refused ({@code errors}). */
    record Slot(int index, String eventId, AssessmentEvent event, List<Problem.FieldError> errors) {
        boolean refused() {
            return event == null;
        }
    }

    private final List<Problem.FieldError> errors = new ArrayList<>();
    private final String at;

    private AssessmentEventParser(int index) {
        this.at = "/events/" + index;
    }

    static List<Slot> parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "malformed-json", "Malformed JSON", "the body is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new ApiException(400, "malformed-json", "Malformed JSON", "the body could not be read");
        }
        if (root == null || !root.isObject() || !root.path("events").isArray()) {
            throw ApiException.validation(List.of(new Problem.FieldError("/events", "must be an array of events")));
        }
        JsonNode events = root.get("events");
        if (events.size() > AssessmentEventContract.MAX_BATCH) {
            throw ApiException.validation(List.of(new Problem.FieldError("/events", "a batch holds at most "
                    + AssessmentEventContract.MAX_BATCH + " events, this one " + events.size())));
        }
        List<Slot> out = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            out.add(new AssessmentEventParser(i).slot(events.get(i), i));
        }
        return out;
    }

    /**
     * Reads events that arrive one by one (the Kafka topic: each record's value one event), judged
     * as in a batch; a value that is not JSON is refused alone. Pointers name the event's position
     * ({@code /events/<i>}), as in a batch.
     */
    static List<Slot> parseEach(List<byte[]> values) {
        List<Slot> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            JsonNode e;
            try {
                e = values.get(i) == null ? null : JSON.readTree(values.get(i));
            } catch (java.io.IOException ex) {
                e = null;
            }
            out.add(e == null
                    ? new Slot(i, null, null, List.of(new Problem.FieldError("/events/" + i, "is not a JSON document")))
                    : new AssessmentEventParser(i).slot(e, i));
        }
        return out;
    }

    private Slot slot(JsonNode e, int index) {
        if (!e.isObject()) {
            return new Slot(index, null, null, List.of(new Problem.FieldError(at, "must be an object")));
        }
        String eventId = text(e, "", "eventId", ItemEventContract.MAX_TEXT, true);
        String tenantId = text(e, "", "tenantId", AssessmentEventContract.MAX_TENANT_ID, true);
        if (tenantId != null && tenantId.isBlank()) {
            fault("/tenantId", "must not be blank");
        }
        String type = text(e, "", "type", ItemEventContract.MAX_TEXT, true);
        boolean deleted = AssessmentEventContract.DELETED.equals(type);
        if (type != null && !deleted && !AssessmentEventContract.SCORED.equals(type)) {
            fault("/type", "must be " + AssessmentEventContract.SCORED + " or " + AssessmentEventContract.DELETED);
        }
        JsonNode r = e.path("revision");
        long revision = 0;
        if (!r.isIntegralNumber() || !r.canConvertToLong() || r.asLong() < 0) {
            fault("/revision", "must be an integer from 0 to 2^63-1");
        } else {
            revision = r.asLong();
        }
        JsonNode a = e.path("assessment");
        UUID assessmentId = null;
        UUID organisationId = null;
        String name = null;
        String version = null;
        Instant scoredAt = null;
        Double indexScore = null;
        List<AssessmentEvent.Dimension> dimensions = null;
        if (!a.isObject()) {
            fault("/assessment", "is required (an object)");
        } else {
            assessmentId = uuid(a, "assessmentId");
            organisationId = uuid(a, "organisationId");
            if (!deleted) {
                name = text(a, "/assessment", "organisationName", AssessmentEventContract.MAX_TEXT, true);
                version = text(a, "/assessment", "questionnaireVersion", AssessmentEventContract.MAX_TEXT, true);
                scoredAt = instant(a.path("scoredAt"), "/assessment/scoredAt");
                indexScore = score(a.path("index"), "/assessment/index");
                dimensions = dimensions(a.path("dimensions"));
            }
        }
        if (!errors.isEmpty()) {
            return new Slot(index, eventId, null, List.copyOf(errors));
        }
        return new Slot(index, eventId, new AssessmentEvent(eventId, tenantId, deleted, revision, assessmentId,
                organisationId, name, version, scoredAt, indexScore, dimensions), List.of());
    }

    private List<AssessmentEvent.Dimension> dimensions(JsonNode list) {
        if (!list.isArray()) {
            fault("/assessment/dimensions", "is required (an array)");
            return null;
        }
        if (list.size() > AssessmentEventContract.MAX_DIMENSIONS) {
            fault("/assessment/dimensions", "must hold at most " + AssessmentEventContract.MAX_DIMENSIONS
                    + " dimensions (has " + list.size() + ")");
            return null;
        }
        List<AssessmentEvent.Dimension> out = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String p = "/assessment/dimensions/" + i;
            JsonNode d = list.get(i);
            String key = text(d, p, "key", AssessmentEventContract.MAX_KEY, true);
            String label = text(d, p, "label", AssessmentEventContract.MAX_TEXT, true);
            Double score = score(d.path("score"), p + "/score");
            if (key != null && (key.isBlank() || key.equals("index"))) {
                fault(p + "/key", "must be a dimension's key (not blank, not 'index')");
            } else if (key != null && !keys.add(key)) {
                fault(p + "/key", "'" + key + "' appears twice");
            }
            if (key != null && label != null && score != null) {
                out.add(new AssessmentEvent.Dimension(key, label, score));
            }
        }
        return out;
    }

    private String text(JsonNode node, String prefix, String field, int max, boolean required) {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) {
            if (required) {
                fault(prefix + "/" + field, "is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            fault(prefix + "/" + field, "must be a string");
            return null;
        }
        String violation = ItemEventContract.textViolation(v.asText(), max);
        if (violation != null) {
            fault(prefix + "/" + field, violation);
            return null;
        }
        return v.asText();
    }

    private UUID uuid(JsonNode node, String field) {
        String s = text(node, "/assessment", field, ItemEventContract.MAX_TEXT, true);
        if (s == null) {
            return null;
        }
        try {
            UUID id = UUID.fromString(s);
            if (id.toString().equalsIgnoreCase(s)) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // named below
        }
        fault("/assessment/" + field, "must be a UUID");
        return null;
    }

    private Instant instant(JsonNode v, String pointer) {
        if (!v.isTextual()) {
            fault(pointer, v.isMissingNode() || v.isNull() ? "is required" : "must be an ISO-8601 instant");
            return null;
        }
        try {
            Instant at = Instant.parse(v.asText());
            String violation = ItemEventContract.instantViolation(at);
            if (violation != null) {
                fault(pointer, violation);
                return null;
            }
            return at;
        } catch (DateTimeParseException e) {
            fault(pointer, "must be an ISO-8601 instant");
            return null;
        }
    }

    private Double score(JsonNode v, String pointer) {
        if (!v.isNumber()) {
            fault(pointer, v.isMissingNode() || v.isNull() ? "is required" : "must be a number");
            return null;
        }
        String violation = AssessmentEventContract.scoreViolation(v.asDouble());
        if (violation != null) {
            fault(pointer, violation);
            return null;
        }
        return v.asDouble();
    }

    private void fault(String pointer, String detail) {
        errors.add(new Problem.FieldError(at + pointer, detail));
    }
}
