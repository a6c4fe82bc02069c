package io.flowlens.assessment.submission;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.flowlens.assessment.organisation.Organisation;
import io.flowlens.assessment.organisation.OrganisationService;
import io.flowlens.assessment.paging.Keyset;
import io.flowlens.assessment.paging.Page;
import io.flowlens.assessment.questionnaire.PublishedQuestionnaire;
import io.flowlens.assessment.questionnaire.QuestionnaireCatalog;
import io.flowlens.assessment.scoring.Scoring;
import io.flowlens.assessment.submission.AssessmentDtos.DimensionChange;
import io.flowlens.assessment.submission.AssessmentDtos.HistoryItem;
import io.flowlens.common.csv.Csv;
import io.flowlens.common.problem.ApiException;
import io.quarkus.panache.common.Sort;

/** An organisation's assessments over time, and the tenant's results as CSV. */
@ApplicationScoped
public class AssessmentHistory {

    @Inject
    OrganisationService organisations;

    @Inject
    QuestionnaireCatalog questionnaires;

    /** Newest first, each with the change since the organisation's previous assessment of the same version. */
    @Transactional
    public Page<HistoryItem> history(String tenantId, UUID organisationId, Integer limit, String cursor) {
        organisations.require(tenantId, organisationId);
        Keyset page = Keyset.of(limit, cursor);
        List<Assessment> rows = Assessment.find(page.where("tenantId = ?1 and organisationId = ?2", 2, "assessedAt"),
                Keyset.newestFirst("assessedAt"), page.params(tenantId, organisationId)).range(0, page.size() - 1).list();
        List<HistoryItem> items = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Assessment current = rows.get(i);
            Assessment previous = null;
            for (int j = i + 1; j < rows.size() && previous == null; j++) {
                if (rows.get(j).questionnaireVersion.equals(current.questionnaireVersion)) {
                    previous = rows.get(j);
                }
            }
            // Beyond the page (usually only for its last item): one indexed look-up.
            items.add(item(current, previous != null ? previous : previousOfSameVersion(current)));
        }
        String next = page.next(rows, x -> x.assessedAt, x -> x.id);
        return new Page<>(items, next);
    }

    private static Assessment previousOfSameVersion(Assessment current) {
        return Assessment.<Assessment>find("tenantId = ?1 and organisationId = ?2 and questionnaireVersion = ?3"
                + " and (assessedAt < ?4 or (assessedAt = ?4 and id < ?5))", Keyset.newestFirst("assessedAt"),
                current.tenantId, current.organisationId, current.questionnaireVersion, current.assessedAt, current.id)
                .firstResult();
    }

    private HistoryItem item(Assessment current, Assessment previous) {
        PublishedQuestionnaire q = questionnaires.require(current.questionnaireVersion, "questionnaireVersion");
        Scoring.Result now = Results.score(q, current);
        Scoring.Result before = previous == null ? null : Results.score(q, previous);
        Map<String, BigDecimal> beforeScores = before == null ? Map.of() : Results.dimensionScores(before);
        List<DimensionChange> dimensions = now.dimensions().stream()
                .map(d -> new DimensionChange(d.dimension().id(), d.reported(),
                        before == null ? null : d.reported().subtract(beforeScores.get(d.dimension().id()))))
                .toList();
        return new HistoryItem(current.id, current.questionnaireVersion, current.assessedAt, now.index(),
                before == null ? null : now.index().subtract(before.index()), Results.level(now), dimensions);
    }

    /**
     * Every assessment of the tenant for one version (default: that of its latest submission) as CSV,
     * newest first, one column per dimension.
     */
    @Transactional
    public void exportCsv(String tenantId, String version, OutputStream out) throws IOException {
        PublishedQuestionnaire q = version == null ? defaultVersion(tenantId) : questionnaires.find(version)
                .orElseThrow(() -> ApiException.badParameter("version", "questionnaire version '" + version
                        + "' does not exist"));
        Map<UUID, Organisation> orgs = new HashMap<>();
        Organisation.<Organisation>find("tenantId", tenantId).stream().forEach(o -> orgs.put(o.id, o));
        Csv w = new Csv(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        List<String> header = new ArrayList<>(List.of("assessment_id", "organisation_id", "organisation_name",
                "external_ref", "industry", "size_band", "region", "questionnaire_version", "assessed_at", "submitted_at",
                "index", "level", "level_name"));
        q.model().dimensions().forEach(d -> header.add(d.id()));
        w.row(header);
        try (var stream = Assessment.<Assessment>find("tenantId = ?1 and questionnaireVersion = ?2",
                Keyset.newestFirst("assessedAt"), tenantId, q.version()).stream()) {
            for (Assessment a : (Iterable<Assessment>) stream::iterator) {
                Organisation o = orgs.get(a.organisationId);
                Scoring.Result r = Results.score(q, a);
                List<String> row = new ArrayList<>(List.of(a.id.toString(), a.organisationId.toString(), o.name,
                        o.externalRef == null ? "" : o.externalRef, o.industry, o.sizeBand, o.region, a.questionnaireVersion,
                        a.assessedAt.toString(), a.submittedAt.toString(), r.index().toPlainString(),
                        String.valueOf(r.level().level()), r.level().name()));
                r.dimensions().forEach(d -> row.add(d.reported().toPlainString()));
                w.row(row);
            }
        }
        w.flush();
    }

    /** The version of the tenant's most recent assessment (or the newest published): what "my results" means. */
    private PublishedQuestionnaire defaultVersion(String tenantId) {
        Assessment latest = Assessment.<Assessment>find("tenantId", Sort.descending("submittedAt"), tenantId).firstResult();
        return latest == null ? questionnaires.newest()
                : questionnaires.require(latest.questionnaireVersion, "questionnaireVersion");
    }
}
