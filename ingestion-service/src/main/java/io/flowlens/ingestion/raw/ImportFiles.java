package io.flowlens.ingestion.raw;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Import files as received, gzip-compressed, in the database ({@code import_file} and its
 * chunks): the raw layer beside the webhook bodies of {@code raw_event}. In the database rather
 * than on a disk of one replica: every replica can replay any connection, a backup holds the
 * raw layer with the facts it explains, and erasing a connection or a tenant removes its files
 * in the same transaction as its rows.
 */
@ApplicationScoped
public class ImportFiles {

    private static final Logger LOG = Logger.getLogger(ImportFiles.class);

    @Inject
    RawLayerConfig config;

    @Inject
    AgroalDataSource dataSource;

    // Compression runs beside the validation pass (the other core), not after it.
    private final ExecutorService compressor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "import-compressor");
        t.setDaemon(true);
        return t;
    });

    /** A spooled import compressed next to it: the gzip file, the sizes and the body's SHA-256. */
    public record Compressed(Path file, long size, long compressedSize, String sha256) {
    }

    /** An import file kept for a connection. */
    public record Kept(UUID jobId, String format, Instant receivedAt) {
    }

    @PreDestroy
    void stop() {
        compressor.shutdownNow();
    }

    /** Compresses {@code file} into {@code file.gz} in the background (fastest level: imports are JSON). */
    public CompletableFuture<Compressed> compress(Path file) {
        return CompletableFuture.supplyAsync(() -> {
            Path gz = file.resolveSibling(file.getFileName() + ".gz");
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"));
                    OutputStream out = new FastGzip(Files.newOutputStream(gz))) {
                long size = in.transferTo(out);
                out.close();
                String sha = HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
                return new Compressed(gz, size, Files.size(gz), sha);
            } catch (IOException | NoSuchAlgorithmException e) {
                throw new IllegalStateException("cannot compress the spooled import", e);
            }
        }, compressor);
    }

    /** Gzip at the fastest level: a fifth of the size of JSON for a fraction of the CPU of the default. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }

    /** Stores a compressed import file for its job, in the caller's transaction (with the import's facts). */
    public void store(Connection c, String tenantId, UUID connectionId, UUID jobId, String format, Instant receivedAt,
            Compressed file) throws SQLException, IOException {
        try (PreparedStatement ps = c.prepareStatement("insert into import_file (job_id, tenant_id, connection_id,"
                + " format, received_at, size_bytes, compressed_bytes, sha256) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, jobId);
            ps.setString(2, tenantId);
            ps.setObject(3, connectionId);
            ps.setString(4, format);
            ps.setObject(5, receivedAt.atOffset(ZoneOffset.UTC));
            ps.setLong(6, file.size());
            ps.setLong(7, file.compressedSize());
            ps.setString(8, file.sha256());
            ps.executeUpdate();
        }
        int chunk = Math.max(64 * 1024, config.chunkBytes());
        try (InputStream in = Files.newInputStream(file.file());
                PreparedStatement ps = c.prepareStatement(
                        "insert into import_file_chunk (job_id, seq, data) values (?, ?, ?)")) {
            int seq = 0;
            byte[] data;
            while ((data = in.readNBytes(chunk)).length > 0) {
                ps.setObject(1, jobId);
                ps.setInt(2, seq++);
                ps.setBytes(3, data);
                ps.addBatch();
                if (seq % 8 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }

    /** The import files kept for a connection, oldest first. */
    public List<Kept> ofConnection(Connection c, UUID connectionId) throws SQLException {
        List<Kept> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select job_id, format, received_at from import_file"
                + " where connection_id = ? order by received_at, job_id")) {
            ps.setObject(1, connectionId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Kept(rs.getObject(1, UUID.class), rs.getString(2),
                            rs.getObject(3, OffsetDateTime.class).toInstant()));
                }
            }
        }
        return out;
    }

    /**
     * Writes a kept import file, decompressed, to a new temporary file in {@code directory} (the
     * readers take files); the caller deletes it. Reads on the caller's connection, a chunk at a time.
     */
    public Path restore(Connection c, UUID jobId, Path directory) throws SQLException, IOException {
        Files.createDirectories(directory);
        Path gz = Files.createTempFile(directory, "replay-" + jobId + "-", ".gz");
        Path plain = gz.resolveSibling(gz.getFileName().toString().replaceFirst("\\.gz$", ".data"));
        try {
            try (OutputStream out = Files.newOutputStream(gz);
                    PreparedStatement ps = c.prepareStatement(
                            "select data from import_file_chunk where job_id = ? order by seq")) {
                ps.setFetchSize(4);
                ps.setObject(1, jobId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.write(rs.getBytes(1));
                    }
                }
            }
            try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), 1 << 16)) {
                Files.copy(in, plain);
            }
            return plain;
        } catch (IOException | SQLException | RuntimeException e) {
            Files.deleteIfExists(plain);
            throw e;
        } finally {
            Files.deleteIfExists(gz);
        }
    }

    /**
     * With a retention configured, removes webhook bodies and import files received longer ago
     * than it; the facts they gave stay (a replay leaves facts whose source is gone as they are).
     */
    @Scheduled(every = "${flowlens.ingestion.raw.purge-interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeExpired() {
        config.retention().ifPresent(retention -> {
            Instant before = Instant.now().minus(retention);
            long[] removed = QuarkusTransaction.requiringNew().call(() -> purgeReceivedBefore(before));
            if (removed[0] + removed[1] > 0) {
                LOG.infof("raw layer retention %s: %d webhook bodies and %d import files removed", retention,
                        removed[0], removed[1]);
            }
        });
    }

    /** Removes raw events and import files received before {@code before}; returns both counts. */
    public long[] purgeReceivedBefore(Instant before) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            long events;
            long files;
            try (PreparedStatement ps = c.prepareStatement("delete from raw_event where received_at < ?")) {
                ps.setObject(1, before.atOffset(ZoneOffset.UTC));
                events = ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("delete from import_file where received_at < ?")) {
                ps.setObject(1, before.atOffset(ZoneOffset.UTC));
                files = ps.executeUpdate();
            }
            return new long[] {events, files};
        }
    }
}
