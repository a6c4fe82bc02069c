package io.flowlens.assessment.feed;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flowlens.assessment.scoring.Scoring;
import io.flowlens.assessment.submission.Assessment;
import io.flowlens.common.contract.AssessmentEventContract;

/**
 * Writes the feed's events into {@code metrics_outbox}, in the caller's transaction: an
 * assessment's score reaches metrics-service exactly when it is committed here, never without it.
 */
@ApplicationScoped
public class FeedEvents {

    @Inject
    EntityManager em;

    @Inject
    FeedRelay relay;

    /** Queues the assessment's current score (its first or a corrected one), with its revision. */
    public void scored(Assessment a, Scoring.Result result) {
        String name = (String) em.createNativeQuery("select name from organisation where id = ?1")
                .setParameter(1, a.organisationId).getSingleResult();
        insert(a.tenantId, a.id, a.revision, payload(a, result, name));
    }

    /** The event for {@code a} as scored by {@code result}: its whole current state, not a delta. */
    static ObjectNode payload(Assessment a, Scoring.Result result, String organisationName) {
        ObjectNode e = envelope(a.tenantId, AssessmentEventContract.SCORED, a.revision);
        ObjectNode body = e.putObject("assessment");
        body.put("assessmentId", a.id.toString());
        body.put("organisationId", a.organisationId.toString());
        body.put("organisationName", organisationName);
        body.put("questionnaireVersion", a.questionnaireVersion);
        body.put("scoredAt", a.assessedAt.toString());
        body.put("index", result.index());
        var dimensions = body.putArray("dimensions");
        for (Scoring.DimensionScore d : result.dimensions()) {
            dimensions.addObject().put("key", d.dimension().id()).put("label", d.dimension().name())
                    .put("score", d.reported());
        }
        return e;
    }

    private static ObjectNode envelope(String tenantId, String type, long revision) {
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        e.put("eventId", UUID.randomUUID().toString());
        e.put("tenantId", tenantId);
        e.put("type", type);
        e.put("revision", revision);
        e.put("emittedAt", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        return e;
    }

    private void insert(String tenantId, UUID assessmentId, long revision, ObjectNode event) {
        em.createNativeQuery("insert into metrics_outbox (event_id, tenant_id, assessment_id, revision, payload,"
                + " created_at, next_attempt_at) values (?1, ?2, ?3, ?4, cast(?5 as jsonb), ?6, ?6)")
                .setParameter(1, UUID.fromString(event.get("eventId").asText())).setParameter(2, tenantId)
                .setParameter(3, assessmentId).setParameter(4, revision).setParameter(5, event.toString())
                .setParameter(6, Instant.now()).executeUpdate();
        relay.appended(1);
        relay.nudgeAfterCommit();
    }
}
