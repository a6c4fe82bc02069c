package io.flowlens.assessment.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.flowlens.assessment.config.AssessmentConfig;
import io.flowlens.assessment.organisation.Vocabulary;
import io.flowlens.assessment.questionnaire.PublishedQuestionnaire;
import io.flowlens.assessment.questionnaire.QuestionnaireCatalog;
import io.flowlens.assessment.scoring.ScoreDistribution;
import io.flowlens.assessment.scoring.Scoring;
import io.flowlens.assessment.submission.Assessment;
import io.flowlens.assessment.submission.AssessmentService;
import io.flowlens.assessment.submission.Results;
import io.flowlens.common.problem.ApiException;
import io.flowlens.common.problem.Problem;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Compares an assessment with the latest scores of comparable organisations. */
@ApplicationScoped
public class BenchmarkService {

    static final String NOTE = "Benchmarks are self-reported and self-selected: organisations answer about themselves"
            + " and choose to take part, so a cohort describes those who answered, not an industry as a whole.";

    @Inject
    AssessmentService assessments;

    @Inject
    QuestionnaireCatalog questionnaires;

    @Inject
    CohortIndex index;

    @Inject
    AssessmentConfig config;

    public BenchmarkView benchmark(String tenantId, UUID assessmentId, String industry, String size, String region) {
        Cohort cohort = cohort(industry, size, region);
        record Scored(Assessment assessment, PublishedQuestionnaire questionnaire, Scoring.Result result) {
        }
        Scored scored = QuarkusTransaction.joiningExisting().call(() -> {
            Assessment a = assessments.require(tenantId, assessmentId);
            PublishedQuestionnaire q = questionnaires.require(a.questionnaireVersion, "questionnaireVersion");
            return new Scored(a, q, Results.score(q, a));
        });
        index.catchUp();
        String version = scored.assessment().questionnaireVersion;
        UUID organisation = scored.assessment().organisationId;
        short[] own = LatestScores.tenths(scored.result());
        int minimum = config.benchmark().minimumOthers();

        CohortIndex.Others others = index.others(version, cohort, organisation, own.length);
        if (others.others() < minimum) {
            BenchmarkView.CohortView suggestion = null;
            for (Cohort broader : cohort.broader()) {
                long n = index.othersCount(version, broader, organisation);
                if (n >= minimum) {
                    suggestion = view(broader, n + 1);
                    break;
                }
            }
            return new BenchmarkView(assessmentId, version, view(cohort, null), "cohort-too-small",
                    "cohort too small: " + cohort.describe() + " holds fewer than " + minimum
                            + " other organisations, so no figures are shown"
                            + (suggestion == null ? "" : "; try " + suggestion.description()),
                    null, List.of(), suggestion, NOTE);
        }
        ScoreDistribution[] distributions = others.distributions();
        for (int i = 0; i < own.length; i++) {
            distributions[i].add(own[i]);
        }
        BenchmarkView.Figures overall = figures("overall", "Overall index", own[0], distributions[0]);
        List<BenchmarkView.Figures> dimensions = new ArrayList<>();
        for (int i = 0; i < scored.result().dimensions().size(); i++) {
            var d = scored.result().dimensions().get(i).dimension();
            dimensions.add(figures(d.id(), d.name(), own[i + 1], distributions[i + 1]));
        }
        return new BenchmarkView(assessmentId, version, view(cohort, others.others() + 1), "shown",
                "compared with " + others.others() + " other organisations (" + cohort.describe() + ")",
                overall, dimensions, null, NOTE);
    }

    private static BenchmarkView.Figures figures(String id, String name, short own, ScoreDistribution d) {
        return new BenchmarkView.Figures(id, name, ScoreDistribution.score(own), d.percentileRank(own), d.quantile(0.25),
                d.quantile(0.5), d.quantile(0.75));
    }

    private static BenchmarkView.CohortView view(Cohort c, Long size) {
        return new BenchmarkView.CohortView(c.industry(), c.sizeBand(), c.region(), c.describe(), size);
    }

    private static Cohort cohort(String industry, String size, String region) {
        String sizeBand = Vocabulary.normaliseSize(blankToNull(size));
        List<Problem.FieldError> errors = new ArrayList<>();
        if (blankToNull(industry) != null) {
            errors.add(Vocabulary.check("industry", industry, Vocabulary.INDUSTRIES));
        }
        if (sizeBand != null) {
            errors.add(Vocabulary.check("size", sizeBand, Vocabulary.SIZE_BANDS));
        }
        if (blankToNull(region) != null) {
            errors.add(Vocabulary.check("region", region, Vocabulary.REGIONS));
        }
        errors.removeIf(Objects::isNull);
        if (!errors.isEmpty()) {
            throw new ApiException(400, "invalid-parameter", "Invalid parameter",
                    errors.get(0).pointer() + ": " + errors.get(0).detail(), errors);
        }
        return new Cohort(blankToNull(industry), sizeBand, blankToNull(region));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
