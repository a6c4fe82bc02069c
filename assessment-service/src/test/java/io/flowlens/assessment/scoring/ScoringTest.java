package io.flowlens.assessment.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Statement, dimension and index scores, rounding and levels, on hand-computed answer sets. */
class ScoringTest {

    private final Questionnaire ccm = Ccm.questionnaire();

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    private Scoring.DimensionScore dimension(Scoring.Result result, String id) {
        return result.dimensions().stream().filter(x -> x.dimension().id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void neutralAnswersScoreFiftyEverywhereIncludingReverseStatements() {
        Map<String, Integer> answers = new HashMap<>();
        ccm.statementsById().keySet().forEach(id -> answers.put(id, 3));
        Scoring.Result result = Scoring.score(ccm, answers);
        result.dimensions().forEach(dim -> assertEquals(d("50.0"), dim.reported()));
        assertEquals(d("50.0"), result.index());
        assertEquals("Developing", result.level().name());
    }

    @Test
    void reverseStatementsScoreFiveMinusAnswer() {
        Map<String, Integer> answers = Ccm.uniform(ccm, 100, Map.of());
        // Strongly agreeing that decisions rest on opinion is the worst answer: (5 − 5) / 4 × 100 = 0.
        answers.put("research.opinion", 5);
        // Strongly disagreeing with "teams are judged by features shipped" is the best: (5 − 1) / 4 × 100 = 100.
        answers.put("product.output", 1);
        Scoring.Result result = Scoring.score(ccm, answers);
        assertEquals(d("80.0"), dimension(result, "research").reported()); // (100×4 + 0) / 5
        assertEquals(d("100.0"), dimension(result, "product").reported());
        BigDecimal opinion = dimension(result, "research").statements().get(4).score();
        assertEquals(0, opinion.signum());
        // Index: (80 + 100×5 + 1.5×100) / 7.5 = 730 / 7.5 = 97.333… → 97.3
        assertEquals(d("97.3"), result.index());
    }

    @Test
    void answersMapLinearlyOntoTheScale() {
        Map<String, Integer> answers = Ccm.uniform(ccm, 100, Map.of());
        answers.putAll(Map.of("strategy.problems", 1, "strategy.evidence", 2, "strategy.delegation", 3,
                "strategy.servant", 4, "strategy.measures", 5));
        Scoring.Result result = Scoring.score(ccm, answers);
        List<BigDecimal> scores = dimension(result, "strategy").statements().stream().map(Scoring.StatementScore::score).toList();
        assertEquals(List.of(0, 25, 50, 75, 100), scores.stream().map(BigDecimal::intValueExact).toList());
        assertEquals(d("50.0"), dimension(result, "strategy").reported());
    }

    @Test
    void communicationWeighsOneAndAHalf() {
        // Communication 100, everything else 0: 1.5 × 100 / 7.5 = 20.0, exactly on the Emerging boundary.
        Scoring.Result onlyCommunication = Scoring.score(ccm, Ccm.uniform(ccm, 0, Map.of("communication", 100)));
        assertEquals(d("20.0"), onlyCommunication.index());
        assertEquals("Emerging", onlyCommunication.level().name());
        // Everything 100 but communication: 6 × 100 / 7.5 = 80.0, exactly on the Leading boundary.
        Scoring.Result allButCommunication = Scoring.score(ccm, Ccm.uniform(ccm, 100, Map.of("communication", 0)));
        assertEquals(d("80.0"), allButCommunication.index());
        assertEquals("Leading", allButCommunication.level().name());
    }

    @Test
    void levelBoundariesAtFortyAndSixtyBelongToTheHigherLevel() {
        // 1.5×100 + 100 + 50 = 300; 300 / 7.5 = 40.0
        Scoring.Result forty = Scoring.score(ccm, Ccm.uniform(ccm, 0,
                Map.of("communication", 100, "research", 100, "strategy", 50)));
        assertEquals(d("40.0"), forty.index());
        assertEquals(3, forty.level().level());
        // 1.5×100 + 3×100 = 450; 450 / 7.5 = 60.0
        Scoring.Result sixty = Scoring.score(ccm, Ccm.uniform(ccm, 0,
                Map.of("communication", 100, "research", 100, "strategy", 100, "product", 100)));
        assertEquals(d("60.0"), sixty.index());
        assertEquals(4, sixty.level().level());
        // 1.5×75 + 100 + 75 = 287.5 → 38.333… → 38.3, still Emerging
        Scoring.Result below = Scoring.score(ccm, Ccm.uniform(ccm, 0,
                Map.of("communication", 75, "research", 100, "strategy", 75)));
        assertEquals(d("38.3"), below.index());
        assertEquals("Emerging", below.level().name());
        Scoring.Result zero = Scoring.score(ccm, Ccm.uniform(ccm, 0, Map.of()));
        assertEquals(d("0.0"), zero.index());
        assertEquals("Nascent", zero.level().name());
    }

    @Test
    void roundingIsHalfAwayFromZeroAndAppliedLast() {
        // A dimension of four statements: (25 + 0 + 0 + 0) / 4 = 6.25, reported 6.3 (half-even would say 6.2).
        Questionnaire four = new Questionnaire("t", "t", 1, 5, List.of(new Questionnaire.Dimension("a", "a", BigDecimal.ONE,
                List.of(st("a.1"), st("a.2"), st("a.3"), st("a.4")))), Ccm.levels());
        Scoring.Result result = Scoring.score(four, Map.of("a.1", 2, "a.2", 1, "a.3", 1, "a.4", 1));
        assertEquals(d("6.3"), dimension(result, "a").reported());
        assertEquals(0, d("6.25").compareTo(dimension(result, "a").exact()));
        assertEquals(d("6.3"), result.index());
    }

    @Test
    void theLevelIsReadFromTheReportedIndex() {
        // Weights 0.8005 and 0.1995: 0.1995 × 100 / 1 = 19.95 exactly, reported 20.0, so Emerging.
        Questionnaire q = new Questionnaire("t", "t", 1, 5, List.of(
                new Questionnaire.Dimension("a", "a", d("0.8005"), List.of(st("a.1"))),
                new Questionnaire.Dimension("b", "b", d("0.1995"), List.of(st("b.1")))), Ccm.levels());
        Scoring.Result result = Scoring.score(q, Map.of("a.1", 1, "b.1", 5));
        assertEquals(0, d("19.95").compareTo(result.exactIndex()));
        assertEquals(d("20.0"), result.index());
        assertEquals("Emerging", result.level().name());
    }

    @Test
    void incompleteAnswersAreRefused() {
        Map<String, Integer> answers = Ccm.uniform(ccm, 50, Map.of());
        answers.remove("teams.silos");
        assertThrows(IllegalArgumentException.class, () -> Scoring.score(ccm, answers));
    }

    private static Questionnaire.Statement st(String id) {
        return new Questionnaire.Statement(id, id, false, null);
    }
}
