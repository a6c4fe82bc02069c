package io.flowlens.ingestion.item;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.flowlens.ingestion.domain.StatusChange;
import io.flowlens.ingestion.tracker.ItemChange;

/** Which facts the database cannot store, named by field. */
class StorableFactsTest {

    static final Instant T = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void ordinaryFactsHaveNoProblem() {
        assertTrue(StorableFacts.problems(new ItemChange("A", "A-1", "p", "title", "Bug", List.of("x"), T, T,
                List.of(StatusChange.of(T, "Done")), false)).isEmpty());
    }

    @Test
    void instantsOutsideTheYearsOneToNineThousandNineHundredNinetyNineAreNamed() {
        Instant far = Instant.parse("+294277-01-01T00:00:00Z");
        Instant ancient = Instant.parse("-290000-01-01T00:00:00Z");
        List<StorableFacts.Problem> p = StorableFacts.problems(new ItemChange("A", null, null, null, null, null,
                ancient, T, List.of(StatusChange.of(T, "Open"), StatusChange.of(far, "Done")), false));
        assertEquals(List.of("/createdAt", "/statuses/1/at"), p.stream().map(StorableFacts.Problem::field).toList());
    }

    @Test
    void textWithANulCharacterIsNamed() {
        List<StorableFacts.Problem> p = StorableFacts.problems(new ItemChange("A", null, null, "broken\u0000", null,
                List.of("ok", "bad\u0000"), T, T, List.of(new StatusChange(T, "Done", null, "Won't\u0000Do", 1L)), false));
        assertEquals(List.of("/title", "/labels/1", "/statuses/0/resolution"),
                p.stream().map(StorableFacts.Problem::field).toList());
    }
}
