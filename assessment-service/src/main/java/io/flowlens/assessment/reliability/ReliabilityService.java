package io.flowlens.assessment.reliability;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flowlens.assessment.config.AssessmentConfig;
import io.flowlens.assessment.questionnaire.PublishedQuestionnaire;
import io.flowlens.assessment.questionnaire.QuestionnaireCatalog;
import io.flowlens.assessment.scoring.CronbachAlpha;
import io.flowlens.assessment.scoring.Questionnaire;
import io.flowlens.common.problem.ApiException;

/** Whether each dimension's statements measure one thing, over the latest answers of every organisation. */
@ApplicationScoped
public class ReliabilityService {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EntityManager em;

    @Inject
    QuestionnaireCatalog questionnaires;

    @Inject
    AssessmentConfig config;

    @Transactional
    public ReliabilityView reliability(String version) {
        PublishedQuestionnaire q = questionnaires.find(version)
                .orElseThrow(() -> ApiException.notFound("questionnaire", version));
        @SuppressWarnings("unchecked")
        List<String> rows = em.createNativeQuery("select a.answers::text from latest_score l"
                + " join assessment a on a.id = l.assessment_id where l.questionnaire_version = ?1")
                .setParameter(1, version).getResultList();
        int minimum = config.reliability().minimumOrganisations();
        if (rows.size() < minimum) {
            throw new ApiException(422, "not-enough-data", "Not enough data",
                    "questionnaire " + version + " has " + rows.size() + " scored organisations; Cronbach's alpha is"
                            + " reported from " + minimum + " on");
        }
        List<Map<String, Integer>> answers = rows.stream().map(ReliabilityService::parse).toList();
        Questionnaire model = q.model();
        List<ReliabilityView.DimensionReliability> dimensions = new ArrayList<>();
        for (Questionnaire.Dimension d : model.dimensions()) {
            List<int[]> respondents = new ArrayList<>();
            for (Map<String, Integer> a : answers) {
                int[] items = new int[d.statements().size()];
                for (int i = 0; i < items.length; i++) {
                    Questionnaire.Statement s = d.statements().get(i);
                    items[i] = CronbachAlpha.recode(model, s, a.get(s.id()));
                }
                respondents.add(items);
            }
            Double alpha = CronbachAlpha.of(respondents);
            CronbachAlpha.Band band = alpha == null ? null : CronbachAlpha.Band.of(alpha);
            dimensions.add(new ReliabilityView.DimensionReliability(d.id(), d.name(), d.statements().size(),
                    alpha == null ? null : BigDecimal.valueOf(alpha).setScale(3, RoundingMode.HALF_UP).doubleValue(),
                    band == null ? "undefined" : band.name().toLowerCase(),
                    band == null ? "undefined: the answers' totals do not vary" : band.meaning));
        }
        return new ReliabilityView(version, rows.size(), dimensions,
                "Cronbach's alpha over each organisation's latest assessment, reverse statements recoded first;"
                        + " 0.9 and over excellent, 0.8 good, 0.7 acceptable, 0.6 questionable, 0.5 poor, below unacceptable. Reword weak dimensions in the next version.");
    }

    private static Map<String, Integer> parse(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, Integer>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
