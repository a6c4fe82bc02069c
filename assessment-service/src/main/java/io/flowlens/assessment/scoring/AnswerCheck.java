package io.flowlens.assessment.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Which answers a questionnaire refuses: unknown statements, values off the scale, and (when complete) gaps. */
public final class AnswerCheck {

    /** One refused answer, by statement id. */
    public record Problem(String statementId, String detail) {
    }

    private AnswerCheck() {
    }

    /**
     * @param complete whether every statement must be answered (a submission) or gaps are fine (a draft)
     * @return the problems in a stable order: given answers in questionnaire order, unknown ids, then gaps
     */
    public static List<Problem> check(Questionnaire questionnaire, Map<String, Integer> answers, boolean complete) {
        Map<String, Questionnaire.Statement> known = questionnaire.statementsById();
        List<Problem> problems = new ArrayList<>();
        List<Problem> missing = new ArrayList<>();
        for (String id : known.keySet()) {
            if (!answers.containsKey(id)) {
                if (complete) {
                    missing.add(new Problem(id, "not answered; every statement needs an answer from "
                            + questionnaire.scaleMin() + " to " + questionnaire.scaleMax()));
                }
                continue;
            }
            Integer value = answers.get(id);
            if (value == null || value < questionnaire.scaleMin() || value > questionnaire.scaleMax()) {
                problems.add(new Problem(id, "answer " + value + " is outside the scale "
                        + questionnaire.scaleMin() + ".." + questionnaire.scaleMax()));
            }
        }
        answers.keySet().stream().filter(id -> !known.containsKey(id)).sorted()
                .forEach(id -> problems.add(new Problem(id, "unknown statement in questionnaire "
                        + questionnaire.version())));
        problems.addAll(missing);
        return problems;
    }
}
