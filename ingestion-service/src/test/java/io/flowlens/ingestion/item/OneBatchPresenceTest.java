package io.flowlens.ingestion.item;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.flowlens.ingestion.domain.Presence;
import io.flowlens.ingestion.tracker.ItemChange;

/** One webhook batch naming an item several times states the newest presence, as one at a time would. */
class OneBatchPresenceTest {

    static final Instant T1 = Instant.parse("2024-02-01T00:00:00Z");
    static final Instant T2 = Instant.parse("2024-03-01T00:00:00Z");

    static Presence merged(ItemChange... changes) {
        List<ItemChange> one = ItemStore.mergeByItem(List.of(changes));
        assertEquals(1, one.size());
        return one.get(0).presence();
    }

    @Test
    void theNewestStatementWinsWhateverItsPlaceInTheBatch() {
        assertEquals(Presence.restoration(T2),
                merged(ItemChange.restoration("A", T2), ItemChange.deletion("A", T1)));
        assertEquals(Presence.deletion(T2), merged(ItemChange.deletion("A", T2), ItemChange.restoration("A", T1)));
    }

    @Test
    void anOrdinaryChangeLeavesTheStatementAlone() {
        ItemChange update = new ItemChange("A", "A", "shop", "Later title", "Story", List.of(), T1,
                T2.plusSeconds(60), List.of(), false);
        assertEquals(Presence.deletion(T1), merged(ItemChange.deletion("A", T1), update));
        assertEquals(null, merged(update, update));
    }
}
