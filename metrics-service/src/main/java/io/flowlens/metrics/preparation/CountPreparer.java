package io.flowlens.metrics.preparation;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

import io.flowlens.metrics.timeline.TimelineStore;

/**
 * The back-fill job: prepares the day counts a value stream needs (a zone no other stream uses, a
 * label-narrowed stream's own counts) after the request that created or changed the stream has
 * answered. One thread per instance, woken by that request and every few seconds (a restart or
 * another instance resumes what was left); each preparation runs under the tenant's lock and
 * checks its status first, so running it twice does nothing the second time.
 */
@ApplicationScoped
public class CountPreparer {

    private static final Logger LOG = Logger.getLogger(CountPreparer.class);

    @Inject
    TimelineStore store;

    @Inject
    PreparationStep step;

    private ScheduledExecutorService executor;

    void start(@Observes StartupEvent event) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "count-preparer");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::runPending, 2, 5, TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** Wakes the job (after a value stream was created or changed). */
    public void kick() {
        if (executor != null) {
            executor.execute(this::runPending);
        }
    }

    void runPending() {
        try {
            for (TimelineStore.Pending p : store.pending()) {
                try {
                    long started = System.nanoTime();
                    int result;
                    int chunks = 0;
                    do {
                        result = step.run(p); // each chunk its own transaction: item batches wait for one chunk
                        chunks++;
                    } while (result > 0);
                    if (result == 0) {
                        LOG.infof("day counts of tenant %s prepared (%s) in %d ms, %d transaction(s)", p.tenantId(),
                                p.streamId() == null ? "zone " + p.zone() : "stream " + p.streamId(),
                                (System.nanoTime() - started) / 1_000_000, chunks);
                    }
                } catch (RuntimeException e) {
                    LOG.warnf(e, "preparing day counts of tenant %s failed; tried again later", p.tenantId());
                    try {
                        store.failed(p, e.toString());
                    } catch (RuntimeException ignored) {
                        // the database itself is away: the next round tries again
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.debugf("no preparations read: %s", e.toString());
        }
    }
}
