package io.flowlens.assessment.scoring;

import java.util.List;

/**
 * Cronbach's alpha of a dimension: {@code k/(k−1) × (1 − Σ var(item) / var(total))} over the
 * respondents' item answers (reverse statements already recoded), with sample variances.
 */
public final class CronbachAlpha {

    /** How far an alpha says a dimension's statements measure one thing. */
    public enum Band {
        UNACCEPTABLE("under 0.5: the statements do not measure one thing; replace them"),
        POOR("0.5 to under 0.6: poor; reword or replace the statements with the lowest item-total fit"),
        QUESTIONABLE("0.6 to under 0.7: questionable; review the statements with the lowest item-total fit"),
        ACCEPTABLE("0.7 to under 0.8: acceptable"),
        GOOD("0.8 to under 0.9: good"),
        EXCELLENT("0.9 or more: excellent");

        public final String meaning;

        Band(String meaning) {
            this.meaning = meaning;
        }

        public static Band of(double alpha) {
            // The usual reading of alpha, in steps of 0.1 (lower bound included).
            if (alpha < 0.5) {
                return UNACCEPTABLE;
            }
            if (alpha < 0.6) {
                return POOR;
            }
            if (alpha < 0.7) {
                return QUESTIONABLE;
            }
            if (alpha < 0.8) {
                return ACCEPTABLE;
            }
            return alpha < 0.9 ? GOOD : EXCELLENT;
        }
    }

    private CronbachAlpha() {
    }

    /**
     * @param respondents one row per respondent, one column per item
     * @return alpha, or {@code null} when it is undefined (fewer than 2 items or respondents, or no
     *         variance in the totals)
     */
    public static Double of(List<int[]> respondents) {
        if (respondents.size() < 2 || respondents.get(0).length < 2) {
            return null;
        }
        int k = respondents.get(0).length;
        double itemVariances = 0;
        for (int item = 0; item < k; item++) {
            final int i = item;
            itemVariances += variance(respondents.stream().mapToDouble(r -> r[i]).toArray());
        }
        double totalVariance = variance(respondents.stream().mapToDouble(r -> java.util.Arrays.stream(r).sum()).toArray());
        if (totalVariance == 0) {
            return null;
        }
        return (double) k / (k - 1) * (1 - itemVariances / totalVariance);
    }

    /** Recodes a reverse statement's answer so that higher always means more customer-centric. */
    public static int recode(Questionnaire questionnaire, Questionnaire.Statement statement, int answer) {
        return statement.reverse() ? questionnaire.scaleMin() + questionnaire.scaleMax() - answer : answer;
    }

    static double variance(double[] values) {
        double mean = java.util.Arrays.stream(values).average().orElse(0);
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return squares / (values.length - 1);
    }
}
