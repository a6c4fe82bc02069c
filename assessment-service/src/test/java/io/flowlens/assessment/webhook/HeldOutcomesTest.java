package io.flowlens.assessment.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Outcomes that could not be written down while the database was away are kept until their
 * deadline (the delivery's lease, less a margin) and handed back to be written; past it they are
 * dropped, so the delivery goes out again rather than being recorded by a claim that lost it.
 */
class HeldOutcomesTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void heldOutcomesComeBackInOrderWhileWithinTheirDeadline() {
        HeldOutcomes<String> held = new HeldOutcomes<>(10);
        assertTrue(held.hold(new HeldOutcomes.Held<>("a", T0.plusSeconds(20)), T0));
        assertTrue(held.hold(new HeldOutcomes.Held<>("b", T0.plusSeconds(20)), T0));

        HeldOutcomes.Taken<String> taken = held.take(T0.plusSeconds(5));

        assertEquals(List.of("a", "b"), taken.due().stream().map(HeldOutcomes.Held::item).toList());
        assertEquals(0, taken.expired());
        assertEquals(0, held.size(), "taken out: whoever fails to write one holds it again");
    }

    @Test
    void pastTheirDeadlineTheyAreDroppedAndCounted() {
        HeldOutcomes<String> held = new HeldOutcomes<>(10);
        held.hold(new HeldOutcomes.Held<>("early", T0.plusSeconds(10)), T0);
        held.hold(new HeldOutcomes.Held<>("late", T0.plusSeconds(30)), T0);

        HeldOutcomes.Taken<String> taken = held.take(T0.plusSeconds(10));

        assertEquals(List.of("late"), taken.due().stream().map(HeldOutcomes.Held::item).toList());
        assertEquals(1, taken.expired());
    }

    @Test
    void anOutcomeAlreadyPastItsDeadlineOrBeyondTheBoundIsNotKept() {
        HeldOutcomes<String> held = new HeldOutcomes<>(2);
        assertFalse(held.hold(new HeldOutcomes.Held<>("too late", T0), T0));
        assertTrue(held.hold(new HeldOutcomes.Held<>("a", T0.plusSeconds(1)), T0));
        assertTrue(held.hold(new HeldOutcomes.Held<>("b", T0.plusSeconds(1)), T0));
        assertFalse(held.hold(new HeldOutcomes.Held<>("c", T0.plusSeconds(1)), T0));
        assertEquals(2, held.size());
    }
}
