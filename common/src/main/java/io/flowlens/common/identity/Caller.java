package io.flowlens.common.identity;

import java.util.Objects;

/**
 * Who is calling a service: the tenant whose data the call may touch, the caller's role,
 * the subject (API key id, user or service name) and the request id for log correlation.
 * A caller without tenant is a platform admin, a tracker webhook or an internal service.
 */
public record Caller(String tenantId, String role, String subject, String requestId) {

    public Caller {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(subject, "subject");
    }

    public boolean hasTenant() {
        return tenantId != null && !tenantId.isBlank();
    }

    /** The tenant this call is bound to; fails when the caller carries none. */
    public String requireTenant() {
        if (!hasTenant()) {
            throw new IllegalStateException("caller " + subject + " carries no tenant");
        }
        return tenantId;
    }
}
