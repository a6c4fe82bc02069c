package io.flowlens.common.identity;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Authenticates a request by the identity token in {@link IdentityToken#HEADER}. A request
 * without the header stays anonymous (and is refused by every {@code /api} resource); one
 * with a forged or expired token fails authentication.
 */
@ApplicationScoped
public class IdentityAuthenticationMechanism implements HttpAuthenticationMechanism {

    @Inject
    IdentityToken tokens;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String token = context.request().getHeader(IdentityToken.HEADER);
        if (token == null) {
            return Uni.createFrom().nullItem();
        }
        return tokens.verify(token)
                .map(caller -> Uni.createFrom().item(CallerIdentity.of(caller)))
                .orElseGet(() -> Uni.createFrom().failure(
                        new AuthenticationFailedException("identity token is invalid or expired")));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, null, null));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of();
    }
}
