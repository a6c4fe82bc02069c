package io.flowlens.assessment.feed;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.flowlens.assessment.questionnaire.QuestionnaireCatalog;
import io.flowlens.assessment.submission.Assessment;
import io.flowlens.assessment.submission.Results;
import io.flowlens.common.problem.DatabaseUnavailable;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Feeds the assessments scored before the feed existed (listed in {@code metrics_feed_backfill} by
 * the migration that created it), a batch at a time, so metrics-service knows every organisation's
 * past scores and a link made today shows them all. Rows are claimed with SKIP LOCKED: replicas
 * share the work. An assessment erased meanwhile (with its tenant) is simply dropped from the list.
 */
@ApplicationScoped
public class FeedBackfill {

    private static final Logger LOG = Logger.getLogger(FeedBackfill.class);
    private static final int BATCH = 200;

    @Inject
    EntityManager em;

    @Inject
    FeedEvents events;

    @Inject
    QuestionnaireCatalog questionnaires;

    @Scheduled(every = "5s", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            while (batch() == BATCH) {
                // keep going until the list is empty
            }
        } catch (RuntimeException e) {
            if (!DatabaseUnavailable.isCause(e)) {
                throw e;
            }
            LOG.warnf("metrics feed backfill paused: the database cannot be reached (%s)", e.getMessage());
        }
    }

    /** Turns one batch of listed assessments into events; how many were listed. */
    int batch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<UUID> ids = em.createNativeQuery("select assessment_id from metrics_feed_backfill order by assessment_id"
                    + " limit " + BATCH + " for update skip locked").getResultList();
            if (ids.isEmpty()) {
                return 0;
            }
            List<Assessment> found = Assessment.list("id in ?1", ids);
            for (Assessment a : found) {
                events.scored(a, Results.score(questionnaires.require(a.questionnaireVersion, "questionnaireVersion"), a));
            }
            em.createNativeQuery("delete from metrics_feed_backfill where assessment_id in (?1)")
                    .setParameter(1, ids).executeUpdate();
            LOG.infof("metrics feed backfill: %d past assessment(s) queued", found.size());
            return ids.size();
        });
    }
}
