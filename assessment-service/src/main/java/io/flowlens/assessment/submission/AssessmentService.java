package io.flowlens.assessment.submission;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.flowlens.assessment.benchmark.CohortIndex;
import io.flowlens.assessment.feed.FeedEvents;
import io.flowlens.assessment.idempotency.IdempotencyKeys;
import io.flowlens.assessment.benchmark.LatestScores;
import io.flowlens.assessment.organisation.OrganisationService;
import io.flowlens.assessment.questionnaire.PublishedQuestionnaire;
import io.flowlens.assessment.questionnaire.QuestionnaireCatalog;
import io.flowlens.assessment.scoring.Scoring;
import io.flowlens.assessment.submission.AssessmentDtos.AssessmentView;
import io.flowlens.assessment.submission.AssessmentDtos.CorrectAssessment;
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
    /** No back-dated history before this: self-assessments of this kind did not exist earlier. */
    static final Instant EARLIEST_ASSESSED_AT = Instant.parse("1970-01-01T00:00:00Z");

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

    @Inject
    FeedEvents feed;

    /**
     * Replaces an assessment's answers (a partner's typing error) and re-scores it, in one
     * transaction with its benchmark entry, a partner webhook ({@code assessment.corrected}) and a
     * feed event of the next revision. Organisation, version and {@code assessedAt} stay: a
     * correction fixes what was answered, not when or by whom. The same answers again change
     * nothing (no new revision).
     */
    public AssessmentView correct(String tenantId, UUID id, CorrectAssessment request) {
        Stored stored = QuarkusTransaction.requiringNew().call(() -> {
            Assessment a = Assessment.<Assessment>find("id = ?1 and tenantId = ?2", id, tenantId)
                    .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).firstResultOptional()
                    .orElseThrow(() -> ApiException.notFound("assessment", id));
            PublishedQuestionnaire questionnaire = questionnaires.require(a.questionnaireVersion, "questionnaireVersion");
            Answers.requireValid(questionnaire, request.answers(), true);
            Scoring.Result result = Scoring.score(questionnaire.model(), request.answers());
            if (Answers.fromJson(a.answers).equals(request.answers())) {
                return new Stored(Results.view(a, result), null);
            }
            a.answers = Answers.toJson(request.answers());
            a.overallIndex = result.index().doubleValue();
            a.level = result.level().level();
            a.revision++;
            a.correctedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            AssessmentView view = Results.view(a, result);
            // Replaces the benchmark entry only if this assessment is the organisation's latest.
            LatestScores.Entry latest = latestScores.record(organisations.profile(tenantId, a.organisationId), a, result);
            webhooks.enqueue(tenantId, "assessment.corrected", view);
            feed.scored(a, result);
            return new Stored(view, latest);
        });
        if (stored.latest() != null) {
            cohorts.apply(stored.latest());
        }
        return stored.view();
    }

    public IdempotencyKeys.Outcome<AssessmentView> submit(String tenantId, String idempotencyKey,
            SubmitAssessment request) {
        return idempotency.create(tenantId, idempotencyKey, "POST /api/v1/assessments", request,
                claim -> store(tenantId, request, claim, null), id -> get(tenantId, id));
    }

    /** Validates, scores and stores in one transaction; the cohort index learns the new score after commit. */
    AssessmentView store(String tenantId, SubmitAssessment request, IdempotencyKeys.Claim claim, UUID draftId) {
        Stored stored;
        try {
            stored = scoreAndStore(tenantId, request, claim, draftId);
        } catch (RuntimeException e) {
            if (OrganisationService.isGone(e)) {
                // Erased (with its tenant) since this replica cached its profile.
                organisations.forget(request.organisationId());
                throw ApiException.notFound("organisation", request.organisationId());
            }
            throw e;
        }
        if (stored.latest() != null) {
            cohorts.apply(stored.latest());
        }
        return stored.view();
    }

    private Stored scoreAndStore(String tenantId, SubmitAssessment request, IdempotencyKeys.Claim claim, UUID draftId) {
        return QuarkusTransaction.requiringNew().call(() -> {
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
            claim.created(a.id);
            if (draftId != null && Draft.update("assessmentId = ?1 where id = ?2 and assessmentId is null", a.id, draftId) == 0) {
                // Guarded on assessment_id, in this transaction: of two concurrent submits one scores, one is refused.
                throw ApiException.conflict("draft " + draftId + " was already submitted");
            }
            AssessmentView view = Results.view(a, result);
            LatestScores.Entry latest = latestScores.record(organisation, a, result);
            webhooks.enqueue(tenantId, "assessment.scored", view);
            feed.scored(a, result);
            return new Stored(view, latest);
        });
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
        if (requested.isBefore(EARLIEST_ASSESSED_AT)) {
            // Also what keeps an instant PostgreSQL cannot store (year -290000) from reaching it.
            throw ApiException.unprocessable("assessedAt is before " + EARLIEST_ASSESSED_AT,
                    List.of(new Problem.FieldError("/assessedAt", "must not be before " + EARLIEST_ASSESSED_AT)));
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
