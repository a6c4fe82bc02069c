package io.flowlens.ingestion.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.flowlens.common.contract.ItemEventContract;
import io.flowlens.ingestion.outbox.MetricsAnswer.Kind;

/** How the relay reads metrics' answers, and how it cuts batches: plain rules, no service. */
class MetricsAnswerTest {

    @Test
    void aPerEventAnswerNamesTheRefusedByIndexWithPointersIntoTheEvent() {
        MetricsAnswer a = MetricsAnswer.of(200, "{\"accepted\":2,\"ignored\":0,\"refused\":[{\"eventId\":\"e\",\"index\":1,"
                + "\"errors\":[{\"pointer\":\"/events/1/item/title\",\"detail\":\"too long\"}]},{\"index\":7}]}", 3);
        assertEquals(Kind.DELIVERED, a.kind());
        assertEquals(1, a.refused().size(), "an index outside the batch is not ours to park");
        assertEquals("/item/title", a.refused().get(1).get(0).get("pointer").asText());
        assertEquals("too long", a.refused().get(1).get(0).get("detail").asText());
    }

    @Test
    void aVersionOneAnswerMeansEverythingApplied() {
        assertTrue(MetricsAnswer.of(200, "{\"accepted\":3,\"ignored\":0}", 3).refused().isEmpty());
        assertTrue(MetricsAnswer.of(204, "", 3).refused().isEmpty());
        assertEquals(Kind.DELIVERED, MetricsAnswer.of(200, "not json", 3).kind());
    }

    @Test
    void onlyARefusalOfTheBatchItselfSplitsItEverythingElseIsRetried() {
        for (int status : List.of(400, 413, 422)) {
            assertEquals(Kind.BATCH_REFUSED, MetricsAnswer.of(status, "{}", 5).kind(), "" + status);
        }
        // A wrong identity secret, a wrong URL, an overloaded or absent consumer: not the events' fault.
        for (int status : List.of(401, 403, 404, 409, 429, 500, 502, 503, 504)) {
            assertEquals(Kind.UNAVAILABLE, MetricsAnswer.of(status, "{}", 5).kind(), "" + status);
        }
    }

    static ParkedEvents.Claimed row(int chars) {
        return new ParkedEvents.Claimed(1, UUID.randomUUID(), "t", UUID.randomUUID(), 1, 0, "x".repeat(chars));
    }

    @Test
    void aBatchIsCutBeforeItsBodyPassesTheContractsSizeAndABigEventTravelsAlone() {
        List<ParkedEvents.Claimed> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rows.add(row(1_000_000));
        }
        rows.add(row(ItemEventContract.MAX_BATCH_BYTES + 1));
        rows.add(row(10));
        List<List<ParkedEvents.Claimed>> posts = OutboxRelay.byBodySize(rows);
        assertEquals(List.of(8, 8, 4, 1, 1), posts.stream().map(List::size).toList());
        assertEquals(2, OutboxRelay.utf8Length("\u00e9"));
        assertEquals(3, OutboxRelay.utf8Length("\u20ac"));
        assertEquals(4, OutboxRelay.utf8Length("\ud83d\ude80"));
    }
}
