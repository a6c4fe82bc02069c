package io.flowlens.gateway.auth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;

import io.flowlens.gateway.apikey.ApiKeyDtos.KeyRole;
import io.flowlens.gateway.config.GatewayConfig;

/**
 * Verifies JWT bearer tokens of an OpenID Connect provider (issuer and public keys from
 * configuration: a JWKS file or URL, or one PEM key) and maps the configured claims to the
 * caller's tenant and role. Only asymmetric algorithms are accepted.
 */
@ApplicationScoped
public class OidcVerifier {

    @Inject
    GatewayConfig config;

    private volatile JwtConsumer consumer;

    public boolean enabled() {
        return config.oidc().enabled();
    }

    /** Whether verifying may block (keys fetched over HTTP): then it runs off the event loop. */
    public boolean blocking() {
        return config.oidc().jwksLocation().map(l -> l.startsWith("http")).orElse(false);
    }

    public Principal verify(String token) {
        JwtClaims claims;
        try {
            claims = consumer().processToClaims(token);
        } catch (InvalidJwtException e) {
            throw new AuthenticationFailure("the bearer token is not valid: "
                    + (e.hasExpired() ? "it has expired" : "signature, issuer, audience or expiry check failed"));
        }
        Object tenant = claims.getClaimValue(config.oidc().tenantClaim());
        Object role = claims.getClaimValue(config.oidc().roleClaim());
        if (!(tenant instanceof String t) || t.isBlank()) {
            throw new AuthenticationFailure("the bearer token has no '" + config.oidc().tenantClaim() + "' claim");
        }
        if (!(role instanceof String r) || !isTenantRole(r)) {
            throw new AuthenticationFailure("the bearer token's '" + config.oidc().roleClaim()
                    + "' claim must be one of admin, member, reader, partner");
        }
        String subject;
        try {
            subject = claims.getSubject();
        } catch (org.jose4j.jwt.MalformedClaimException e) {
            subject = null;
        }
        String sub = "oidc:" + (subject == null ? "unknown" : subject);
        return new Principal(t, r, sub, sub, null, null);
    }

    private static boolean isTenantRole(String role) {
        for (KeyRole r : KeyRole.values()) {
            if (r.name().equals(role)) {
                return true;
            }
        }
        return false;
    }

    private JwtConsumer consumer() {
        JwtConsumer c = consumer;
        if (c == null) {
            synchronized (this) {
                if (consumer == null) {
                    consumer = build();
                }
                c = consumer;
            }
        }
        return c;
    }

    private JwtConsumer build() {
        GatewayConfig.Oidc oidc = config.oidc();
        JwtConsumerBuilder builder = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds(30)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_USING_SHA384,
                        AlgorithmIdentifiers.RSA_USING_SHA512, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
                        AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384, AlgorithmIdentifiers.RSA_PSS_USING_SHA256);
        oidc.issuer().ifPresentOrElse(builder::setExpectedIssuer,
                () -> {
                    throw new IllegalStateException("flowlens.gateway.oidc.issuer is required when OIDC is enabled");
                });
        oidc.audience().ifPresentOrElse(builder::setExpectedAudience, () -> builder.setSkipDefaultAudienceValidation());
        Optional<String> jwks = oidc.jwksLocation();
        try {
            if (jwks.isPresent() && jwks.get().startsWith("http")) {
                builder.setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(new HttpsJwks(jwks.get())));
            } else if (jwks.isPresent()) {
                JsonWebKeySet set = new JsonWebKeySet(Files.readString(Path.of(jwks.get())));
                builder.setVerificationKeyResolver(new JwksVerificationKeyResolver(set.getJsonWebKeys()));
            } else if (oidc.publicKeyLocation().isPresent()) {
                builder.setVerificationKey(readPem(Path.of(oidc.publicKeyLocation().get())));
            } else {
                throw new IllegalStateException("OIDC needs flowlens.gateway.oidc.jwks-location or public-key-location");
            }
        } catch (java.io.IOException | org.jose4j.lang.JoseException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the OIDC provider's keys", e);
        }
        return builder.build();
    }

    static PublicKey readPem(Path path) throws java.io.IOException, java.security.GeneralSecurityException {
        String pem = Files.readString(path).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        X509EncodedKeySpec spec = new X509EncodedKeySpec(Base64.getDecoder().decode(pem));
        try {
            return java.security.KeyFactory.getInstance("RSA").generatePublic(spec);
        } catch (java.security.spec.InvalidKeySpecException e) {
            return java.security.KeyFactory.getInstance("EC").generatePublic(spec);
        }
    }
}
