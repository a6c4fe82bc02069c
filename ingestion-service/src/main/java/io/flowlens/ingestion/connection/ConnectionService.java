package io.flowlens.ingestion.connection;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.agroal.api.AgroalDataSource;
import io.flowlens.common.problem.ApiException;
import io.flowlens.ingestion.api.Cursors;
import io.flowlens.ingestion.api.Page;
import io.flowlens.ingestion.config.IngestionConfig;
import io.flowlens.ingestion.domain.Signatures;
import io.flowlens.ingestion.item.ItemFacts;
import io.flowlens.ingestion.tracker.TrackerSecret;
import io.flowlens.ingestion.tracker.Trackers;

/** Registers, reads, changes and removes a tenant's tracker connections. */
@ApplicationScoped
public class ConnectionService {

    @Inject
    IngestionConfig config;

    @Inject
    Trackers trackers;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ItemFacts facts;

    private SecretCipher cipher;

    /**
     * Connections as webhooks need them, kept for {@code connection-cache-ttl}: thousands of
     * deliveries a second must not each read and decrypt their connection. Changes made here are
     * seen at once; another replica's within the TTL (the delivery's write transaction re-reads
     * the connection row, so a deleted connection never gets data).
     */
    private final java.util.concurrent.ConcurrentHashMap<UUID, Known> known = new java.util.concurrent.ConcurrentHashMap<>();

    /** A connection as a webhook delivery is checked against it. */
    public record WebhookTarget(UUID id, String tenantId, String kind, TrackerSecret secret) {
    }

    private record Known(WebhookTarget target, long loadedAtNanos) {
    }

    /** The connection a delivery is addressed to, or null when there is none. */
    public WebhookTarget forWebhook(UUID id) {
        long now = System.nanoTime();
        Known k = known.get(id);
        if (k != null && now - k.loadedAtNanos() < config.connectionCacheTtl().toNanos()) {
            return k.target();
        }
        Connection c = Connection.findById(id);
        if (c == null) {
            known.remove(id);
            return null;
        }
        byte[] plaintext = c.secretCiphertext == null ? null : cipher().decrypt(c.secretCiphertext, c.id.toString());
        String hash = c.secretHash;
        TrackerSecret secret = new TrackerSecret() {
            @Override
            public byte[] plaintext() {
                return plaintext == null ? null : plaintext.clone();
            }

            @Override
            public boolean matches(String presented) {
                return Signatures.matchesHash(presented, hash);
            }
        };
        WebhookTarget target = new WebhookTarget(c.id, c.tenantId, c.kind, secret);
        known.put(id, new Known(target, now));
        return target;
    }

    SecretCipher cipher() {
        if (cipher == null) {
            cipher = new SecretCipher(config.secretKey());
        }
        return cipher;
    }

    @Transactional
    public ConnectionView create(String tenantId, ConnectionRequest request) {
        Connection c = new Connection();
        c.id = UUID.randomUUID();
        c.tenantId = tenantId;
        c.kind = request.kind().word();
        c.name = request.name().trim();
        c.mapping = new HashMap<>();
        c.createdAt = Instant.now();
        c.updatedAt = c.createdAt;
        storeSecret(c, request.secret());
        c.persist();
        return view(c);
    }

    public Page<ConnectionView> list(String tenantId, Integer limit, String cursor) {
        int n = Cursors.limit(limit);
        UUID after = Cursors.decode(cursor);
        List<Connection> rows = after == null
                ? Connection.<Connection>find("tenantId = ?1 order by id", tenantId).page(0, n + 1).list()
                : Connection.<Connection>find("tenantId = ?1 and id > ?2 order by id", tenantId, after).page(0, n + 1)
                        .list();
        List<ConnectionView> views = rows.stream().limit(n).map(this::view).toList();
        return new Page<>(views, rows.size() > n ? Cursors.encode(rows.get(n - 1).id) : null);
    }

    public ConnectionView get(String tenantId, UUID id) {
        return view(require(tenantId, id));
    }

    /** The tenant's connection, or 404 (also for another tenant's id). */
    public Connection require(String tenantId, UUID id) {
        Connection c = Connection.findForTenant(tenantId, id);
        if (c == null) {
            throw ApiException.notFound("connection", id);
        }
        return c;
    }

    @Transactional
    public ConnectionView update(String tenantId, UUID id, ConnectionUpdate update) {
        Connection c = require(tenantId, id);
        c.name = update.name().trim();
        if (update.secret() != null) {
            storeSecret(c, update.secret());
        }
        c.updatedAt = Instant.now();
        known.remove(id);
        return view(c);
    }

    /**
     * Removes the connection with its raw layer (webhook bodies, import files), items, status
     * changes and jobs. Metrics is told each published item is gone (item.deleted) in the same
     * transaction.
     */
    @Transactional
    public void delete(String tenantId, UUID id, Boolean confirm) {
        if (!Boolean.TRUE.equals(confirm)) {
            throw ApiException.badParameter("confirm",
                    "must be true: deleting a connection erases all its raw events and items");
        }
        require(tenantId, id);
        try (java.sql.Connection jdbc = dataSource.getConnection()) {
            // Waits for webhook batches, imports and replays of it, and keeps new ones out until this commits.
            facts.forgetConnection(jdbc, tenantId, id);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete connection " + id, e);
        }
        known.remove(id);
    }

    /** Forgets the connections of an erased tenant in this replica's webhook cache. */
    public void forgetCached(java.util.Collection<UUID> ids) {
        ids.forEach(known::remove);
    }

    /** The connection's secret in the form its tracker's check needs. */
    public TrackerSecret secretOf(Connection c) {
        return new TrackerSecret() {
            @Override
            public byte[] plaintext() {
                return c.secretCiphertext == null ? null : cipher().decrypt(c.secretCiphertext, c.id.toString());
            }

            @Override
            public boolean matches(String presented) {
                return Signatures.matchesHash(presented, c.secretHash);
            }
        };
    }

    private void storeSecret(Connection c, String secret) {
        if (trackers.forKind(c.kind).signsWithHmac()) {
            c.secretCiphertext = cipher().encrypt(secret, c.id.toString());
            c.secretHash = null;
        } else {
            c.secretHash = Signatures.sha256Hex(secret.getBytes(StandardCharsets.UTF_8));
            c.secretCiphertext = null;
        }
    }

    ConnectionView view(Connection c) {
        String base = config.gatewayUrl().replaceAll("/+$", "");
        return new ConnectionView(c.id, c.kind, c.name, base + "/api/v1/webhooks/" + c.id, c.createdAt, c.updatedAt);
    }
}
