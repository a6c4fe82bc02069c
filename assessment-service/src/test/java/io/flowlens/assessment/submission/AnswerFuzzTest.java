package io.flowlens.assessment.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import io.flowlens.assessment.questionnaire.PublishedQuestionnaire;
import io.flowlens.assessment.questionnaire.SeedQuestionnaire;
import io.flowlens.assessment.scoring.Questionnaire;
import io.flowlens.assessment.scoring.Scoring;
import io.flowlens.common.problem.ApiException;
import io.flowlens.common.problem.Problem;

/**
 * Fuzzing the answers against ccm-2026.1 as published: whatever a partner sends (answers
 * dropped, off the scale, null, at the integer limits, unknown ids with odd characters), the
 * validation either accepts it and scoring gives scores within their documented ranges, or it
 * refuses it with a 422 naming answers by pointer, and nothing else is ever thrown. Seeded and
 * bounded so that it is part of every test run.
 */
class AnswerFuzzTest {

    private static final PublishedQuestionnaire CCM = SeedQuestionnaire.ccm();
    private static final List<String> IDS = List.copyOf(CCM.model().statementsById().keySet());
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** One change to an answer set. */
    record Mutation(int kind, int index, Integer value, String unknownId) {
    }

    @Provide
    Arbitrary<Map<String, Integer>> completeAnswers() {
        return Arbitraries.integers().between(1, 5).list().ofSize(IDS.size()).map(values -> {
            Map<String, Integer> answers = new HashMap<>();
            for (int i = 0; i < IDS.size(); i++) {
                answers.put(IDS.get(i), values.get(i));
            }
            return answers;
        });
    }

    @Provide
    Arbitrary<Map<String, Integer>> mutatedAnswers() {
        Arbitrary<Integer> oddValues = Arbitraries.oneOf(Arbitraries.integers().between(-10, 15),
                Arbitraries.of(Integer.MIN_VALUE, Integer.MAX_VALUE, 0, 6), Arbitraries.just(null));
        Arbitrary<String> oddIds = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().withChars("~/.\u0000\n\"\\ éàü").ofMaxLength(12),
                Arbitraries.of(IDS).map(id -> id.toUpperCase()),
                Arbitraries.of(IDS).map(id -> id + " "),
                Arbitraries.just(""));
        Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, IDS.size() - 1), oddValues, oddIds).as(Mutation::new);
        return Combinators.combine(completeAnswers(), mutation.list().ofMaxSize(12)).as((answers, mutations) -> {
            Map<String, Integer> mutated = new HashMap<>(answers);
            for (Mutation m : mutations) {
                switch (m.kind()) {
                    case 0 -> mutated.remove(IDS.get(m.index()));
                    case 1 -> mutated.put(IDS.get(m.index()), m.value());
                    default -> mutated.put(m.unknownId(), m.value());
                }
            }
            return mutated;
        });
    }

    @Property(tries = 400, seed = "20261129")
    void aSubmissionIsScoredWithinRangeOrRefusedByPointer(@ForAll("mutatedAnswers") Map<String, Integer> answers) {
        try {
            Answers.requireValid(CCM, answers, true);
        } catch (ApiException refused) {
            assertRefusal(refused, answers);
            return;
        }
        assertWithinRanges(Scoring.score(CCM.model(), answers));
    }

    @Property(tries = 300, seed = "20261129")
    void aDraftIsSavedOrRefusedByPointer(@ForAll("mutatedAnswers") Map<String, Integer> answers) {
        try {
            Answers.requireValid(CCM, answers, false);
        } catch (ApiException refused) {
            assertRefusal(refused, answers);
            return;
        }
        // Accepted as a draft: every given answer is known and on the scale.
        answers.forEach((id, value) -> assertTrue(IDS.contains(id) && value != null && value >= 1 && value <= 5));
    }

    @Property(tries = 300, seed = "20261129")
    void everyCompleteAnswerSetScoresWithinItsRanges(@ForAll("completeAnswers") Map<String, Integer> answers) {
        Answers.requireValid(CCM, answers, true);
        assertWithinRanges(Scoring.score(CCM.model(), answers));
    }

    private static void assertRefusal(ApiException refused, Map<String, Integer> answers) {
        assertEquals(422, refused.status());
        assertFalse(refused.errors() == null || refused.errors().isEmpty(), "a refusal names what is wrong");
        for (Problem.FieldError error : refused.errors()) {
            assertTrue(error.pointer().startsWith("/answers/"), error.pointer());
            String id = error.pointer().substring("/answers/".length()).replace("~1", "/").replace("~0", "~");
            assertTrue(answers.containsKey(id) || IDS.contains(id), "the pointer names a sent or expected answer: " + id);
        }
    }

    private static void assertWithinRanges(Scoring.Result result) {
        assertInRange(result.index());
        assertTrue(result.index().scale() <= 1, "one decimal");
        assertEquals(IDS.size() / 5, result.dimensions().size());
        for (Scoring.DimensionScore d : result.dimensions()) {
            assertInRange(d.reported());
            assertInRange(d.exact());
        }
        Questionnaire.Level level = result.level();
        assertTrue(level.level() >= 1 && level.level() <= 5);
        assertTrue(result.index().compareTo(level.from()) >= 0, "the level starts at or below the index");
        assertTrue(result.recommendations().size() <= Scoring.RECOMMENDED_DIMENSIONS);
        List<String> recommended = new ArrayList<>();
        for (Scoring.Recommendation r : result.recommendations()) {
            assertTrue(r.leverage().signum() > 0, "no recommendation for a dimension at 100");
            assertTrue(r.lowest().size() >= 1 && r.lowest().size() <= Scoring.STATEMENTS_PER_RECOMMENDATION);
            assertFalse(recommended.contains(r.dimension().dimension().id()), "each dimension recommended once");
            recommended.add(r.dimension().dimension().id());
        }
    }

    private static void assertInRange(BigDecimal score) {
        assertTrue(score.signum() >= 0 && score.compareTo(HUNDRED) <= 0, "score " + score + " outside 0..100");
    }
}
