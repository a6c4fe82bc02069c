package io.flowlens.common.identity;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How services trust the identity the gateway passes them. */
@ConfigMapping(prefix = "flowlens.identity")
public interface IdentityConfig {

    /** Secret shared by the gateway and the services (at least 32 bytes). Set FLOWLENS_IDENTITY_SECRET in production. */
    String secret();

    /** How long a token the gateway or a service signs stays valid. */
    @WithDefault("60s")
    Duration ttl();
}
