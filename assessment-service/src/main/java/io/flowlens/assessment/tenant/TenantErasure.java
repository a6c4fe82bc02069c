package io.flowlens.assessment.tenant;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.flowlens.assessment.benchmark.CohortIndex;
import io.flowlens.assessment.organisation.OrganisationService;
import io.flowlens.common.problem.DatabaseUnavailable;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Erases every row of a tenant, in one transaction: what a deleted tenant leaves behind here is
 * nothing but the anonymous removal marks that tell each replica's cohort index to drop its
 * organisations from the benchmarks (purged after a day, long after every replica has reloaded).
 */
@ApplicationScoped
public class TenantErasure {

    private static final Logger LOG = Logger.getLogger(TenantErasure.class);

    /** Removal marks older than this are purged: every replica has fully reloaded its index by then. */
    private static final java.time.Duration REMOVAL_MARK_RETENTION = java.time.Duration.ofDays(1);

    @Inject
    EntityManager em;

    @Inject
    CohortIndex cohorts;

    @Inject
    OrganisationService organisations;

    /** What was erased, by kind, in a stable order; all zeros when the tenant had nothing (left). */
    public Map<String, Integer> erase(String tenantId) {
        Erased erased = QuarkusTransaction.requiringNew().call(() -> {
            // Locks the tenant's organisations first: a submission in flight finishes before the erase
            // reads anything, and one that starts now waits, then finds its organisation gone (404).
            @SuppressWarnings("unchecked")
            List<UUID> orgs = em.createNativeQuery("select id from organisation where tenant_id = ?1 order by id for update")
                    .setParameter(1, tenantId).getResultList();
            Map<String, Integer> counts = new LinkedHashMap<>();
            counts.put("webhookDeliveries", delete("delete from webhook_delivery where tenant_id = ?1", tenantId));
            counts.put("partnerWebhooks", delete("delete from partner_webhook where tenant_id = ?1", tenantId));
            counts.put("idempotencyKeys", delete("delete from idempotency_key where tenant_id = ?1", tenantId));
            // The feed's rows go too: metrics erases its own copy when the gateway calls it.
            counts.put("metricsFeedEvents", delete("delete from metrics_outbox where tenant_id = ?1", tenantId)
                    + delete("delete from metrics_parked_event where tenant_id = ?1", tenantId));
            delete("delete from metrics_feed_backfill where assessment_id in (select id from assessment where tenant_id = ?1)",
                    tenantId);
            counts.put("drafts", delete("delete from draft where tenant_id = ?1", tenantId));
            em.createNativeQuery("insert into latest_score_removal (organisation_id, questionnaire_version, seq, removed_at)"
                    + " select organisation_id, questionnaire_version, nextval('latest_score_seq'), ?2 from latest_score"
                    + " where organisation_id in (select id from organisation where tenant_id = ?1)")
                    .setParameter(1, tenantId).setParameter(2, Instant.now()).executeUpdate();
            counts.put("benchmarkEntries", delete("delete from latest_score where organisation_id in"
                    + " (select id from organisation where tenant_id = ?1)", tenantId));
            counts.put("assessments", delete("delete from assessment where tenant_id = ?1", tenantId));
            counts.put("organisations", delete("delete from organisation where tenant_id = ?1", tenantId));
            return new Erased(counts, orgs);
        });
        organisations.forget(erased.organisations());
        // The same path every other replica takes within seconds: read the removal marks by seq.
        cohorts.catchUp();
        LOG.infof("tenant %s erased: %s", tenantId, erased.counts());
        return erased.counts();
    }

    private record Erased(Map<String, Integer> counts, List<UUID> organisations) {
    }

    private int delete(String sql, String tenantId) {
        return em.createNativeQuery(sql).setParameter(1, tenantId).executeUpdate();
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeRemovalMarks() {
        try {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "delete from latest_score_removal where removed_at < ?1")
                    .setParameter(1, Instant.now().minus(REMOVAL_MARK_RETENTION)).executeUpdate());
        } catch (RuntimeException e) {
            if (!DatabaseUnavailable.isCause(e)) {
                throw e;
            }
            // Nothing is lost: the next run (in an hour) purges what this one could not.
            LOG.warnf("removal marks not purged: the database cannot be reached (%s)", e.getMessage());
        }
    }
}
