package io.flowlens.assessment.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Which answers a submission or a draft may not carry. */
class AnswerCheckTest {

    private final Questionnaire ccm = Ccm.questionnaire();

    @Test
    void completeAnswersOnTheScalePass() {
        assertEquals(List.of(), AnswerCheck.check(ccm, Ccm.uniform(ccm, 75, Map.of()), true));
    }

    @Test
    void eachBadAnswerIsNamedOnce() {
        Map<String, Integer> answers = new HashMap<>(Ccm.uniform(ccm, 75, Map.of()));
        answers.put("research.blend", 6);
        answers.put("strategy.evidence", 0);
        answers.put("research.typo", 3);
        answers.remove("teams.silos");
        answers.put("service.role", null);
        List<AnswerCheck.Problem> problems = AnswerCheck.check(ccm, answers, true);
        assertEquals(List.of("research.blend", "strategy.evidence", "service.role", "research.typo", "teams.silos"),
                problems.stream().map(AnswerCheck.Problem::statementId).toList());
    }

    @Test
    void aDraftMayLeaveStatementsOpenButNotBreakTheScale() {
        Map<String, Integer> draft = new HashMap<>(Map.of("research.blend", 4, "product.output", 9));
        List<AnswerCheck.Problem> problems = AnswerCheck.check(ccm, draft, false);
        assertEquals(List.of("product.output"), problems.stream().map(AnswerCheck.Problem::statementId).toList());
    }
}
