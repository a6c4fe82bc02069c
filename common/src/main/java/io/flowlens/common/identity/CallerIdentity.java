package io.flowlens.common.identity;

import java.security.Principal;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/** Bridges a {@link Caller} to Quarkus security, and back for injection into services. */
public class CallerIdentity {

    static final String ATTRIBUTE = "flowlens.caller";

    static SecurityIdentity of(Caller caller) {
        Principal principal = caller::subject;
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(principal)
                .addRoles(Roles.implied(caller.role()))
                .addAttribute(ATTRIBUTE, caller)
                .build();
    }

    /** The caller a security identity carries, or 401 when it is anonymous. */
    static Caller from(SecurityIdentity identity) {
        Caller caller = identity.getAttribute(ATTRIBUTE);
        if (caller == null) {
            throw new UnauthorizedException();
        }
        return caller;
    }
}
