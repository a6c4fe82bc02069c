package io.flowlens.metrics.centricity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.flowlens.common.contract.AssessmentEventContract;
import io.flowlens.common.problem.ApiException;

/** The consumer side of the feed's contract, held to each limit: at it accepted, one past it refused by pointer. */
class AssessmentEventLimitsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @SuppressWarnings("unchecked")
    static Map<String, Object> assessment(Map<String, Object> event) {
        return (Map<String, Object>) event.get("assessment");
    }

    static Map<String, Object> event(Consumer<Map<String, Object>> change) {
        Map<String, Object> e = new LinkedHashMap<>(AssessmentEvents.scored("tenant-1", UUID.randomUUID(), UUID.randomUUID(), 1,
                "2026-01-10T09:00:00Z", 40, 30, 50));
        e.put("assessment", new LinkedHashMap<>(assessment(e)));
        change.accept(e);
        return e;
    }

    static AssessmentEventParser.Slot parse(Map<String, Object> event) throws Exception {
        return AssessmentEventParser.parse(JSON.writeValueAsBytes(Map.of("events", List.of(event)))).get(0);
    }

    static void accepted(Consumer<Map<String, Object>> change) throws Exception {
        AssessmentEventParser.Slot s = parse(event(change));
        assertFalse(s.refused(), () -> "refused: " + s.errors());
    }

    static void refused(String pointer, Consumer<Map<String, Object>> change) throws Exception {
        AssessmentEventParser.Slot s = parse(event(change));
        assertTrue(s.refused(), "accepted although " + pointer + " is past its limit");
        assertTrue(s.errors().stream().anyMatch(e -> e.pointer().equals("/events/0" + pointer)), () -> "errors: " + s.errors());
    }

    static List<Map<String, Object>> dimensions(int n) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Map.of("key", "d" + i, "label", "D" + i, "score", 50));
        }
        return out;
    }

    @Test
    void everyLimitHoldsAtItAndRefusesOnePast() throws Exception {
        accepted(e -> e.put("tenantId", "t".repeat(AssessmentEventContract.MAX_TENANT_ID)));
        refused("/tenantId", e -> e.put("tenantId", "t".repeat(AssessmentEventContract.MAX_TENANT_ID + 1)));
        refused("/tenantId", e -> e.put("tenantId", " "));
        accepted(e -> assessment(e).put("organisationName", "n".repeat(AssessmentEventContract.MAX_TEXT)));
        refused("/assessment/organisationName", e -> assessment(e).put("organisationName", "n".repeat(AssessmentEventContract.MAX_TEXT + 1)));
        refused("/assessment/organisationName", e -> assessment(e).put("organisationName", "a\u0000b"));
        accepted(e -> assessment(e).put("dimensions", dimensions(AssessmentEventContract.MAX_DIMENSIONS)));
        refused("/assessment/dimensions", e -> assessment(e).put("dimensions", dimensions(AssessmentEventContract.MAX_DIMENSIONS + 1)));
        accepted(e -> assessment(e).put("dimensions", List.of(Map.of("key", "k".repeat(AssessmentEventContract.MAX_KEY), "label", "K", "score", 0))));
        refused("/assessment/dimensions/0/key", e -> assessment(e).put("dimensions",
                List.of(Map.of("key", "k".repeat(AssessmentEventContract.MAX_KEY + 1), "label", "K", "score", 0))));
        refused("/assessment/dimensions/1/key", e -> assessment(e).put("dimensions",
                List.of(Map.of("key", "a", "label", "A", "score", 1), Map.of("key", "a", "label", "A", "score", 2))));
        refused("/assessment/dimensions/0/key", e -> assessment(e).put("dimensions", List.of(Map.of("key", "index", "label", "I", "score", 1))));
        accepted(e -> assessment(e).put("index", 100));
        accepted(e -> assessment(e).put("index", 0));
        refused("/assessment/index", e -> assessment(e).put("index", 100.01));
        refused("/assessment/index", e -> assessment(e).put("index", -0.1));
        refused("/assessment/index", e -> assessment(e).put("index", "62.5"));
        refused("/assessment/dimensions/0/score", e -> assessment(e).put("dimensions", List.of(Map.of("key", "a", "label", "A", "score", 101))));
        accepted(e -> e.put("revision", Long.MAX_VALUE));
        refused("/revision", e -> e.put("revision", -1));
        refused("/revision", e -> e.put("revision", 1.5));
        refused("/type", e -> e.put("type", "assessment.rescored"));
        refused("/assessment/assessmentId", e -> assessment(e).put("assessmentId", "not-a-uuid"));
        refused("/assessment/scoredAt", e -> assessment(e).put("scoredAt", "2026-13-01T00:00:00Z"));
        refused("/assessment/scoredAt", e -> assessment(e).remove("scoredAt"));
    }

    @Test
    void aDeletionNeedsOnlyItsIds() throws Exception {
        AssessmentEventParser.Slot s = parse(AssessmentEvents.deleted("tenant-1", UUID.randomUUID(), UUID.randomUUID(), 4));
        assertFalse(s.refused(), () -> "refused: " + s.errors());
        assertTrue(s.event().deleted());
        assertEquals(4, s.event().revision());
    }

    @Test
    void aBatchHoldsAtMost500Events() throws Exception {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < AssessmentEventContract.MAX_BATCH; i++) {
            events.add(event(e -> { }));
        }
        assertEquals(AssessmentEventContract.MAX_BATCH, AssessmentEventParser.parse(JSON.writeValueAsBytes(Map.of("events", events))).size());
        events.add(event(e -> { }));
        ApiException tooMany = assertThrows(ApiException.class,
                () -> AssessmentEventParser.parse(JSON.writeValueAsBytes(Map.of("events", events))));
        assertEquals(400, tooMany.status());
    }

    @Test
    void recordsOfTheKafkaTopicAreJudgedOneByOneLikeABatch() throws Exception {
        // Each record's value is one event: a good one, one past a limit, one that is not JSON, a
        // JSON value that is no object; each judged alone and named by its place in the poll.
        List<AssessmentEventParser.Slot> slots = AssessmentEventParser.parseEach(List.of(
                JSON.writeValueAsBytes(event(e -> { })),
                JSON.writeValueAsBytes(event(e -> assessment(e).put("index", 101))),
                "not json {".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "[1]".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(4, slots.size());
        assertFalse(slots.get(0).refused(), () -> "refused: " + slots.get(0).errors());
        assertTrue(slots.get(1).refused());
        assertEquals("/events/1/assessment/index", slots.get(1).errors().get(0).pointer());
        assertTrue(slots.get(2).refused());
        assertEquals("is not a JSON document", slots.get(2).errors().get(0).detail());
        assertTrue(slots.get(3).refused());
        assertEquals(List.of(0, 1, 2, 3), slots.stream().map(AssessmentEventParser.Slot::index).toList());
    }
}
