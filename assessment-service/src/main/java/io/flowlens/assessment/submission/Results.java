package io.flowlens.assessment.submission;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.flowlens.assessment.questionnaire.PublishedQuestionnaire;
import io.flowlens.assessment.scoring.Rounding;
import io.flowlens.assessment.scoring.Scoring;
import io.flowlens.assessment.submission.AssessmentDtos.AssessmentView;
import io.flowlens.assessment.submission.AssessmentDtos.DimensionView;
import io.flowlens.assessment.submission.AssessmentDtos.LevelView;
import io.flowlens.assessment.submission.AssessmentDtos.RecommendationView;
import io.flowlens.assessment.submission.AssessmentDtos.StatementAdvice;

/** Maps a scored answer set to what callers see. */
public final class Results {

    private Results() {
    }

    public static Scoring.Result score(PublishedQuestionnaire questionnaire, Assessment assessment) {
        return Scoring.score(questionnaire.model(), Answers.fromJson(assessment.answers));
    }

    public static AssessmentView view(Assessment a, Scoring.Result result) {
        List<DimensionView> dimensions = result.dimensions().stream()
                .map(d -> new DimensionView(d.dimension().id(), d.dimension().name(), d.dimension().weight(), d.reported()))
                .toList();
        List<RecommendationView> recommendations = result.recommendations().stream()
                .map(r -> new RecommendationView(r.dimension().dimension().id(), r.dimension().dimension().name(),
                        r.dimension().reported(), Rounding.oneDecimal(r.leverage()),
                        r.lowest().stream().map(s -> new StatementAdvice(s.statement().id(), s.statement().text(),
                                s.answer(), Rounding.oneDecimal(s.score()), s.statement().nextStep())).toList()))
                .toList();
        return new AssessmentView(a.id, a.organisationId, a.questionnaireVersion, a.assessedAt, a.submittedAt,
                result.index(), level(result), dimensions, recommendations);
    }

    static LevelView level(Scoring.Result result) {
        return new LevelView(result.level().level(), result.level().name());
    }

    /** Reported dimension scores by id, in questionnaire order. */
    static Map<String, BigDecimal> dimensionScores(Scoring.Result result) {
        Map<String, BigDecimal> scores = new java.util.LinkedHashMap<>();
        result.dimensions().forEach(d -> scores.put(d.dimension().id(), d.reported()));
        return scores;
    }
}
