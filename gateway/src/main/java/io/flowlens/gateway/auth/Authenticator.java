package io.flowlens.gateway.auth;

import java.time.Instant;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.flowlens.common.identity.Roles;
import io.flowlens.common.memo.BoundedMemo;
import io.flowlens.gateway.apikey.KeyDirectory;
import io.flowlens.gateway.config.GatewayConfig;
import io.flowlens.gateway.domain.ApiKeyFormat;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;

/**
 * Turns a request's credentials into a {@link Principal}: the platform key from configuration,
 * a tenant's API key ({@code Authorization: Bearer flk_...} or {@code X-API-Key}), or an OIDC
 * JWT bearer token. Every refusal is an {@link AuthenticationFailure} naming why.
 */
@Singleton // no client proxy: it is called on every forwarded request
public class Authenticator {

    public static final String API_KEY_HEADER = "X-API-Key";

    @Inject
    GatewayConfig config;

    @Inject
    KeyDirectory keys;

    @Inject
    OidcVerifier oidc;

    @Inject
    Vertx vertx;

    /** The platform key's hash, computed once: each request then hashes only its own credential. */
    private volatile String platformHash;

    static final int HASHES_MAX = 10_000;

    /**
     * Credential -> its SHA-256, for credentials seen lately: a caller sends the same key on every
     * call, and hashing it each time was the largest part of authenticating. It holds digests
     * only, no grants, so revocation and expiry still apply at once (the directory decides).
     * Only key-shaped credentials (a JWT is different every login).
     */
    private final BoundedMemo<String, String> hashes = new BoundedMemo<>(HASHES_MAX);

    public Future<Principal> authenticate(HttpServerRequest request) {
        String credential = credential(request);
        if (credential == null) {
            return Future.failedFuture(new AuthenticationFailure(
                    "this call needs an API key (Authorization: Bearer <key> or X-API-Key: <key>) or a bearer token"));
        }
        String platform = platformHash();
        boolean keyShaped = ApiKeyFormat.looksLikeKey(credential);
        String hash = keyShaped ? hashOf(credential) : platform != null ? ApiKeyFormat.hash(credential) : null;
        if (platform != null && ApiKeyFormat.sameHash(hash, platform)) {
            return Future.succeededFuture(new Principal(null, Roles.PLATFORM, "platform", "platform", null, null));
        }
        if (keyShaped) {
            return keys.find(hash).map(found -> {
                var grant = found.orElseThrow(() -> new AuthenticationFailure("the API key is not valid"));
                if (grant.revoked()) {
                    throw new AuthenticationFailure("the API key has been revoked");
                }
                if (grant.expiredAt(Instant.now())) {
                    throw new AuthenticationFailure("the API key expired at " + grant.expiresAt());
                }
                return new Principal(grant.tenantId(), grant.role(), "key:" + grant.keyId(), grant.keyId(),
                        grant.rateLimitCapacity(), grant.rateLimitRefillPerSecond());
            });
        }
        if (oidc.enabled() && credential.chars().filter(c -> c == '.').count() == 2) {
            if (oidc.blocking()) {
                return vertx.executeBlocking(() -> oidc.verify(credential), false);
            }
            try {
                return Future.succeededFuture(oidc.verify(credential));
            } catch (AuthenticationFailure e) {
                return Future.failedFuture(e);
            }
        }
        return Future.failedFuture(new AuthenticationFailure("the API key is not valid"));
    }

    private String hashOf(String credential) {
        String hash = hashes.get(credential);
        if (hash == null) {
            hash = ApiKeyFormat.hash(credential);
            hashes.put(credential, hash);
        }
        return hash;
    }

    /** Null when no platform key is configured. */
    private String platformHash() {
        String hash = platformHash;
        if (hash == null) {
            hash = config.platformKey().filter(k -> !k.isBlank()).map(ApiKeyFormat::hash).orElse("");
            platformHash = hash;
        }
        return hash.isEmpty() ? null : hash;
    }

    static String credential(HttpServerRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String value = authorization.substring(7).trim();
            return value.isEmpty() ? null : value;
        }
        String key = request.getHeader(API_KEY_HEADER);
        return key == null || key.isBlank() ? null : key.trim();
    }
}
