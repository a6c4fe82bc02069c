package io.flowlens.assessment.benchmark;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.flowlens.assessment.organisation.OrganisationService;
import io.flowlens.assessment.scoring.ScoreDistribution;
import io.flowlens.assessment.scoring.Scoring;
import io.flowlens.assessment.submission.Assessment;

/** Keeps {@code latest_score}: each organisation's latest scored assessment per version, with its cohort keys. */
@ApplicationScoped
public class LatestScores {

    /**
     * One organisation's latest scores: tenths, overall first, then dimensions in questionnaire order;
     * null tenths when the organisation was taken out of the benchmarks.
     */
    public record Entry(UUID organisationId, String version, String industry, String sizeBand, String region,
            short[] tenths, long seq) {
    }

    @Inject
    EntityManager em;

    /**
     * Upserts in the caller's transaction. A back-dated assessment older than the stored latest
     * changes nothing and gives null.
     */
    public Entry record(OrganisationService.Profile o, Assessment a, Scoring.Result result) {
        short[] tenths = tenths(result);
        @SuppressWarnings("unchecked")
        List<Object> seq = em.createNativeQuery("insert into latest_score (organisation_id, questionnaire_version,"
                + " industry, size_band, region, assessment_id, assessed_at, scores)"
                + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, cast(?8 as smallint[]))"
                + " on conflict (organisation_id, questionnaire_version) do update set industry = excluded.industry,"
                + " size_band = excluded.size_band, region = excluded.region, assessment_id = excluded.assessment_id,"
                + " assessed_at = excluded.assessed_at, scores = excluded.scores, seq = nextval('latest_score_seq')"
                + " where latest_score.assessed_at <= excluded.assessed_at returning seq")
                .setParameter(1, o.id()).setParameter(2, a.questionnaireVersion).setParameter(3, o.industry())
                .setParameter(4, o.sizeBand()).setParameter(5, o.region()).setParameter(6, a.id)
                .setParameter(7, a.assessedAt).setParameter(8, arrayLiteral(tenths))
                .getResultList();
        if (seq.isEmpty()) {
            return null;
        }
        return new Entry(o.id(), a.questionnaireVersion, o.industry(), o.sizeBand(), o.region(), tenths,
                ((Number) seq.get(0)).longValue());
    }

    /** Overall index, then each dimension, as tenths of the reported scores. */
    public static short[] tenths(Scoring.Result result) {
        short[] tenths = new short[result.dimensions().size() + 1];
        tenths[0] = (short) ScoreDistribution.tenths(result.index());
        for (int i = 0; i < result.dimensions().size(); i++) {
            tenths[i + 1] = (short) ScoreDistribution.tenths(result.dimensions().get(i).reported());
        }
        return tenths;
    }

    static String arrayLiteral(short[] values) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ",").append(values[i]);
        }
        return sb.append('}').toString();
    }

    static short[] parseArray(String literal) {
        String body = literal.substring(1, literal.length() - 1);
        if (body.isEmpty()) {
            return new short[0];
        }
        String[] parts = body.split(",");
        short[] values = new short[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Short.parseShort(parts[i]);
        }
        return values;
    }
}
