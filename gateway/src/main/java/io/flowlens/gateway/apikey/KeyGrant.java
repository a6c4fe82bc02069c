package io.flowlens.gateway.apikey;

import java.time.Instant;

/**
 * What a valid key grants, as the gateway keeps it in memory: no secret, only the hash's
 * owner. Carries the tenant's rate limit override so a request needs no database call.
 */
public record KeyGrant(String keyId, String tenantId, String role, Instant expiresAt, Instant revokedAt,
        Integer rateLimitCapacity, Double rateLimitRefillPerSecond) {

    public boolean revoked() {
        return revokedAt != null;
    }

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
