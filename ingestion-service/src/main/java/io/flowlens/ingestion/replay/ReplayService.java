package io.flowlens.ingestion.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.flowlens.ingestion.backfill.BackfillReader;
import io.flowlens.ingestion.config.IngestionConfig;
import io.flowlens.ingestion.connection.Connection;
import io.flowlens.ingestion.connection.ConnectionService;
import io.flowlens.ingestion.domain.FlowMapping;
import io.flowlens.ingestion.item.BulkStage;
import io.flowlens.ingestion.item.ItemFacts;
import io.flowlens.ingestion.item.StorableFacts;
import io.flowlens.ingestion.job.Job;
import io.flowlens.ingestion.job.JobView;
import io.flowlens.ingestion.job.Jobs;
import io.flowlens.ingestion.raw.ImportFiles;
import io.flowlens.ingestion.raw.RawLayerConfig;
import io.flowlens.ingestion.tracker.Delivery;
import io.flowlens.ingestion.tracker.ItemChange;
import io.flowlens.ingestion.tracker.ParsedDelivery;
import io.flowlens.ingestion.tracker.TrackerParser;
import io.flowlens.ingestion.tracker.Trackers;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Rebuilds a connection's facts from its raw layer with today's parsers and mapping, as a job.
 *
 * <p>One transaction rebuilds the facts: it notes which webhook deliveries exist (a snapshot),
 * re-reads every kept import file (oldest first) and those deliveries (in the order they were
 * received) into a staging table without any lock; then it locks the connection row exclusively
 * (webhook batches of this connection, which share-lock it, wait; a batch in flight is waited
 * for), reads the deliveries committed since the snapshot, and swaps the facts
 * ({@link BulkStage#finishReplay}): only rows that differ are written. Webhooks are therefore
 * neither lost (what committed before the lock is read in the catch-up, what comes after writes
 * onto the rebuilt facts) nor doubled (each fact is unique; a delivery is one raw event).
 * Then every item of the connection is re-derived page by page, each page in its own
 * transaction with its outbox events, as a mapping change does: an item whose canonical state
 * is what metrics last got (its digest) sends nothing, so a second replay sends nothing.
 * Items keep their ids (they are matched by the tracker's id).
 */
@ApplicationScoped
public class ReplayService {

    private static final Logger LOG = Logger.getLogger(ReplayService.class);
    private static final int MAX_NOTES = 20;
    private static final int DELIVERY_PAGE = 200;
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    // Third-party payloads: read leniently, as the webhook path does.
    private final ObjectMapper lenient = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @Inject
    ConnectionService connections;

    @Inject
    ItemFacts facts;

    @Inject
    ImportFiles files;

    @Inject
    BackfillReader reader;

    @Inject
    Trackers trackers;

    @Inject
    Jobs jobs;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    IngestionConfig config;

    @Inject
    RawLayerConfig raw;

    @Inject
    io.flowlens.ingestion.mapping.SeenCategories seenCategories;

    /** Starts a replay of the tenant's connection (404 for another tenant's or an unknown one). */
    public JobView start(String tenantId, UUID connectionId) {
        Connection connection = connections.require(tenantId, connectionId);
        Job job = jobs.create(tenantId, connectionId, "replay", null);
        jobs.start(job.id, id -> replay(connection.tenantId, connection.id, connection.kind, id));
        return JobView.of(job);
    }

    /** What a replay read and found, for the job's progress and notes. */
    private static final class Progress {
        long records;
        long transitions;
        long itemsChanged;
        final List<Map<String, String>> notes = new ArrayList<>();

        void note(String pointer, String detail) {
            if (notes.size() < MAX_NOTES) {
                notes.add(Map.of("pointer", pointer, "detail", detail));
            }
        }
    }

    void replay(String tenantId, UUID connectionId, String kind, UUID jobId) {
        Progress progress = new Progress();
        long started = System.nanoTime();
        try (java.sql.Connection c = dataSource.getConnection()) {
            facts.refreshStatistics(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        BulkStage.Replaced replaced = QuarkusTransaction.requiringNew().timeout(3600).call(() -> {
            try (java.sql.Connection c = dataSource.getConnection();
                    BulkStage stage = facts.stageReplay(c, tenantId, connectionId)) {
                try (PreparedStatement ps = c.prepareStatement("create temp table replay_seen on commit drop as"
                        + " select id from raw_event where connection_id = ?")) {
                    ps.setObject(1, connectionId);
                    ps.execute();
                }
                for (ImportFiles.Kept file : files.ofConnection(c, connectionId)) {
                    stageFile(c, stage, file, progress);
                }
                stageDeliveries(c, stage, kind, "exists", connectionId, progress);
                report(jobId, progress);
                stage.pause();
                FlowMapping mapping = facts.lockExclusively(c, connectionId, kind);
                if (mapping == null) {
                    throw new Jobs.JobFailure("the connection was deleted during the replay; nothing was replayed");
                }
                stageDeliveries(c, stage, kind, "not exists", connectionId, progress);
                BulkStage.Replaced r = stage.finishReplay(partlyKept(c, connectionId));
                // The categories the raw layer states map the statuses its histories name without one, as on
                // the live paths (items whose state that changes are re-derived after the commit). The lock
                // answered the mapping with the categories seen so far.
                seenCategories.record(c, connectionId, mapping, stage.statedCategories());
                LOG.infof("replay %s of connection %s: %d records, %d status changes read; %s", jobId, connectionId,
                        progress.records, progress.transitions, stage.timings());
                return r;
            }
        });
        long swapped = System.nanoTime();
        deriveAll(tenantId, connectionId, kind, jobId, progress);
        report(jobId, progress);
        LOG.infof("replay %s: facts rebuilt in %d ms (%s), %d items changed, derived in %d ms", jobId,
                (swapped - started) / 1_000_000, replaced, progress.itemsChanged,
                (System.nanoTime() - swapped) / 1_000_000);
    }

    /**
     * Whether some of the connection's raw data is gone: a retention is configured, or an import
     * succeeded before import files were kept. The stored deletion or restoration may then come
     * from what is gone, so the replay keeps it unless a record it reads states a newer one.
     */
    private boolean partlyKept(java.sql.Connection c, UUID connectionId) throws SQLException {
        if (raw.retention().isPresent()) {
            return true;
        }
        try (PreparedStatement ps = c.prepareStatement("select exists (select 1 from job j where j.connection_id = ?"
                + " and j.kind = 'import' and j.status = 'succeeded'"
                + " and not exists (select 1 from import_file f where f.job_id = j.id))")) {
            ps.setObject(1, connectionId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private void stageFile(java.sql.Connection c, BulkStage stage, ImportFiles.Kept file, Progress progress)
            throws SQLException, IOException {
        stage.pause(); // no other statement can run on the connection while its COPY is open
        Path plain = files.restore(c, file.jobId(), jobs.spoolDirectory());
        try {
            reader.read(file.format(), plain, new BackfillReader.Visitor() {
                @Override
                public void record(String location, String lineOrIndex, ItemChange change) {
                    add(stage, change, null, file.jobId(), "/imports/" + file.jobId() + location, progress);
                }

                @Override
                public void invalid(String pointer, String detail) {
                    progress.note("/imports/" + file.jobId() + pointer, "not readable today, skipped: " + detail);
                }
            });
        } finally {
            Files.deleteIfExists(plain);
        }
    }

    /**
     * Stages the connection's webhook deliveries in the order received: those noted in the snapshot
     * ({@code exists}) or those committed since ({@code not exists}).
     */
    private void stageDeliveries(java.sql.Connection c, BulkStage stage, String kind, String seen, UUID connectionId,
            Progress progress) throws SQLException {
        TrackerParser parser = trackers.forKind(kind);
        // A page at a time, read whole: the staging COPY and an open cursor cannot share the connection.
        java.time.OffsetDateTime afterAt = null;
        UUID afterId = null;
        while (true) {
            stage.pause();
            List<Object[]> page = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select r.id, r.headers::text, r.body, r.received_at"
                    + " from raw_event r where r.connection_id = ? and " + seen
                    + " (select 1 from replay_seen s where s.id = r.id)"
                    + (afterId == null ? "" : " and (r.received_at, r.id) > (?, ?)")
                    + " order by r.received_at, r.id limit " + DELIVERY_PAGE)) {
                ps.setObject(1, connectionId);
                if (afterId != null) {
                    ps.setObject(2, afterAt);
                    ps.setObject(3, afterId);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        page.add(new Object[] {rs.getObject(1, UUID.class), rs.getString(2), rs.getBytes(3),
                                rs.getObject(4, java.time.OffsetDateTime.class)});
                    }
                }
            }
            for (Object[] row : page) {
                UUID rawId = (UUID) row[0];
                ParsedDelivery parsed = parse(parser, rawId, (String) row[1], (byte[]) row[2], progress);
                if (parsed == null || parsed.isIgnored()) {
                    continue;
                }
                for (ItemChange ch : parsed.changes()) {
                    add(stage, ch, rawId, null, "/rawEvents/" + rawId, progress);
                }
            }
            if (page.size() < DELIVERY_PAGE) {
                return;
            }
            afterId = (UUID) page.get(page.size() - 1)[0];
            afterAt = (java.time.OffsetDateTime) page.get(page.size() - 1)[3];
        }
    }

    private ParsedDelivery parse(TrackerParser parser, UUID rawId, String headers, byte[] body, Progress progress) {
        progress.records++;
        try {
            JsonNode payload = lenient.readTree(body);
            return parser.parse(new Delivery(lenient.readValue(headers, HEADERS), body), payload);
        } catch (IOException | RuntimeException e) {
            // A body today's parser cannot read gives no facts; the replay goes on and says so.
            progress.note("/rawEvents/" + rawId, "not readable today, skipped: " + e.getMessage());
            return null;
        }
    }

    private void add(BulkStage stage, ItemChange change, UUID rawId, UUID importId, String where, Progress progress) {
        if (importId != null) {
            progress.records++;
        }
        List<StorableFacts.Problem> problems = StorableFacts.problems(change);
        if (!problems.isEmpty()) {
            progress.note(where + problems.get(0).field(), "not storable, skipped: " + problems.get(0).detail());
            return;
        }
        try {
            stage.add(change, rawId, importId);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        progress.transitions += change.statuses().size();
    }

    /** Every item of the connection, page by page, each page in its own transaction with its outbox events. */
    private void deriveAll(String tenantId, UUID connectionId, String kind, UUID jobId, Progress progress) {
        int batch = config.writeBatchSize();
        UUID after = null;
        int pages = 0;
        while (true) {
            UUID from = after;
            Object[] page = QuarkusTransaction.requiringNew().call(() -> {
                try (java.sql.Connection c = dataSource.getConnection()) {
                    // Share-locked like a webhook batch: the mapping read is the one in force, and a deletion waits.
                    FlowMapping mapping = facts.lockForWriting(c, Map.of(connectionId, kind)).get(connectionId);
                    if (mapping == null) {
                        throw new Jobs.JobFailure("the connection was deleted during the replay");
                    }
                    List<UUID> ids = facts.itemsAfter(c, tenantId, connectionId, from, batch);
                    if (ids.isEmpty()) {
                        return new Object[] {null, 0};
                    }
                    return new Object[] {ids.get(ids.size() - 1),
                            facts.derivePage(c, tenantId, connectionId, mapping, ids)};
                }
            });
            if (page[0] == null) {
                return;
            }
            after = (UUID) page[0];
            progress.itemsChanged += (Integer) page[1];
            if (++pages % 10 == 0) {
                report(jobId, progress);
            }
        }
    }

    private void report(UUID jobId, Progress progress) {
        jobs.update(jobId, j -> {
            j.records = progress.records;
            j.transitions = progress.transitions;
            j.itemsChanged = progress.itemsChanged;
            j.errors = new ArrayList<>(progress.notes);
        });
    }
}
