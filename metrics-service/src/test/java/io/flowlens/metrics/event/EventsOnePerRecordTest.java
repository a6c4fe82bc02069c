package io.flowlens.metrics.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.flowlens.metrics.event.ItemEventParser.Slot;

/**
 * Events that arrive one per Kafka record are judged each on its own, as in a version-2 batch:
 * a record that is not JSON, empty, or not an event is refused at its place and never costs the
 * others their verdict.
 */
class EventsOnePerRecordTest {

    private static byte[] event(String id, String flowType) {
        return ("{\"eventId\":\"" + id + "\",\"tenantId\":\"t1\",\"type\":\"item.upserted\",\"revision\":3,"
                + "\"emittedAt\":\"2026-01-05T10:00:00Z\",\"item\":{\"itemId\":\"i-" + id + "\",\"connectionId\":\"c1\","
                + "\"project\":\"shop\",\"key\":\"#1\",\"title\":\"t\",\"flowType\":\"" + flowType + "\",\"labels\":[],"
                + "\"createdAt\":\"2025-12-01T09:00:00Z\",\"transitions\":[{\"at\":\"2025-12-01T09:00:00Z\",\"state\":\"new\"}]}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void eachRecordGetsItsOwnVerdictAtItsPlace() {
        List<byte[]> records = new ArrayList<>();
        records.add(event("a", "feature"));
        records.add("not json {".getBytes(StandardCharsets.UTF_8));
        records.add(event("b", "epic"));
        records.add(new byte[0]);
        records.add(null);
        records.add("[1,2]".getBytes(StandardCharsets.UTF_8));
        records.add(event("c", "defect"));

        List<Slot> slots = ItemEventParser.parseEach(records);

        assertEquals(records.size(), slots.size());
        for (int i = 0; i < slots.size(); i++) {
            assertEquals(i, slots.get(i).index());
        }
        assertFalse(slots.get(0).refused());
        assertEquals("i-a", slots.get(0).event().itemId());
        assertTrue(slots.get(1).refused());
        assertEquals("is not a JSON document", slots.get(1).errors().get(0).detail());
        assertTrue(slots.get(2).refused());
        assertEquals("b", slots.get(2).eventId(), "a readable id is kept for the refusal");
        assertEquals("/events/2/item/flowType", slots.get(2).errors().get(0).pointer());
        assertTrue(slots.get(3).refused());
        assertTrue(slots.get(4).refused());
        assertTrue(slots.get(5).refused());
        assertEquals("/events/5", slots.get(5).errors().get(0).pointer());
        assertFalse(slots.get(6).refused());
    }
}
