package io.flowlens.common.identity;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The caller of the current request, for services that scope every query by tenant.
 * Inject it and call {@link #get()} or {@link #tenant()}; anonymous callers get a 401.
 */
@RequestScoped
public class CurrentCaller {

    @Inject
    SecurityIdentity identity;

    public Caller get() {
        return CallerIdentity.from(identity);
    }

    /** The caller's tenant; a caller without one (platform, webhook) gets a 403. */
    public String tenant() {
        Caller caller = get();
        if (!caller.hasTenant()) {
            throw new io.quarkus.security.ForbiddenException("this call needs a tenant's credentials");
        }
        return caller.tenantId();
    }
}
