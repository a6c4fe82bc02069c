package io.flowlens.common.identity;

import java.util.Set;

/**
 * The roles a caller can carry and the roles each implies, so a resource can say
 * {@code @RolesAllowed(Roles.MEMBER)} and an admin passes too.
 */
public final class Roles {

    /** Read anything of its tenant. */
    public static final String READER = "reader";
    /** Manage connections, mappings and value streams. */
    public static final String MEMBER = "member";
    /** Create organisations and submit assessments. */
    public static final String PARTNER = "partner";
    /** Everything within its tenant, including API keys. */
    public static final String ADMIN = "admin";
    /** Operates the platform: creates tenants, reads cross-tenant reports. */
    public static final String PLATFORM = "platform";
    /** A tracker delivering a webhook; authenticated by its own signature. */
    public static final String WEBHOOK = "webhook";
    /** Another Flowlens service (service-to-service calls such as the outbox relay). */
    public static final String SERVICE = "service";

    public static final Set<String> ALL = Set.of(READER, MEMBER, PARTNER, ADMIN, PLATFORM, WEBHOOK, SERVICE);

    private Roles() {
    }

    public static boolean isKnown(String role) {
        return ALL.contains(role);
    }

    /** The role itself plus every role it implies. */
    public static Set<String> implied(String role) {
        return switch (role) {
            case ADMIN -> Set.of(ADMIN, MEMBER, PARTNER, READER);
            case MEMBER -> Set.of(MEMBER, READER);
            case PARTNER -> Set.of(PARTNER, READER);
            case PLATFORM -> Set.of(PLATFORM);
            default -> Set.of(role);
        };
    }
}
