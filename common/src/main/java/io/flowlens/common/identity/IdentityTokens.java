package io.flowlens.common.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the {@link IdentityToken} configured for this service injectable. */
@ApplicationScoped
public class IdentityTokens {

    @Produces
    @Singleton
    IdentityToken identityToken(IdentityConfig config) {
        return new IdentityToken(config.secret());
    }
}
