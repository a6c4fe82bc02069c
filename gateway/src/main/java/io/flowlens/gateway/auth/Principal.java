package io.flowlens.gateway.auth;

/**
 * Who the gateway authenticated: tenant (none for the platform key), role, subject (key id or
 * token subject), the rate limit bucket it draws from, and its tenant's limit override if any.
 */
public record Principal(String tenantId, String role, String subject, String bucket, Integer rateLimitCapacity,
        Double rateLimitRefillPerSecond) {
}
