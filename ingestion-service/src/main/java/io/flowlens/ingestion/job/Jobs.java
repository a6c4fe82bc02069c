package io.flowlens.ingestion.job;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Stream;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.flowlens.common.problem.ApiException;
import io.flowlens.ingestion.raw.RawLayerConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Creates jobs, runs them one at a time on a background thread and records their progress in
 * their own short transactions (the work itself runs in its own, long one).
 *
 * <p>No job is ever stuck: each records its owner ({@code replica/instance}) and a heartbeat
 * while it is queued or running. At start-up a replica fails the jobs its previous process left
 * unfinished (a crash or a kill: their work committed nothing, as each job writes in one
 * transaction or in pages that a re-run repeats harmlessly) and empties its spool directory;
 * any replica fails a job whose heartbeat stopped for {@code abandoned-after} (its replica
 * died). A job of another live replica is never touched. Failed jobs say to start them again:
 * the import file or the request is needed again, nothing is resumed behind the caller's back.
 */
@ApplicationScoped
public class Jobs {

    private static final Logger LOG = Logger.getLogger(Jobs.class);

    /** What a caller reads when a job failed for a reason that is not theirs to fix. */
    public static String failedMessage(UUID jobId) {
        return "the job failed and nothing of it was kept; start it again, and if it fails again contact support"
                + " quoting job " + jobId;
    }

    static final String ABANDONED = "the service stopped while this job was queued or running, and nothing of it"
            + " was kept; start it again (post the import again, or ask again for the replay or mapping change)";

    @Inject
    JobsConfig config;

    @Inject
    RawLayerConfig raw;

    @Inject
    AgroalDataSource dataSource;

