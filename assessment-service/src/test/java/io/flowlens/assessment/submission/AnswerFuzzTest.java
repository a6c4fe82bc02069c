package io.flowlens.assessment.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
 * bounded so that it is part of every test run; a failure names its seed and try, so it can be
 * replayed and turned into a regular test.
 */
class AnswerFuzzTest {

    private static final PublishedQuestionnaire CCM = SeedQuestionnaire.ccm();
    private static final List<String> IDS = List.copyOf(CCM.model().statementsById().keySet());
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private static final int[] ODD_VALUES = {Integer.MIN_VALUE, Integer.MAX_VALUE, 0, 6};
    private static final String ODD_CHARS = "~/.\u0000\n\"\\ \u00e9\u00e0\u00fc";

    private static Map<String, Integer> completeAnswers(SplittableRandom random) {
        Map<String, Integer> answers = new HashMap<>();
        for (String id : IDS) {
            answers.put(id, random.nextInt(1, 6));
        }
        return answers;
    }

    /** A complete answer set with up to 12 changes: answers dropped, set off the scale or null, unknown ids added. */
    private static Map<String, Integer> mutatedAnswers(SplittableRandom random) {
        Map<String, Integer> mutated = completeAnswers(random);
        int changes = random.nextInt(13);
        for (int c = 0; c < changes; c++) {
            String id = IDS.get(random.nextInt(IDS.size()));
            switch (random.nextInt(3)) {
                case 0 -> mutated.remove(id);
                case 1 -> mutated.put(id, oddValue(random));
                default -> mutated.put(oddId(random, id), oddValue(random));
            }
        }
        return mutated;
    }

    private static Integer oddValue(SplittableRandom random) {
        return switch (random.nextInt(3)) {
            case 0 -> random.nextInt(-10, 16);
            case 1 -> ODD_VALUES[random.nextInt(ODD_VALUES.length)];
            default -> null;
        };
    }

    private static String oddId(SplittableRandom random, String known) {
        return switch (random.nextInt(5)) {
            case 0 -> randomString(random, 40, null);
            case 1 -> randomString(random, 12, ODD_CHARS);
            case 2 -> known.toUpperCase();
            case 3 -> known + " ";
            default -> "";
        };
    }

    private static String randomString(SplittableRandom random, int maxLength, String alphabet) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet == null ? (char) random.nextInt(0x10000)
                    : alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    @ParameterizedTest
    @ValueSource(longs = {20261129L, 1L, 42L, 7_777_777L})
    void aSubmissionIsScoredWithinRangeOrRefusedByPointer(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int attempt = 0; attempt < 100; attempt++) {
            Map<String, Integer> answers = mutatedAnswers(random);
            String where = "seed " + seed + ", try " + attempt + ": " + answers;
            try {
                Answers.requireValid(CCM, answers, true);
            } catch (ApiException refused) {
                assertRefusal(refused, answers, where);
                continue;
            }
            assertWithinRanges(Scoring.score(CCM.model(), answers));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {20261129L, 3L, 99L})
    void aDraftIsSavedOrRefusedByPointer(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int attempt = 0; attempt < 100; attempt++) {
            Map<String, Integer> answers = mutatedAnswers(random);
            String where = "seed " + seed + ", try " + attempt + ": " + answers;
            try {
                Answers.requireValid(CCM, answers, false);
            } catch (ApiException refused) {
                assertRefusal(refused, answers, where);
                continue;
            }
            // Accepted as a draft: every given answer is known and on the scale.
            answers.forEach((id, value) -> assertTrue(IDS.contains(id) && value != null && value >= 1 && value <= 5,
                    where));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {20261129L, 5L, 11L})
    void everyCompleteAnswerSetScoresWithinItsRanges(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int attempt = 0; attempt < 100; attempt++) {
            Map<String, Integer> answers = completeAnswers(random);
            Answers.requireValid(CCM, answers, true);
            assertWithinRanges(Scoring.score(CCM.model(), answers));
        }
    }

    private static void assertRefusal(ApiException refused, Map<String, Integer> answers, String where) {
        assertEquals(422, refused.status(), where);
        assertFalse(refused.errors() == null || refused.errors().isEmpty(), "a refusal names what is wrong: " + where);
        for (Problem.FieldError error : refused.errors()) {
            assertTrue(error.pointer().startsWith("/answers/"), error.pointer() + " at " + where);
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
