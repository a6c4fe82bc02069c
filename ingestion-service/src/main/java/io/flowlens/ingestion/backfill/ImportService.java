package io.flowlens.ingestion.backfill;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.flowlens.common.problem.ApiException;
import io.flowlens.common.problem.Problem;
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
import io.flowlens.ingestion.mapping.ConnectionMappings;
import io.flowlens.ingestion.mapping.SeenCategories;
import io.flowlens.ingestion.raw.ImportFiles;
import io.flowlens.ingestion.tracker.ItemChange;
import io.flowlens.ingestion.tracker.Trackers;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Imports a tracker's history. The body is streamed to a spool file of the job; a first pass
 * validates every record (a bad one, or one the database could not store, rejects the import
 * with a 400 naming its line or index, and nothing is kept) while the file is compressed
 * beside it; then a job keeps the compressed file in the raw layer and writes the facts in one
 * transaction and derives the touched items, so a failure half-way keeps nothing either (file
 * included). Re-importing the same history adds no fact and changes no item.
 */
@ApplicationScoped
public class ImportService {

    private static final int MAX_ERRORS = 20;
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ImportService.class);

    @Inject
    ConnectionService connections;

    @Inject
    BackfillReader reader;

    @Inject
    Trackers trackers;

    @Inject
    ItemFacts items;

    @Inject
    ImportFiles files;

    @Inject
    Jobs jobs;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    IngestionConfig config;

    @Inject
    SeenCategories seen;

    public JobView start(String tenantId, UUID connectionId, String contentType, String requestedFormat,
            InputStream body) {
        Connection connection = connections.require(tenantId, connectionId);
        String format = format(connection, contentType,
                requestedFormat == null || requestedFormat.isBlank() ? null : requestedFormat.trim());
        UUID jobId = UUID.randomUUID();
        Path file = spool(body, jobs.spoolFile(jobId));
        Instant receivedAt = Instant.now();
        CompletableFuture<ImportFiles.Compressed> compressed = files.compress(file);
        Job job;
        try {
            validate(connection, format, file);
            job = jobs.create(jobId, tenantId, connectionId, "import", format);
        } catch (RuntimeException e) {
            compressed.whenComplete((done, failure) -> jobs.deleteSpool(jobId));
            throw e;
        }
        jobs.start(job.id, id -> {
            try {
                write(connection, format, file, compressed, receivedAt, id);
            } finally {
                compressed.whenComplete((done, failure) -> jobs.deleteSpool(id));
            }
        });
        return JobView.of(job);
    }

    /**
     * The export format of an import: {@code ?format=} when the caller names one (one of the
     * connection's tracker's formats, or generic records), else by media type: NDJSON is generic
     * records on every connection, JSON the tracker's own export.
     */
    private String format(Connection c, String contentType, String requested) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        boolean ndjson = type.startsWith("application/x-ndjson");
        boolean json = type.startsWith("application/json");
        String jsonFormat = BackfillReader.JSON_BY_KIND.get(c.kind);
        if (!ndjson && !(json && (jsonFormat != null || requested != null))) {
            throw new ApiException(415, "unsupported-media-type", "Unsupported Media Type",
                    "a " + c.kind + " connection imports application/x-ndjson (generic records)"
                            + (jsonFormat == null ? "" : " or application/json (" + BackfillReader.DESCRIPTIONS
                                    .get(jsonFormat) + ")"));
        }
        if (requested != null) {
            Set<String> formats = new TreeSet<>(trackers.forKind(c.kind).exportFormats());
            formats.add(BackfillReader.NDJSON);
            if (!formats.contains(requested)) {
                String detail = "a " + c.kind + " connection imports the formats " + String.join(", ", formats)
                        + ", not '" + requested + "'";
                throw new ApiException(400, "invalid-import", "Import rejected", detail,
                        List.of(new Problem.FieldError("format", detail)));
            }
            return requested;
        }
        return ndjson ? BackfillReader.NDJSON : jsonFormat;
    }

    private Path spool(InputStream body, Path file) {
        try {
            Files.createDirectories(file.getParent());
            long max = config.importMaxBytes();
            try (OutputStream out = Files.newOutputStream(file)) {
                byte[] buffer = new byte[64 * 1024];
                long total = 0;
                int n;
                while (body != null && (n = body.read(buffer)) > 0) {
                    total += n;
                    if (total > max) {
                        Files.deleteIfExists(file);
                        throw new ApiException(413, "payload-too-large", "Payload too large",
                                "imports accept at most " + max + " bytes");
                    }
                    out.write(buffer, 0, n);
                }
            }
            return file;
        } catch (IOException e) {
            throw new IllegalStateException("cannot spool the import", e);
        }
    }

    /** First pass: every record readable, every transition's item known. Throws 400 naming each problem. */
    private void validate(Connection connection, String format, Path file) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Set<String> itemsInFile = new HashSet<>();
        Map<String, String> referencedFirstAt = new LinkedHashMap<>();
        AtomicLong records = new AtomicLong();
        try {
            reader.read(format, file, new BackfillReader.Visitor() {
                @Override
                public void record(String location, String lineOrIndex, ItemChange change) {
                    records.incrementAndGet();
                    // What the job could not store is refused now, naming the record: the job must not fail on data.
                    for (StorableFacts.Problem p : StorableFacts.problems(change)) {
                        if (errors.size() < MAX_ERRORS) {
                            errors.add(new Problem.FieldError(location + p.field(), lineOrIndex + ": " + p.detail()));
                        }
                    }
                    if (change.createdAt() != null) {
                        itemsInFile.add(change.externalId());
                    } else {
                        referencedFirstAt.putIfAbsent(change.externalId(), location);
                    }
                }

                @Override
                public void invalid(String pointer, String detail) {
                    if (errors.size() < MAX_ERRORS) {
                        errors.add(new Problem.FieldError(pointer, detail));
                    }
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the spooled import", e);
        }
        referencedFirstAt.keySet().removeAll(itemsInFile);
        if (!referencedFirstAt.isEmpty()) {
            Set<String> known = knownItems(connection, referencedFirstAt.keySet());
            referencedFirstAt.forEach((item, location) -> {
                if (!known.contains(item) && errors.size() < MAX_ERRORS) {
                    errors.add(new Problem.FieldError(location + "/item", "line " + location.substring(1)
                            + ": item '" + item + "' has no item record in this import and is not known yet"));
                }
            });
        }
        if (records.get() == 0 && errors.isEmpty()) {
            errors.add(new Problem.FieldError("/", "the import holds no records"));
        }
        if (!errors.isEmpty()) {
            throw new ApiException(400, "invalid-import", "Import rejected",
                    errors.size() + " problem(s), first: " + errors.get(0).pointer() + " " + errors.get(0).detail()
                            + "; nothing was imported",
                    errors);
        }
    }

    private Set<String> knownItems(Connection connection, Set<String> externalIds) {
        Set<String> known = new HashSet<>();
        try (java.sql.Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select external_id from item where tenant_id = ? and connection_id = ? and external_id = any(?)"
                        + " and created_at is not null")) {
            ps.setString(1, connection.tenantId);
            ps.setObject(2, connection.id);
            ps.setArray(3, c.createArrayOf("text", externalIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    known.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return known;
    }

    /**
     * Second pass, in the job: everything in one transaction, so a failure keeps nothing. The records
     * stream with COPY into a temporary table and become facts set-based ({@link io.flowlens.ingestion.item.BulkStage}),
     * then the touched items are derived in pages.
     */
    private void write(Connection connection, String format, Path file,
            CompletableFuture<ImportFiles.Compressed> compressed, Instant receivedAt, UUID jobId) {
        FlowMapping mapping = ConnectionMappings.effective(connection);
        long[] counts = new long[3];
        long started = System.nanoTime();
        try (java.sql.Connection c = dataSource.getConnection()) {
            items.refreshStatistics(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        long analyzed = System.nanoTime();
        QuarkusTransaction.requiringNew().timeout(3600).run(() -> {
            try (java.sql.Connection c = dataSource.getConnection()) {
                stageAndDerive(c, connection, mapping, format, file, jobId, counts, started, analyzed);
                // The file as received joins the raw layer with the facts it gave: both commit, or neither.
                // Stored last: it was compressed while the records were staged.
                files.store(c, connection.tenantId, connection.id, jobId, format, receivedAt, compressed.join());
            } catch (IOException | SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
        progress(jobId, counts);
    }

    private void stageAndDerive(java.sql.Connection c, Connection connection, FlowMapping mapping, String format,
            Path file, UUID jobId, long[] counts, long started, long analyzed) throws IOException, SQLException {
        int batchSize = config.writeBatchSize();
        try (BulkStage stage = items.stageImport(c, connection.tenantId, connection.id, jobId)) {
            reader.read(format, file, new BackfillReader.Visitor() {
                @Override
                public void record(String location, String lineOrIndex, ItemChange change) {
                    try {
                        stage.add(change);
                    } catch (SQLException e) {
                        throw new IllegalStateException(e.getMessage(), e);
                    }
                    counts[0]++;
                    counts[1] += change.statuses().size();
                    if (counts[0] % (batchSize * 10L) == 0) {
                        progress(jobId, counts);
                    }
                }

                @Override
                public void invalid(String pointer, String detail) {
                    throw new IllegalStateException("the import changed after validation: " + pointer);
                }
            });
            stage.finish();
            // The categories this import states, and those seen by then, map statuses its histories name without one.
            mapping = seen.record(c, connection.id, seen.withSeen(c, connection.id, mapping),
                    stage.statedCategories());
            progress(jobId, counts);
            long staged = System.nanoTime();
            List<UUID> dirty;
            UUID after = null;
            int pages = 0;
            while (!(dirty = items.dirtyItems(c, connection.tenantId, connection.id, after, batchSize)).isEmpty()) {
                counts[2] += items.derivePage(c, connection.tenantId, connection.id, mapping, dirty);
                after = dirty.get(dirty.size() - 1);
                if (++pages % 10 == 0) {
                    progress(jobId, counts); // its own commit: not after every page
                }
            }
            LOG.infof("import %s: statistics checked in %d ms; %d records, %d transitions staged in %d ms (%s),"
                    + " %d items derived in %d ms", jobId, (analyzed - started) / 1_000_000, counts[0], counts[1],
                    (staged - analyzed) / 1_000_000, stage.timings(), counts[2],
                    (System.nanoTime() - staged) / 1_000_000);
        }
    }

    private void progress(UUID jobId, long[] counts) {
        jobs.update(jobId, j -> {
            j.records = counts[0];
            j.transitions = counts[1];
            j.itemsChanged = counts[2];
        });
    }

}
