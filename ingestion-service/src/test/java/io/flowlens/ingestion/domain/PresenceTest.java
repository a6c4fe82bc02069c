package io.flowlens.ingestion.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The newest deletion or restoration decides presence, whatever order the statements arrive in. */
class PresenceTest {

    static final Instant T1 = Instant.parse("2021-08-09T10:00:00Z");
    static final Instant T2 = Instant.parse("2021-08-10T10:00:00Z");

    static Presence newestOf(List<Presence> statements) {
        Presence p = null;
        for (Presence s : statements) {
            p = Presence.newest(p, s);
        }
        return p;
    }

    @Test
    void noStatementIsPresent() {
        assertNull(newestOf(List.of()));
        assertFalse(Presence.isDeleted(null));
    }

    @Test
    void aRestorationAfterTheDeletionBringsTheItemBackInEitherArrivalOrder() {
        Presence deleted = Presence.deletion(T1);
        Presence restored = Presence.restoration(T2);
        assertEquals(restored, newestOf(List.of(deleted, restored)));
        assertEquals(restored, newestOf(List.of(restored, deleted)));
        assertFalse(Presence.isDeleted(newestOf(List.of(restored, deleted))));
    }

    @Test
    void aDeletionAfterTheRestorationEndsTheItemInEitherArrivalOrder() {
        Presence restored = Presence.restoration(T1);
        Presence deleted = Presence.deletion(T2);
        assertTrue(Presence.isDeleted(newestOf(List.of(restored, deleted))));
        assertTrue(Presence.isDeleted(newestOf(List.of(deleted, restored))));
    }

    @Test
    void atTheSameInstantTheDeletionWins() {
        assertTrue(Presence.isDeleted(newestOf(List.of(Presence.deletion(T1), Presence.restoration(T1)))));
        assertTrue(Presence.isDeleted(newestOf(List.of(Presence.restoration(T1), Presence.deletion(T1)))));
    }

    @Test
    void aStatementWithoutAnInstantIsOlderThanAnyWithOne() {
        assertFalse(Presence.isDeleted(newestOf(List.of(Presence.restoration(T1), Presence.deletion(null)))));
        assertTrue(Presence.isDeleted(newestOf(List.of(Presence.deletion(T1), Presence.restoration(null)))));
        // Still a statement: a deletion without an instant ends an item nothing else was said of.
        assertTrue(Presence.isDeleted(newestOf(List.of(Presence.deletion(null)))));
        assertTrue(Presence.isDeleted(newestOf(List.of(Presence.restoration(null), Presence.deletion(null)))));
    }

    @Test
    void theSameStatementAgainDoesNotSupersedeItself() {
        Presence restored = Presence.restoration(T2);
        assertFalse(Presence.restoration(T2).supersedes(restored));
        assertTrue(restored.supersedes(null));
    }

    @Test
    void anyArrivalOrderOfManyStatementsGivesTheSameAnswer() {
        Random random = new Random(20261129L);
        for (int round = 0; round < 200; round++) {
            List<Presence> statements = new ArrayList<>();
            int n = 1 + random.nextInt(8);
            for (int i = 0; i < n; i++) {
                Instant at = random.nextInt(6) == 0 ? null : T1.plusSeconds(random.nextInt(4));
                statements.add(new Presence(random.nextBoolean(), at));
            }
            Presence expected = newestOf(statements);
            for (int shuffle = 0; shuffle < 5; shuffle++) {
                Collections.shuffle(statements, random);
                assertEquals(expected, newestOf(statements), "seed 20261129, round " + round + ": " + statements);
            }
            // The newest is one the others do not supersede.
            for (Presence s : statements) {
                assertFalse(s.supersedes(expected), "round " + round);
            }
        }
    }
}