    private final String instance = UUID.randomUUID().toString();
    private String replica;

    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ingestion-jobs");
        t.setDaemon(true);
        return t;
    });

    @PreDestroy
    void stop() {
        runner.shutdownNow();
    }

    /** This replica's name (configured, else the host name). */
    public String replica() {
        if (replica == null) {
            replica = config.replica().filter(r -> !r.isBlank()).orElseGet(() -> {
                try {
                    return InetAddress.getLocalHost().getHostName();
                } catch (IOException e) {
                    return "replica";
                }
            }).replaceAll("[^A-Za-z0-9._-]", "_");
        }
        return replica;
    }

    /** This process, as jobs record their owner. */
    public String owner() {
        return replica() + "/" + instance;
    }

    /** Where this replica spools a job's upload (its own sub-directory of the spool directory). */
    public Path spoolDirectory() {
        return Path.of(raw.spoolDirectory().filter(d -> !d.isBlank()).orElse(System.getProperty("java.io.tmpdir")))
                .resolve("flowlens-imports").resolve(replica());
    }

    /** The spool file of a job (the upload as received); its compressed copy is {@code <name>.gz}. */
    public Path spoolFile(UUID jobId) {
        return spoolDirectory().resolve("import-" + jobId + ".data");
    }

    void onStart(@Observes StartupEvent start) {
        int failed = recoverAbandoned(true);
        if (failed > 0) {
            LOG.warnf("%d job(s) left unfinished by a stopped process were marked failed", failed);
        }
    }

    @Scheduled(every = "${flowlens.ingestion.jobs.heartbeat-interval:10s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void heartbeat() {
        try (java.sql.Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update job set heartbeat_at = now() where owner = ? and status in ('queued', 'running')")) {
            ps.setString(1, owner());
            ps.executeUpdate();
        } catch (SQLException e) {
            LOG.warnf("job heartbeat not written: %s", e.toString());
        }
        recoverAbandoned(false);
    }

    /**
     * Fails the unfinished jobs no live process runs: at start-up, those of this replica's previous
     * processes and those without an owner (written before owners were recorded); always, those
     * whose heartbeat is older than {@code abandoned-after}. Removes the spool files of this
     * replica's (all of them at start-up: nothing of this process runs yet). Returns how many failed.
     */
    public int recoverAbandoned(boolean atStartup) {
        List<UUID> mine = new ArrayList<>();
        int failed = 0;
        try (java.sql.Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update job set status = 'failed', message = ?, finished_at = now()"
                        + " where status in ('queued', 'running') and ((? and (owner is null"
                        + "   or (owner like ? escape '\\' and owner <> ?)))"
                        + "  or heartbeat_at < now() - make_interval(secs => ?))"
                        + " returning id, owner")) {
            ps.setString(1, ABANDONED);
            ps.setBoolean(2, atStartup);
            ps.setString(3, replica().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "/%");
            ps.setString(4, owner());
            ps.setDouble(5, config.abandonedAfter().toMillis() / 1000.0);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    failed++;
                    UUID id = rs.getObject(1, UUID.class);
                    String owner = rs.getString(2);
                    LOG.warnf("job %s (owner %s) was left unfinished by a stopped process: marked failed", id, owner);
                    if (owner != null && owner.startsWith(replica() + "/")) {
                        mine.add(id);
                    }
                }
            }
        } catch (SQLException e) {
            LOG.warnf("abandoned jobs not checked: %s", e.toString());
            return 0;
        }
        if (atStartup) {
            emptySpool();
        } else {
            mine.forEach(id -> deleteSpool(id));
        }
        return failed;
    }

    private void emptySpool() {
        Path dir = spoolDirectory();
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(Jobs::deleteQuietly);
        } catch (IOException e) {
            LOG.warnf("spool directory %s not emptied: %s", dir, e.toString());
        }
    }

    /** Removes a job's spool files (the upload and its compressed copy). */
    public void deleteSpool(UUID jobId) {
        Path file = spoolFile(jobId);
        deleteQuietly(file);
        deleteQuietly(file.resolveSibling(file.getFileName() + ".gz"));
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("%s not deleted: %s", file, e.toString());
        }
    }

    public Job create(String tenantId, UUID connectionId, String kind, String format) {
        return create(UUID.randomUUID(), tenantId, connectionId, kind, format);
    }

    /** Creates a queued job with an id chosen beforehand (an import spools under its job's id). */
    public Job create(UUID id, String tenantId, UUID connectionId, String kind, String format) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Job j = new Job();
            j.id = id;
            j.tenantId = tenantId;
            j.connectionId = connectionId;
            j.kind = kind;
            j.format = format;
            j.status = "queued";
            j.errors = new ArrayList<>();
            j.createdAt = Instant.now();
            j.owner = owner();
            j.heartbeatAt = j.createdAt;
            j.persist();
            return j;
        });
    }

    /**
     * Runs {@code work} in the background. A failure marks the job failed: a {@link JobFailure}
     * with the message it carries for the caller; anything else is logged with the job id and
     * the caller reads {@link #failedMessage}, never database or Java internals.
     */
    public void start(UUID jobId, Consumer<UUID> work) {
        runner.execute(() -> {
            update(jobId, j -> {
                j.status = "running";
                j.startedAt = Instant.now();
                j.heartbeatAt = j.startedAt;
            });
            try {
                work.accept(jobId);
                update(jobId, j -> {
                    j.status = "succeeded";
                    j.finishedAt = Instant.now();
                });
            } catch (RuntimeException e) {
                String message = e instanceof JobFailure f ? f.getMessage() : failedMessage(jobId);
                if (e instanceof JobFailure) {
                    LOG.warnf("job %s failed: %s", jobId, message);
                } else {
                    LOG.errorf(e, "job %s failed", jobId);
                }
                update(jobId, j -> {
                    j.status = "failed";
                    j.message = message;
                    j.finishedAt = Instant.now();
                });
            }
        });
    }

    /** A job failure whose message is meant for the caller (it names no internals). */
    public static class JobFailure extends RuntimeException {
        public JobFailure(String message) {
            super(message);
        }
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
