package io.flowlens.ingestion.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.flowlens.common.problem.ApiException;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Creates jobs, runs them one at a time on a background thread and records their progress in
 * their own short transactions (the work itself runs in its own, long one).
 */
@ApplicationScoped
public class Jobs {

    private static final Logger LOG = Logger.getLogger(Jobs.class);

    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ingestion-jobs");
        t.setDaemon(true);
        return t;
    });

    @PreDestroy
    void stop() {
        runner.shutdownNow();
    }

    public Job create(String tenantId, UUID connectionId, String kind, String format) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Job j = new Job();
            j.id = UUID.randomUUID();
            j.tenantId = tenantId;
            j.connectionId = connectionId;
            j.kind = kind;
            j.format = format;
            j.status = "queued";
            j.errors = new ArrayList<>();
            j.createdAt = Instant.now();
            j.persist();
            return j;
        });
    }

    /** Runs {@code work} in the background; a failure marks the job failed with its message. */
    public void start(UUID jobId, Consumer<UUID> work) {
        runner.execute(() -> {
            update(jobId, j -> {
                j.status = "running";
                j.startedAt = Instant.now();
            });
            try {
                work.accept(jobId);
                update(jobId, j -> {
                    j.status = "succeeded";
                    j.finishedAt = Instant.now();
                });
            } catch (RuntimeException e) {
                LOG.errorf(e, "job %s failed", jobId);
                update(jobId, j -> {
                    j.status = "failed";
                    j.message = "nothing of this job was kept: " + e.getMessage();
                    j.finishedAt = Instant.now();
                });
            }
        });
    }

    /** Applies a change to the job row in its own transaction. */
    public void update(UUID jobId, Consumer<Job> change) {
        QuarkusTransaction.requiringNew().run(() -> {
            Job j = Job.findById(jobId);
            if (j != null) {
                change.accept(j);
            }
        });
    }

    public JobView get(String tenantId, UUID id) {
        Job j = Job.find("tenantId = ?1 and id = ?2", tenantId, id).firstResult();
        if (j == null) {
            throw ApiException.notFound("job", id);
        }
        return JobView.of(j);
    }
}
