package io.flowlens.gateway.apikey;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.flowlens.common.identity.Caller;
import io.flowlens.common.problem.ApiException;
import io.flowlens.common.problem.Problem;
import io.flowlens.gateway.apikey.ApiKeyDtos.CreateKey;
import io.flowlens.gateway.apikey.ApiKeyDtos.CreatedKey;
import io.flowlens.gateway.apikey.ApiKeyDtos.KeyPage;
import io.flowlens.gateway.apikey.ApiKeyDtos.KeyView;
import io.flowlens.gateway.domain.ApiKeyFormat;
import io.flowlens.gateway.tenant.Tenant;
import io.flowlens.gateway.tenant.TenantService;

/** Creates, lists, rotates and revokes a tenant's keys; every change reaches the key directory at once. */
@ApplicationScoped
public class ApiKeyService {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    @Inject
    KeyDirectory directory;

    @Transactional
    public CreatedKey create(Caller caller, String tenantId, CreateKey request) {
        return create(TenantService.accessible(caller, tenantId), request);
    }

    /** Creates a key for a tenant the caller was already allowed to manage. */
    @Transactional
    public CreatedKey create(Tenant tenant, CreateKey request) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
            throw ApiException.validation(List.of(new Problem.FieldError("/expiresAt", "must be in the future")));
        }
        ApiKeyFormat.Generated generated = ApiKeyFormat.generate();
        ApiKey key = new ApiKey();
        key.id = UUID.randomUUID().toString();
        key.tenantId = tenant.id;
        key.name = request.name().strip();
        key.role = request.role().name();
        key.prefix = generated.prefix();
        key.keyHash = generated.hash();
        key.createdAt = now;
        key.expiresAt = request.expiresAt() == null ? null : request.expiresAt().truncatedTo(ChronoUnit.MICROS);
        key.persist();
        directory.put(key.keyHash, grant(key, tenant));
        return new CreatedKey(key.id, key.name, key.role, key.prefix, generated.key(), key.createdAt, key.expiresAt);
    }

    public KeyPage list(Caller caller, String tenantId, Integer limit, String cursor) {
        Tenant tenant = TenantService.accessible(caller, tenantId);
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw ApiException.badParameter("limit", "must be between 1 and " + MAX_LIMIT);
        }
        List<ApiKey> keys;
        if (cursor == null || cursor.isBlank()) {
            keys = ApiKey.find("tenantId = ?1 order by createdAt, id", tenant.id).page(0, size + 1).list();
        } else {
            Cursor after = Cursor.decode(cursor);
            keys = ApiKey.find("tenantId = ?1 and (createdAt > ?2 or (createdAt = ?2 and id > ?3)) order by createdAt, id",
                    tenant.id, after.createdAt(), after.id()).page(0, size + 1).list();
        }
        String next = null;
        if (keys.size() > size) {
            keys = keys.subList(0, size);
            ApiKey last = keys.get(size - 1);
            next = new Cursor(last.createdAt, last.id).encode();
        }
        return new KeyPage(keys.stream().map(KeyView::of).toList(), next);
    }

    public KeyView get(Caller caller, String tenantId, String keyId) {
        return KeyView.of(find(TenantService.accessible(caller, tenantId), keyId));
    }

    /** A new secret for the same key id, role and expiry; the old secret stops working at once. */
    @Transactional
    public CreatedKey rotate(Caller caller, String tenantId, String keyId) {
        Tenant tenant = TenantService.accessible(caller, tenantId);
        ApiKey key = find(tenant, keyId);
        if (key.revokedAt != null) {
            throw ApiException.conflict("API key " + keyId + " is revoked; create a new one");
        }
        String oldHash = key.keyHash;
        ApiKeyFormat.Generated generated = ApiKeyFormat.generate();
        key.prefix = generated.prefix();
        key.keyHash = generated.hash();
        key.rotatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        directory.remove(oldHash);
        directory.put(key.keyHash, grant(key, tenant));
        notifyReplicas(oldHash);
        return new CreatedKey(key.id, key.name, key.role, key.prefix, generated.key(), key.createdAt, key.expiresAt);
    }

    /** Revokes a key; repeating it is harmless. */
    @Transactional
    public void revoke(Caller caller, String tenantId, String keyId) {
        Tenant tenant = TenantService.accessible(caller, tenantId);
        ApiKey key = find(tenant, keyId);
        if (key.revokedAt == null) {
            key.revokedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        }
        directory.put(key.keyHash, grant(key, tenant));
        notifyReplicas(key.keyHash);
    }

    /**
     * Revokes every key of a tenant (the first step of erasing it: the tenant is locked out
     * before anything of it is erased), on this replica at once and on the others when this
     * transaction commits. Returns how many keys were still valid.
     */
    @Transactional
    public int revokeAll(Tenant tenant) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        int revoked = 0;
        for (ApiKey key : ApiKey.<ApiKey>list("tenantId", tenant.id)) {
            if (key.revokedAt == null) {
                key.revokedAt = now;
                revoked++;
            }
            directory.put(key.keyHash, grant(key, tenant));
            notifyReplicas(key.keyHash);
        }
        return revoked;
    }

    /** Deletes every key of a tenant (revoked before, see {@link #revokeAll}); returns how many. */
    @Transactional
    public long deleteAll(String tenantId) {
        return ApiKey.delete("tenantId", tenantId);
    }

    /** Delivered by PostgreSQL when this transaction commits, to every replica's {@link KeyChangeListener}. */
    private static void notifyReplicas(String hash) {
        ApiKey.getEntityManager().createNativeQuery(
                "select 1 from (select pg_notify('" + KeyChangeListener.CHANNEL + "', :hash)) notified")
                .setParameter("hash", hash).getSingleResult();
    }

    private static ApiKey find(Tenant tenant, String keyId) {
        ApiKey key = ApiKey.findById(keyId);
        if (key == null || !key.tenantId.equals(tenant.id)) {
            throw ApiException.notFound("API key", keyId);
        }
        return key;
    }

    private static KeyGrant grant(ApiKey key, Tenant tenant) {
        return new KeyGrant(key.id, key.tenantId, key.role, key.expiresAt, key.revokedAt, tenant.rateLimitCapacity,
                tenant.rateLimitRefillPerSecond);
    }

    /** Opaque position in a key listing: after (createdAt, id). */
    record Cursor(Instant createdAt, String id) {

        String encode() {
            String raw = createdAt.getEpochSecond() + ":" + createdAt.getNano() + ":" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String cursor) {
            try {
                String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                String[] parts = raw.split(":", 3);
                return new Cursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])), parts[2]);
            } catch (RuntimeException e) {
                throw ApiException.badParameter("cursor", "is not a cursor this API returned");
            }
        }
    }
}
