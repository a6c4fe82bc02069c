package io.flowlens.common.identity;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;


import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/**
 * The short-lived token the gateway signs for every request it forwards, and the services
 * verify. HS256 with a secret shared by the gateway and the services: a call that did not
 * come through the gateway (or another Flowlens service) carries no valid token.
 */
public final class IdentityToken {

    /** The header the token travels in. */
    public static final String HEADER = "X-Flowlens-Identity";
    static final String ISSUER = "flowlens";
    static final String AUDIENCE = "flowlens-services";
    static final int CLOCK_SKEW_SECONDS = 5;

    /** Verified tokens kept at most. */
    static final int RECENT_MAX = 10_000;

    private final HmacKey key;
    private final JwtConsumer consumer;
    private final java.util.function.LongSupplier epochSeconds;
    // A token the gateway reuses (the same caller within its lifetime) is checked once, not per request.
    private final io.flowlens.common.memo.BoundedMemo<String, Verified> recent =
            new io.flowlens.common.memo.BoundedMemo<>(RECENT_MAX);

    private record Verified(Caller caller, long expiresAt) {
    }

    public IdentityToken(String secret) {
        this(secret, () -> System.currentTimeMillis() / 1000);
    }

    /** With the clock that decides when a remembered token has expired (tests). */
    IdentityToken(String secret, java.util.function.LongSupplier epochSeconds) {
        this.epochSeconds = epochSeconds;
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 32) {
            // HS256 needs a key at least as long as the hash output.
            throw new IllegalArgumentException("identity secret must be at least 32 bytes");
        }
        this.key = new HmacKey(bytes);
        // Built once: every request of every service verifies a token, and a JwtConsumer is thread-safe.
        this.consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds(CLOCK_SKEW_SECONDS)
                .setExpectedIssuer(ISSUER)
                .setExpectedAudience(AUDIENCE)
                .setRequireSubject()
                .setVerificationKey(key)
                .setJwsAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.HMAC_SHA256)
                .build();
    }

    public String sign(Caller caller, Duration ttl) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience(AUDIENCE);
        claims.setSubject(caller.subject());
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(ttl.toSeconds() / 60f);
        claims.setClaim("role", caller.role());
        if (caller.hasTenant()) {
            claims.setClaim("tid", caller.tenantId());
        }
        if (caller.requestId() != null) {
            claims.setClaim("rid", caller.requestId());
        }
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKey(key);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign identity token", e);
        }
    }

    /** The caller a token names, or empty when it is forged, expired or malformed. */
    public Optional<Caller> verify(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        Verified known = recent.get(token);
        if (known != null) {
            if (epochSeconds.getAsLong() < known.expiresAt() + CLOCK_SKEW_SECONDS) {
                return Optional.of(known.caller());
            }
            recent.remove(token);
            return Optional.empty();
        }
        try {
            JwtClaims claims = consumer.processToClaims(token);
            String role = claims.getStringClaimValue("role");
            if (role == null || !Roles.isKnown(role)) {
                return Optional.empty();
            }
            Caller caller = new Caller(claims.getStringClaimValue("tid"), role, claims.getSubject(),
                    claims.getStringClaimValue("rid"));
            recent.put(token, new Verified(caller, claims.getExpirationTime().getValue()));
            return Optional.of(caller);
        } catch (InvalidJwtException | MalformedClaimException e) {
            return Optional.empty();
        }
    }

}
