package io.flowlens.ingestion.outbox;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.flowlens.common.contract.ItemEventContract;

/** One canonical item event as docs/contracts.md defines it: the item's whole current state. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ItemEvent(UUID eventId, String tenantId, String type, long revision, Instant emittedAt, Item item) {

    public static final String UPSERTED = ItemEventContract.UPSERTED;
    public static final String DELETED = ItemEventContract.DELETED;

    /** The item's state; only {@code itemId} and {@code connectionId} for a deletion. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(UUID itemId, UUID connectionId, String project, String key, String title, String flowType,
            List<String> labels, Instant createdAt, List<Transition> transitions) {

        public static Item deleted(UUID itemId, UUID connectionId) {
            return new Item(itemId, connectionId, null, null, null, null, null, null, null);
        }
    }

    public record Transition(Instant at, String state) {
    }
}
