package io.flowlens.assessment.scoring;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The shape of ccm-2026.1 (ids, reverse statements, weights, levels) for plain unit tests. */
final class Ccm {

    static final String[][] STATEMENTS = {
            {"research", "blend", "continuous", "role", "worth", "-opinion"},
            {"strategy", "problems", "evidence", "delegation", "servant", "measures"},
            {"product", "strategic", "backlog", "prototype", "balance", "-output"},
            {"communication", "upward", "strategy", "crossteam", "vision", "onboarding"},
            {"teams", "crossfunctional", "frontline", "-silos", "learning", "autonomy"},
            {"service", "journey", "consistency", "stakeholders", "role", "internal"},
            {"enablement", "repository", "patterns", "loop", "-governance", "automation"}};

    private Ccm() {
    }

    static Questionnaire questionnaire() {
        List<Questionnaire.Dimension> dimensions = new ArrayList<>();
        for (String[] row : STATEMENTS) {
            List<Questionnaire.Statement> statements = new ArrayList<>();
            for (int i = 1; i < row.length; i++) {
                boolean reverse = row[i].startsWith("-");
                String id = row[0] + "." + row[i].replace("-", "");
                statements.add(new Questionnaire.Statement(id, id, reverse, "next step for " + id));
            }
            BigDecimal weight = row[0].equals("communication") ? new BigDecimal("1.5") : BigDecimal.ONE;
            dimensions.add(new Questionnaire.Dimension(row[0], row[0], weight, statements));
        }
        return new Questionnaire("ccm-2026.1", "ccm", 1, 5, dimensions, levels());
    }

    static List<Questionnaire.Level> levels() {
        return List.of(new Questionnaire.Level(1, "Nascent", BigDecimal.ZERO),
                new Questionnaire.Level(2, "Emerging", BigDecimal.valueOf(20)),
                new Questionnaire.Level(3, "Developing", BigDecimal.valueOf(40)),
                new Questionnaire.Level(4, "Established", BigDecimal.valueOf(60)),
                new Questionnaire.Level(5, "Leading", BigDecimal.valueOf(80)));
    }

    /** Answers giving each statement of a dimension the wanted statement scores (0/25/50/75/100), reverse-aware. */
    static Map<String, Integer> dimension(Questionnaire q, String dimension, int... statementScores) {
        Map<String, Integer> answers = new LinkedHashMap<>();
        List<Questionnaire.Statement> statements = q.dimension(dimension).orElseThrow().statements();
        for (int i = 0; i < statements.size(); i++) {
            int points = statementScores[i] / 25;
            answers.put(statements.get(i).id(), statements.get(i).reverse() ? 5 - points : points + 1);
        }
        return answers;
    }

    /** Every dimension at a uniform statement score, unless overridden by {@code scores} (dimension → score). */
    static Map<String, Integer> uniform(Questionnaire q, int statementScore, Map<String, Integer> scores) {
        Map<String, Integer> answers = new LinkedHashMap<>();
        for (Questionnaire.Dimension d : q.dimensions()) {
            int s = scores.getOrDefault(d.id(), statementScore);
            answers.putAll(dimension(q, d.id(), s, s, s, s, s));
        }
        return answers;
    }
}
