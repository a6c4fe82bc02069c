package io.flowlens.assessment.submission;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.flowlens.assessment.benchmark.CohortIndex;
import io.flowlens.assessment.benchmark.LatestScores;
import io.flowlens.assessment.organisation.OrganisationService;
import io.flowlens.assessment.questionnaire.PublishedQuestionnaire;
import io.flowlens.assessment.questionnaire.QuestionnaireCatalog;
import io.flowlens.assessment.scoring.Scoring;
import io.flowlens.assessment.submission.AssessmentDtos.AssessmentView;
import io.flowlens.assessment.submission.AssessmentDtos.SubmitAssessment;
import io.flowlens.assessment.webhook.PartnerWebhookService;
import io.flowlens.common.problem.ApiException;
import io.flowlens.common.problem.Problem;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Scores and stores submissions, idempotently, and keeps benchmarks and partner webhooks in step. */
@ApplicationScoped
public class AssessmentService {

    /** Clock skew allowed for a back-dated {@code assessedAt} that is "now" on the caller's clock. */
    private static final long FUTURE_TOLERANCE_SECONDS = 300;

    @Inject
    QuestionnaireCatalog questionnaires;

    @Inject
    OrganisationService organisations;

    @Inject
    IdempotencyKeys idempotency;

    @Inject
    LatestScores latestScores;

    @Inject
    CohortIndex cohorts;

    @Inject
    PartnerWebhookService webhooks;

    /** A submission's result, and whether it was replayed from an earlier request with the same key. */
    public record Outcome(AssessmentView assessment, boolean replayed) {
    }

    public Outcome submit(String tenantId, String idempotencyKey, SubmitAssessment request) {
        if (idempotencyKey == null) {
            return new Outcome(store(tenantId, request, null, null), false);
        }
        String digest = IdempotencyKeys.digest("POST /api/v1/assessments", String.valueOf(request.organisationId()),
                request.questionnaireVersion(), Answers.toJson(request.answers()), String.valueOf(request.assessedAt()));
        Optional<UUID> earlier = idempotency.claim(tenantId, idempotencyKey, digest);
        if (earlier.isPresent()) {
            return new Outcome(get(tenantId, earlier.get()), true);
        }
        try {
            return new Outcome(store(tenantId, request, idempotencyKey, null), false);
        } catch (RuntimeException e) {
            idempotency.release(tenantId, idempotencyKey);
            throw e;
        }
    }

    /** Validates, scores and stores in one transaction; the cohort index learns the new score after commit. */
    AssessmentView store(String tenantId, SubmitAssessment request, String idempotencyKey, UUID draftId) {
        Stored stored = QuarkusTransaction.requiringNew().call(() -> {
            OrganisationService.Profile organisation = organisations.profile(tenantId, request.organisationId());
            PublishedQuestionnaire questionnaire = questionnaires.require(request.questionnaireVersion(),
                    "/questionnaireVersion");
            Answers.requireValid(questionnaire, request.answers(), true);
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            Instant assessedAt = assessedAt(request.assessedAt(), now);
            Scoring.Result result = Scoring.score(questionnaire.model(), request.answers());

            Assessment a = new Assessment();
            a.id = UUID.randomUUID();
            a.tenantId = tenantId;
            a.organisationId = organisation.id();
            a.questionnaireVersion = questionnaire.version();
            a.answers = Answers.toJson(request.answers());
            a.overallIndex = result.index().doubleValue();
            a.level = result.level().level();
            a.assessedAt = assessedAt;
            a.submittedAt = now;
            a.draftId = draftId;
            a.persist();
            if (idempotencyKey != null) {
                idempotency.complete(tenantId, idempotencyKey, a.id);
            }
            if (draftId != null && Draft.update("assessmentId = ?1 where id = ?2 and assessmentId is null", a.id, draftId) == 0) {
                // Guarded on assessment_id, in this transaction: of two concurrent submits one scores, one is refused.
                throw ApiException.conflict("draft " + draftId + " was already submitted");
            }
            AssessmentView view = Results.view(a, result);
            LatestScores.Entry latest = latestScores.record(organisation, a, result);
            webhooks.enqueue(tenantId, "assessment.scored", view);
            return new Stored(view, latest);
        });
        if (stored.latest() != null) {
            cohorts.apply(stored.latest());
        }
        return stored.view();
    }

    private record Stored(AssessmentView view, LatestScores.Entry latest) {
    }

    private static Instant assessedAt(Instant requested, Instant now) {
        if (requested == null) {
            return now;
        }
        if (requested.isAfter(now.plusSeconds(FUTURE_TOLERANCE_SECONDS))) {
            throw ApiException.unprocessable("assessedAt is in the future",
                    List.of(new Problem.FieldError("/assessedAt", "must not be in the future")));
        }
        return requested.truncatedTo(ChronoUnit.MICROS);
    }

    public AssessmentView get(String tenantId, UUID id) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            Assessment a = require(tenantId, id);
            return Results.view(a, Results.score(questionnaires.require(a.questionnaireVersion, "questionnaireVersion"), a));
        });
    }

    /** The tenant's assessment, or 404 (also for another tenant's). */
    public Assessment require(String tenantId, UUID id) {
        return QuarkusTransaction.joiningExisting().call(() -> Assessment.<Assessment>find("id = ?1 and tenantId = ?2",
                id, tenantId).firstResultOptional().orElseThrow(() -> ApiException.notFound("assessment", id)));
    }

    Map<String, Integer> answersOf(Assessment a) {
        return Answers.fromJson(a.answers);
    }
}
