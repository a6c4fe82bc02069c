package io.flowlens.assessment.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Leverage order, ties, communication first below 50, and the lowest statements named. */
class RecommendationOrderTest {

    private final Questionnaire ccm = Ccm.questionnaire();

    private List<String> order(Map<String, Integer> answers) {
        return Scoring.score(ccm, answers).recommendations().stream().map(r -> r.dimension().dimension().id()).toList();
    }

    @Test
    void higherLeverageComesFirstAndWeightCounts() {
        Map<String, Integer> answers = Ccm.uniform(ccm, 100, Map.of());
        answers.putAll(Ccm.dimension(ccm, "strategy", 50, 50, 50, 0, 0)); // 30 → leverage 70
        answers.putAll(Ccm.dimension(ccm, "communication", 75, 75, 50, 50, 50)); // 60 → 1.5 × 40 = 60
        answers.putAll(Ccm.dimension(ccm, "research", 50, 50, 50, 50, 50)); // 50 → 50
        List<Scoring.Recommendation> recs = Scoring.score(ccm, answers).recommendations();
        assertEquals(List.of("strategy", "communication", "research"),
                recs.stream().map(r -> r.dimension().dimension().id()).toList());
        assertEquals(0, BigDecimal.valueOf(60).compareTo(recs.get(1).leverage()));
    }

    @Test
    void communicationBelowFiftyComesFirstWhateverItsLeverage() {
        Map<String, Integer> answers = Ccm.uniform(ccm, 100, Map.of("research", 0, "strategy", 0));
        answers.putAll(Ccm.dimension(ccm, "communication", 50, 50, 50, 50, 0)); // 40 → leverage 90 < 100
        assertEquals(List.of("communication", "research", "strategy"), order(answers));
    }

    @Test
    void communicationAtExactlyFiftyIsOrderedByLeverage() {
        Map<String, Integer> answers = Ccm.uniform(ccm, 100, Map.of("communication", 50)); // leverage 75
        answers.putAll(Ccm.dimension(ccm, "research", 25, 25, 25, 25, 0)); // 20 → leverage 80
        assertEquals(List.of("research", "communication"), order(answers));
    }

    @Test
    void tiesKeepTheQuestionnaireOrderAndPerfectDimensionsGetNone() {
        Map<String, Integer> answers = Ccm.uniform(ccm, 100, Map.of("enablement", 50, "product", 50, "teams", 50,
                "service", 50));
        assertEquals(List.of("product", "teams", "service"), order(answers));
        assertEquals(List.of(), order(Ccm.uniform(ccm, 100, Map.of())));
    }

    @Test
    void eachRecommendationNamesItsLowestStatementsWithANextStep() {
        Map<String, Integer> answers = Ccm.uniform(ccm, 100, Map.of());
        answers.putAll(Ccm.dimension(ccm, "teams", 75, 25, 0, 25, 100)); // silos (reverse) scores 0
        Scoring.Recommendation rec = Scoring.score(ccm, answers).recommendations().get(0);
        assertEquals(List.of("teams.silos", "teams.frontline"), rec.lowest().stream().map(s -> s.statement().id()).toList());
        assertEquals("next step for teams.silos", rec.lowest().get(0).statement().nextStep());
        assertEquals(5, rec.lowest().get(0).answer()); // agreeing that silos stop us is the low answer
    }
}
