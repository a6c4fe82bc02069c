package io.flowlens.assessment.scoring;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Turns a complete answer set into statement, dimension and index scores, a level and recommendations. */
public final class Scoring {

    /** How many dimensions get a recommendation, weakest (by leverage) first. */
    public static final int RECOMMENDED_DIMENSIONS = 3;
    /** How many of a recommended dimension's lowest statements get a next step. */
    public static final int STATEMENTS_PER_RECOMMENDATION = 2;

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public record StatementScore(Questionnaire.Statement statement, int answer, BigDecimal score) {
    }

    /** {@code exact} is unrounded (leverage uses it); {@code reported} is what callers see. */
    public record DimensionScore(Questionnaire.Dimension dimension, BigDecimal exact, BigDecimal reported,
            List<StatementScore> statements) {
    }

    public record Recommendation(DimensionScore dimension, BigDecimal leverage, List<StatementScore> lowest) {
    }

    public record Result(List<DimensionScore> dimensions, BigDecimal exactIndex, BigDecimal index,
            Questionnaire.Level level, List<Recommendation> recommendations) {
    }

    private Scoring() {
    }

    /** Scores an answer set that {@link AnswerCheck} found complete and in range. */
    public static Result score(Questionnaire questionnaire, Map<String, Integer> answers) {
        List<AnswerCheck.Problem> problems = AnswerCheck.check(questionnaire, answers, true);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("answers are not complete and valid: " + problems);
        }
        BigDecimal span = BigDecimal.valueOf(questionnaire.scaleMax() - questionnaire.scaleMin());
        List<DimensionScore> dimensions = new ArrayList<>();
        BigDecimal weighted = BigDecimal.ZERO;
        BigDecimal weights = BigDecimal.ZERO;
        for (Questionnaire.Dimension dimension : questionnaire.dimensions()) {
            List<StatementScore> statements = new ArrayList<>();
            BigDecimal sum = BigDecimal.ZERO;
            for (Questionnaire.Statement statement : dimension.statements()) {
                int answer = answers.get(statement.id());
                int points = statement.reverse() ? questionnaire.scaleMax() - answer : answer - questionnaire.scaleMin();
                BigDecimal score = BigDecimal.valueOf(points).multiply(HUNDRED).divide(span, Rounding.EXACT);
                statements.add(new StatementScore(statement, answer, score));
                sum = sum.add(score);
            }
            BigDecimal exact = sum.divide(BigDecimal.valueOf(statements.size()), Rounding.EXACT);
            dimensions.add(new DimensionScore(dimension, exact, Rounding.oneDecimal(exact), statements));
            weighted = weighted.add(dimension.weight().multiply(exact));
            weights = weights.add(dimension.weight());
        }
        BigDecimal exactIndex = weighted.divide(weights, Rounding.EXACT);
        BigDecimal index = Rounding.oneDecimal(exactIndex);
        return new Result(dimensions, exactIndex, index, questionnaire.levelOf(index), recommend(dimensions));
    }

    /**
     * Dimensions by leverage {@code weight × (100 − score)} on unrounded scores, ties in questionnaire
     * order; the priority dimension first while below its threshold. Dimensions already at 100 get none.
     */
    static List<Recommendation> recommend(List<DimensionScore> dimensions) {
        List<Recommendation> candidates = new ArrayList<>();
        for (DimensionScore d : dimensions) {
            BigDecimal leverage = d.dimension().weight().multiply(HUNDRED.subtract(d.exact()));
            if (leverage.signum() > 0) {
                candidates.add(new Recommendation(d, leverage, lowest(d)));
            }
        }
        // A stable sort keeps the questionnaire order among equal leverages.
        candidates.sort(Comparator.comparing((Recommendation r) -> !isHeldBack(r.dimension()))
                .thenComparing(Recommendation::leverage, Comparator.reverseOrder()));
        return List.copyOf(candidates.subList(0, Math.min(RECOMMENDED_DIMENSIONS, candidates.size())));
    }

    private static boolean isHeldBack(DimensionScore d) {
        return d.dimension().id().equals(Questionnaire.PRIORITY_DIMENSION)
                && d.exact().compareTo(Questionnaire.PRIORITY_THRESHOLD) < 0;
    }

    /** The lowest-scoring statements below 100, ties in questionnaire order. */
    private static List<StatementScore> lowest(DimensionScore d) {
        return d.statements().stream()
                .filter(s -> s.score().compareTo(HUNDRED) < 0)
                .sorted(Comparator.comparing(StatementScore::score))
                .limit(STATEMENTS_PER_RECOMMENDATION)
                .toList();
    }
}
