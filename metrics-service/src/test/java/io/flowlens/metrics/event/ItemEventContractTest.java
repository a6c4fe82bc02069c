package io.flowlens.metrics.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.flowlens.common.contract.ItemEventContract;
import io.flowlens.metrics.calc.FlowState;
import io.flowlens.metrics.calc.FlowType;
import io.flowlens.metrics.event.ItemEventParser.Slot;

/**
 * The consumer's side of the item-event contract, limit by limit: exactly at each limit of
 * {@link ItemEventContract} is accepted, one past it refused, naming the field. Ingestion checks
 * the same constants before it accepts anything, so producer and consumer cannot drift apart.
 */
class ItemEventContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Map<String, Object> event() {
        Map<String, Object> item = new HashMap<>();
        item.put("itemId", "item-1");
        item.put("connectionId", "conn-1");
        item.put("project", "shop");
        item.put("key", "SHOP-1");
        item.put("title", "Checkout fails");
        item.put("flowType", "defect");
        item.put("labels", List.of("bug"));
        item.put("createdAt", "2025-12-01T09:00:00Z");
        item.put("transitions", List.of(Map.of("at", "2025-12-02T10:00:00Z", "state", "active")));
        Map<String, Object> e = new HashMap<>();
        e.put("eventId", "3f0c2a7e-0000-4000-8000-000000000001");
        e.put("tenantId", "tenant-1");
        e.put("type", "item.upserted");
        e.put("revision", 1);
        e.put("emittedAt", "2026-01-05T10:00:00Z");
        e.put("item", item);
        return e;
    }

    @SuppressWarnings("unchecked")
    static Slot parseOne(Consumer<Map<String, Object>> change) {
        Map<String, Object> e = event();
        change.accept(e);
        try {
            List<Slot> slots = ItemEventParser.parse(JSON.writeValueAsBytes(Map.of("events", List.of(e))));
            assertEquals(1, slots.size());
            return slots.get(0);
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> item(Map<String, Object> e) {
        return (Map<String, Object>) e.get("item");
    }

    static void acceptedAtAndRefusedPast(String pointer, int limit, java.util.function.BiConsumer<Map<String, Object>, Integer> set) {
        Slot at = parseOne(e -> set.accept(e, limit));
        assertFalse(at.refused(), pointer + " at " + limit + " must be accepted: " + at.errors());
        Slot past = parseOne(e -> set.accept(e, limit + 1));
        assertTrue(past.refused(), pointer + " at " + (limit + 1) + " must be refused");
        assertEquals("/events/0" + pointer, past.errors().get(0).pointer());
    }

    @Test
    void everyTextFieldIsAcceptedAtItsLimitAndRefusedOnePast() {
        acceptedAtAndRefusedPast("/item/title", ItemEventContract.MAX_TITLE, (e, n) -> item(e).put("title", "t".repeat(n)));
        acceptedAtAndRefusedPast("/tenantId", ItemEventContract.MAX_TENANT_ID, (e, n) -> e.put("tenantId", "t".repeat(n)));
        acceptedAtAndRefusedPast("/eventId", ItemEventContract.MAX_TEXT, (e, n) -> e.put("eventId", "e".repeat(n)));
        for (String field : List.of("itemId", "connectionId", "project", "key")) {
            acceptedAtAndRefusedPast("/item/" + field, ItemEventContract.MAX_TEXT, (e, n) -> item(e).put(field, "x".repeat(n)));
        }
        acceptedAtAndRefusedPast("/item/labels/0", ItemEventContract.MAX_TEXT,
                (e, n) -> item(e).put("labels", List.of("l".repeat(n))));
    }

    @Test
    void theNumberOfLabelsIsAcceptedAtItsLimitAndRefusedOnePast() {
        acceptedAtAndRefusedPast("/item/labels", ItemEventContract.MAX_LABELS, (e, n) -> {
            List<String> labels = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                labels.add("label-" + k);
            }
            item(e).put("labels", labels);
        });
        // A huge labels array is refused with one fault, not one per label.
        Slot huge = parseOne(e -> item(e).put("labels", Arrays.asList(new String[100_000]).stream().map(x -> "l").toList()));
        assertEquals(1, huge.errors().size());
    }

    @Test
    void instantsAreAcceptedWithinTheYears1To9999AndRefusedOutside() {
        assertFalse(parseOne(e -> item(e).put("createdAt", "0001-01-01T00:00:00Z")).refused());
        assertFalse(parseOne(e -> item(e).put("createdAt", "9999-12-31T23:59:59.999999Z")).refused());
        Slot early = parseOne(e -> item(e).put("createdAt", "-0001-12-31T23:59:59Z"));
        assertEquals("/events/0/item/createdAt", early.errors().get(0).pointer());
        Slot late = parseOne(e -> item(e).put("transitions", List.of(Map.of("at", "+10000-01-01T00:00:00Z", "state", "done"))));
        assertEquals("/events/0/item/transitions/0/at", late.errors().get(0).pointer());
        Slot emitted = parseOne(e -> e.put("emittedAt", "+290000-01-01T00:00:00Z"));
        assertEquals("/events/0/emittedAt", emitted.errors().get(0).pointer());
    }

    @Test
    void textThatNoDatabaseStoresIsRefused() {
        Slot nul = parseOne(e -> item(e).put("title", "a\u0000b"));
        assertEquals("/events/0/item/title", nul.errors().get(0).pointer());
        Slot surrogate = parseOne(e -> item(e).put("project", "shop\ud800"));
        assertEquals("/events/0/item/project", surrogate.errors().get(0).pointer());
        assertFalse(parseOne(e -> item(e).put("title", "fine \ud83d\ude80")).refused(), "a proper pair is a character");
    }

    @Test
    void revisionsAreNonNegativeIntegersThatFitInALong() {
        assertFalse(parseOne(e -> e.put("revision", Long.MAX_VALUE)).refused());
        assertTrue(parseOne(e -> e.put("revision", -1)).refused());
        assertTrue(parseOne(e -> e.put("revision", new java.math.BigInteger("9223372036854775808"))).refused());
        assertTrue(parseOne(e -> e.put("revision", 1.5)).refused());
        assertTrue(parseOne(e -> e.put("revision", "3")).refused());
    }

    @Test
    void theConsumersFlowWordsAreExactlyTheContracts() {
        assertEquals(ItemEventContract.FLOW_TYPES, Arrays.stream(FlowType.values()).map(FlowType::wire).toList());
        assertEquals(ItemEventContract.FLOW_STATES, Arrays.stream(FlowState.values()).map(FlowState::wire).toList());
        Slot newer = parseOne(e -> item(e).put("flowType", "enabler"));
        assertEquals("/events/0/item/flowType", newer.errors().get(0).pointer());
        Slot newerType = parseOne(e -> e.put("type", "item.moved"));
        assertEquals("/events/0/type", newerType.errors().get(0).pointer());
    }

    @Test
    void theHierarchyFieldsAreOptionalAndAnOlderProducersEventStillApplies() {
        // event() has neither field: the shape of every event before they existed.
        Slot old = parseOne(e -> { });
        assertFalse(old.refused(), "an event without parentItemId and hierarchy: " + old.errors());
        assertEquals(null, old.event().parentItemId());
        assertEquals(null, old.event().hierarchy());
        Slot nulls = parseOne(e -> {
            item(e).put("parentItemId", null);
            item(e).put("hierarchy", null);
        });
        assertFalse(nulls.refused(), "null means absent: " + nulls.errors());
        for (String level : ItemEventContract.HIERARCHIES) {
            Slot s = parseOne(e -> {
                item(e).put("parentItemId", "item-0");
                item(e).put("hierarchy", level);
            });
            assertFalse(s.refused(), level + ": " + s.errors());
            assertEquals("item-0", s.event().parentItemId());
            assertEquals(level, s.event().hierarchy());
        }
        assertEquals(List.of("subtask", "standard", "epic"), ItemEventContract.HIERARCHIES);
    }

    @Test
    void theHierarchyFieldsHaveTheContractsLimitsAndWords() {
        acceptedAtAndRefusedPast("/item/parentItemId", ItemEventContract.MAX_TEXT,
                (e, n) -> item(e).put("parentItemId", "p".repeat(n)));
        Slot number = parseOne(e -> item(e).put("parentItemId", 42));
        assertEquals("/events/0/item/parentItemId", number.errors().get(0).pointer());
        Slot nul = parseOne(e -> item(e).put("parentItemId", "p\u0000"));
        assertEquals("/events/0/item/parentItemId", nul.errors().get(0).pointer());
        // A level from a newer producer is refused, never counted as some other level.
        Slot newer = parseOne(e -> item(e).put("hierarchy", "initiative"));
        assertEquals("/events/0/item/hierarchy", newer.errors().get(0).pointer());
        Slot cased = parseOne(e -> item(e).put("hierarchy", "Subtask"));
        assertTrue(cased.refused(), "the words are exact");
        Slot notText = parseOne(e -> item(e).put("hierarchy", true));
        assertEquals("/events/0/item/hierarchy", notText.errors().get(0).pointer());
    }

    @Test
    void aTransitionsStatusIsOptionalAndHasTheContractsTextLimits() {
        // Version 3: the tracker status each transition entered, beside its flow state.
        Slot with = parseOne(e -> item(e).put("transitions", List.of(
                Map.of("at", "2025-12-02T10:00:00Z", "state", "active", "status", "In Progress"),
                Map.of("at", "2025-12-03T10:00:00Z", "state", "waiting"))));
        assertFalse(with.refused(), with.errors().toString());
        assertEquals(java.util.Arrays.asList("In Progress", null), with.event().statuses());
        // An older producer's event (no status anywhere) still applies and says nothing of statuses.
        assertEquals(null, parseOne(e -> { }).event().statuses());
        acceptedAtAndRefusedPast("/item/transitions/0/status", ItemEventContract.MAX_STATUS,
                (e, n) -> item(e).put("transitions", List.of(
                        Map.of("at", "2025-12-02T10:00:00Z", "state", "active", "status", "s".repeat(n)))));
        Slot number = parseOne(e -> item(e).put("transitions", List.of(
                Map.of("at", "2025-12-02T10:00:00Z", "state", "active", "status", 7))));
        assertEquals("/events/0/item/transitions/0/status", number.errors().get(0).pointer());
        Slot nul = parseOne(e -> item(e).put("transitions", List.of(
                Map.of("at", "2025-12-02T10:00:00Z", "state", "active", "status", "In\u0000Progress"))));
        assertEquals("/events/0/item/transitions/0/status", nul.errors().get(0).pointer());
        assertEquals(ItemEventContract.MAX_TEXT, ItemEventContract.MAX_STATUS);
    }

    @Test
    void unorderedTransitionsAreAcceptedAsTheSameTimeline() {
        Slot unordered = parseOne(e -> item(e).put("transitions", List.of(
                Map.of("at", "2025-12-04T10:00:00Z", "state", "done"),
                Map.of("at", "2025-12-02T10:00:00Z", "state", "active"))));
        assertFalse(unordered.refused());
        var t = io.flowlens.metrics.calc.Timeline.of(unordered.event().createdAt(), unordered.event().transitions());
        assertEquals(java.time.Instant.parse("2025-12-02T10:00:00Z"), t.workStart());
        assertEquals(java.time.Instant.parse("2025-12-04T10:00:00Z"), t.completion());
    }

    @Test
    void theBatchLimitIsTheContractsAndABrokenEnvelopeThrows() {
        String one = "{\"eventId\":\"x\"}";
        String full = "{\"events\":[" + String.join(",", java.util.Collections.nCopies(ItemEventContract.MAX_BATCH, one)) + "]}";
        assertEquals(ItemEventContract.MAX_BATCH, ItemEventParser.parse(full.getBytes(StandardCharsets.UTF_8)).size());
        String over = "{\"events\":[" + String.join(",", java.util.Collections.nCopies(ItemEventContract.MAX_BATCH + 1, one)) + "]}";
        io.flowlens.common.problem.ApiException e = org.junit.jupiter.api.Assertions.assertThrows(
                io.flowlens.common.problem.ApiException.class, () -> ItemEventParser.parse(over.getBytes(StandardCharsets.UTF_8)));
        assertEquals(400, e.status());
        for (String broken : List.of("", "[]", "{\"events\":{}}", "{\"events\":[]} trailing", "{\"events\":[],\"events\":[]}")) {
            assertEquals(400, org.junit.jupiter.api.Assertions.assertThrows(io.flowlens.common.problem.ApiException.class,
                    () -> ItemEventParser.parse(broken.getBytes(StandardCharsets.UTF_8))).status(), broken);
        }
    }
}
