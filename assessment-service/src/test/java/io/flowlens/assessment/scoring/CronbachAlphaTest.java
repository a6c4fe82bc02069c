package io.flowlens.assessment.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Cronbach's alpha against a hand-computed example, recoding and the interpretation bands. */
class CronbachAlphaTest {

    @Test
    void alphaOfAHandComputedExample() {
        // Items 1,2,3,4 | 2,3,3,5 | 2,3,4,5: variances 5/3, 4.75/3, 5/3 (sum 14.75/3);
        // totals 5,8,10,14: variance 42.75/3. alpha = 3/2 × (1 − 14.75/42.75) = 0.982456…
        List<int[]> respondents = List.of(new int[] {1, 2, 2}, new int[] {2, 3, 3}, new int[] {3, 3, 4},
                new int[] {4, 5, 5});
        assertEquals(0.9824561, CronbachAlpha.of(respondents), 1e-6);
        assertEquals(CronbachAlpha.Band.EXCELLENT, CronbachAlpha.Band.of(0.9824561));
    }

    @Test
    void unrelatedItemsGiveALowAlpha() {
        // Items 1,2,3,4 and 4,3,2,1 cancel out: totals are all 5, variance 0 → undefined.
        assertNull(CronbachAlpha.of(List.of(new int[] {1, 4}, new int[] {2, 3}, new int[] {3, 2}, new int[] {4, 1})));
        // Items 1,2,3,4 and 2,1,4,3: variances 5/3 each; totals 3,3,7,7 variance 16/3.
        // alpha = 2 × (1 − (10/3)/(16/3)) = 2 × 6/16 = 0.75
        assertEquals(0.75, CronbachAlpha.of(List.of(new int[] {1, 2}, new int[] {2, 1}, new int[] {3, 4},
                new int[] {4, 3})), 1e-9);
    }

    @Test
    void reverseStatementsAreRecodedBeforehand() {
        Questionnaire ccm = Ccm.questionnaire();
        Questionnaire.Statement opinion = ccm.statementsById().get("research.opinion");
        Questionnaire.Statement blend = ccm.statementsById().get("research.blend");
        assertEquals(1, CronbachAlpha.recode(ccm, opinion, 5));
        assertEquals(4, CronbachAlpha.recode(ccm, opinion, 2));
        assertEquals(2, CronbachAlpha.recode(ccm, blend, 2));
    }

    @Test
    void bands() {
        assertEquals(CronbachAlpha.Band.UNACCEPTABLE, CronbachAlpha.Band.of(0.49));
        assertEquals(CronbachAlpha.Band.UNACCEPTABLE, CronbachAlpha.Band.of(-0.3));
        assertEquals(CronbachAlpha.Band.POOR, CronbachAlpha.Band.of(0.5));
        assertEquals(CronbachAlpha.Band.POOR, CronbachAlpha.Band.of(0.59));
        assertEquals(CronbachAlpha.Band.QUESTIONABLE, CronbachAlpha.Band.of(0.6));
        assertEquals(CronbachAlpha.Band.ACCEPTABLE, CronbachAlpha.Band.of(0.7));
        assertEquals(CronbachAlpha.Band.GOOD, CronbachAlpha.Band.of(0.8));
        assertEquals(CronbachAlpha.Band.GOOD, CronbachAlpha.Band.of(0.89));
        assertEquals(CronbachAlpha.Band.EXCELLENT, CronbachAlpha.Band.of(0.9));
    }
}
