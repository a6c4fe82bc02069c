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

    /**
     * The item's state; only {@code itemId} and {@code connectionId} for a deletion.
     * {@code parentItemId} (the parent's canonical id, when the parent is an item of the same
     * connection) and {@code hierarchy} ({@code subtask}, {@code standard}, {@code epic}) are
     * optional fields of contract version 2: absent when unknown, so the JSON of an item without
     * them is exactly what it was before they existed (and its digest too: nothing is re-sent).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(UUID itemId, UUID connectionId, String project, String key, String title, String flowType,
            List<String> labels, Instant createdAt, List<Transition> transitions, UUID parentItemId,
            String hierarchy) {

        public Item(UUID itemId, UUID connectionId, String project, String key, String title, String flowType,
                List<String> labels, Instant createdAt, List<Transition> transitions) {
            this(itemId, connectionId, project, key, title, flowType, labels, createdAt, transitions, null, null);
        }

        public static Item deleted(UUID itemId, UUID connectionId) {
            return new Item(itemId, connectionId, null, null, null, null, null, null, null);
        }
    }

    /**
     * The item entered flow state {@code state} at {@code at}, by entering the tracker status
     * {@code status} (its own words, before mapping; contract version 3, optional). Absent when
     * not known: the creation point (the status an item was created in is not always reported)
     * and events of an older producer. Consecutive transitions may share a flow state when the
     * status changed within it ("In Progress" to "In Review", both active).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Transition(Instant at, String state, String status) {

        public Transition(Instant at, String state) {
            this(at, state, null);
        }
    }
}
