package io.flowlens.metrics.preparation;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * another instance resumes what was left), interleaving the steps of every pending preparation
 * ({@link #runPending}); each step runs under the tenant's lock and checks its status first, so
 * running it twice does nothing the second time.
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

    /**
     * Rounds until nothing is left: each round re-reads what is pending and runs one step of each
     * (one chunk of a zone's back-fill, or a stream's own counts whole), streams first. A
     * preparation requested while a zone of a million items is back-filled therefore waits for one
     * chunk of that zone (~5,000 items), not for the whole zone. One thread, one step at a time:
     * on a small machine, running preparations side by side would only slow each other and the
     * item batches down. A preparation that failed is left for the next scheduled run.
     */
    void runPending() {
        Map<TimelineStore.Pending, long[]> progress = new HashMap<>(); // started (nanos), steps
        Set<TimelineStore.Pending> leftForLater = new HashSet<>();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                List<TimelineStore.Pending> round = store.pending();
                round.removeIf(leftForLater::contains);
                if (round.isEmpty()) {
                    return;
                }
                for (TimelineStore.Pending p : round) {
                    step(p, progress, leftForLater);
                }
            }
        } catch (RuntimeException e) {
            LOG.debugf("no preparations read: %s", e.toString());
        }
    }

    private void step(TimelineStore.Pending p, Map<TimelineStore.Pending, long[]> progress,
            Set<TimelineStore.Pending> leftForLater) {
        long[] done = progress.computeIfAbsent(p, k -> new long[] { System.nanoTime(), 0 });
        try {
            int result = step.run(p); // its own transaction: item batches wait for one step at most
            done[1]++;
            if (result == 0) {
                LOG.infof("day counts of tenant %s prepared (%s) in %d ms, %d transaction(s)", p.tenantId(),
                        p.streamId() == null ? "zone " + p.zone() : "stream " + p.streamId(),
                        (System.nanoTime() - done[0]) / 1_000_000, done[1]);
            }
            if (result <= 0) {
                progress.remove(p);
                if (result < 0) {
                    leftForLater.add(p); // nothing to do (changed or gone meanwhile): not again this run
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "preparing day counts of tenant %s failed; tried again later", p.tenantId());
            leftForLater.add(p);
            try {
                store.failed(p, e.toString());
            } catch (RuntimeException ignored) {
                // the database itself is away: the next run tries again
            }
        }
    }
}
