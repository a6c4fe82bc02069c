package io.flowlens.ingestion.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The outbox payload built around an already written item JSON is the event's own JSON. */
class OutboxPayloadTest {

    final OutboxWriter writer = new OutboxWriter();

    OutboxPayloadTest() {
        writer.json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    @Test
    void anEnvelopeAroundTheItemJsonEqualsTheWholeEventWritten() throws Exception {
        ItemEvent.Item item = new ItemEvent.Item(UUID.randomUUID(), UUID.randomUUID(), "acme/shop", "#7",
                "Checkout \"fails\" on Safari", "defect", List.of("bug", "p1"), Instant.parse("2025-01-02T03:04:05Z"),
                List.of(new ItemEvent.Transition(Instant.parse("2025-01-02T03:04:05Z"), "new"),
                        new ItemEvent.Transition(Instant.parse("2025-01-03T08:00:00.123456Z"), "active")));
        ItemEvent event = new ItemEvent(UUID.randomUUID(), "tenant-1", ItemEvent.UPSERTED, 4,
                Instant.parse("2026-11-25T17:00:00.5Z"), item);
        String itemJson = writer.json.writeValueAsString(item);
        assertEquals(writer.row(event).payload(), writer.row(event, itemJson).payload());
    }

    @Test
    void aDeletionKeepsOnlyTheIdsOfItsItem() {
        ItemEvent event = new ItemEvent(UUID.randomUUID(), "tenant-1", ItemEvent.DELETED, 2, Instant.now(),
                ItemEvent.Item.deleted(UUID.randomUUID(), UUID.randomUUID()));
        String payload = writer.row(event).payload();
        assertEquals(false, payload.contains("transitions"));
        assertEquals(true, payload.contains("\"type\":\"item.deleted\""));
    }
}
