package io.flowlens.assessment.submission;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.flowlens.assessment.idempotency.IdempotencyKeys;
import io.flowlens.assessment.organisation.OrganisationService;
import io.flowlens.assessment.questionnaire.PublishedQuestionnaire;
import io.flowlens.assessment.questionnaire.QuestionnaireCatalog;
import io.flowlens.assessment.submission.AssessmentDtos.AssessmentView;
import io.flowlens.assessment.submission.AssessmentDtos.DraftView;
import io.flowlens.assessment.submission.AssessmentDtos.SaveDraft;
import io.flowlens.assessment.submission.AssessmentDtos.SubmitAssessment;
import io.flowlens.common.problem.ApiException;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Partial answers kept for later: each saved answer must be on the scale; completeness is checked at submit. */
@ApplicationScoped
public class DraftService {

    @Inject
    OrganisationService organisations;

    @Inject
    QuestionnaireCatalog questionnaires;

    @Inject
    AssessmentService assessments;

    @Transactional
    public DraftView create(String tenantId, SaveDraft request, IdempotencyKeys.Claim claim) {
        organisations.require(tenantId, request.organisationId());
        PublishedQuestionnaire q = questionnaires.require(request.questionnaireVersion(), "/questionnaireVersion");
        Answers.requireValid(q, request.answers(), false);
        Draft d = new Draft();
        d.id = UUID.randomUUID();
        d.tenantId = tenantId;
        d.organisationId = request.organisationId();
        d.questionnaireVersion = q.version();
        d.answers = Answers.toJson(request.answers());
        d.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        d.updatedAt = d.createdAt;
        d.persist();
        claim.created(d.id);
        return view(d, q);
    }

    @Transactional
    public DraftView get(String tenantId, UUID id) {
        Draft d = require(tenantId, id);
        return view(d, questionnaires.require(d.questionnaireVersion, "questionnaireVersion"));
    }

    @Transactional
    public DraftView update(String tenantId, UUID id, Map<String, Integer> answers) {
        Draft d = requireOpen(tenantId, id);
        PublishedQuestionnaire q = questionnaires.require(d.questionnaireVersion, "questionnaireVersion");
        Answers.requireValid(q, answers, false);
        d.answers = Answers.toJson(answers);
        d.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return view(d, q);
    }

    /** Scores the draft with the same rules as a direct submission; a draft is submitted once. */
    public AssessmentView submit(String tenantId, UUID id, IdempotencyKeys.Claim claim) {
        Draft d = QuarkusTransaction.requiringNew().call(() -> requireOpen(tenantId, id));
        return assessments.store(tenantId,
                new SubmitAssessment(d.organisationId, d.questionnaireVersion, Answers.fromJson(d.answers), null), claim, id);
    }

    private Draft require(String tenantId, UUID id) {
        return Draft.<Draft>find("id = ?1 and tenantId = ?2", id, tenantId).firstResultOptional()
                .orElseThrow(() -> ApiException.notFound("draft", id));
    }

    private Draft requireOpen(String tenantId, UUID id) {
        Draft d = require(tenantId, id);
        if (d.assessmentId != null) {
            throw ApiException.conflict("draft " + id + " was already submitted as assessment " + d.assessmentId);
        }
        return d;
    }

    private static DraftView view(Draft d, PublishedQuestionnaire q) {
        Map<String, Integer> answers = Answers.fromJson(d.answers);
        List<String> unanswered = q.model().statementsById().keySet().stream().filter(s -> !answers.containsKey(s)).toList();
        return new DraftView(d.id, d.organisationId, d.questionnaireVersion, answers, unanswered, d.createdAt,
                d.updatedAt, d.assessmentId);
    }
}
