package io.flowlens.gateway.routing;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.flowlens.common.identity.Caller;
import io.flowlens.common.memo.BoundedMemo;

/**
 * Signs the per-request identity token on the hot path: the same HS256 JWT (issuer, audience,
 * claims) as common's {@code IdentityToken}, which the services verify, but written directly
 * (one JSON string, one HMAC from a per-thread {@link Mac}) because jose4j's general-purpose
 * signing costs tens of microseconds per forwarded request.
 */
public final class IdentitySigner {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = B64.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8));

    private final SecretKeySpec key;
    private final long ttlSeconds;
    private final ThreadLocal<Mac> macs;

    /** Callers remembered at most. */
    static final int REMEMBERED_MAX = 100_000;

    private record Who(String tenantId, String role, String subject) {
    }

    private record Issued(String token, long issuedAt) {
    }

    private final BoundedMemo<Who, Issued> issued = new BoundedMemo<>(REMEMBERED_MAX);
    private final java.util.function.LongSupplier epochSeconds;

    public IdentitySigner(String secret, Duration ttl) {
        this(secret, ttl, () -> System.currentTimeMillis() / 1000);
    }

    IdentitySigner(String secret, Duration ttl, java.util.function.LongSupplier epochSeconds) {
        this.epochSeconds = epochSeconds;
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 32) {
            throw new IllegalArgumentException("identity secret must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
        this.ttlSeconds = Math.max(1, ttl.toSeconds());
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /**
     * The token for this caller (tenant, role, subject), reused while it has more than half its
     * lifetime left. Services remember the tokens they have verified, so a caller's calls are
     * verified once per half lifetime instead of once each (the HMAC check and JSON parse cost the
     * service more than proxying costs the gateway). A reused token carries no request id: that
     * travels in {@code X-Request-Id}. A revoked or expired key never reaches this: authentication
     * refuses it first.
     */
    public String tokenFor(Caller caller) {
        long now = epochSeconds.getAsLong();
        Who who = new Who(caller.tenantId(), caller.role(), caller.subject());
        Issued known = issued.get(who);
        if (known != null && now - known.issuedAt() < ttlSeconds / 2) {
            return known.token();
        }
        String token = sign(new Caller(caller.tenantId(), caller.role(), caller.subject(), null), now);
        issued.put(who, new Issued(token, now));
        return token;
    }

    /** A fresh, one-off token (with the caller's request id, if any); forwarded calls use {@link #tokenFor}. */
    String sign(Caller caller) {
        return sign(caller, epochSeconds.getAsLong());
    }

    private String sign(Caller caller, long now) {
        StringBuilder json = new StringBuilder(256)
                .append("{\"iss\":\"flowlens\",\"aud\":\"flowlens-services\",\"sub\":");
        string(json, caller.subject());
        json.append(",\"iat\":").append(now).append(",\"exp\":").append(now + ttlSeconds).append(",\"role\":");
        string(json, caller.role());
        if (caller.hasTenant()) {
            json.append(",\"tid\":");
            string(json, caller.tenantId());
        }
        if (caller.requestId() != null) {
            json.append(",\"rid\":");
            string(json, caller.requestId());
        }
        json.append('}');
        String signingInput = HEADER + "." + B64.encodeToString(json.toString().getBytes(StandardCharsets.UTF_8));
        byte[] signature = macs.get().doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + B64.encodeToString(signature);
    }

    /** A JSON string literal, escaping what JSON requires. */
    static void string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
