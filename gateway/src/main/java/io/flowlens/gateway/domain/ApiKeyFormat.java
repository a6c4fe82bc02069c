package io.flowlens.gateway.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The shape of an API key: {@code flk_<publicId>_<secret>}, where the public id (8 lowercase
 * hex characters) is shown in listings and the secret is 32 random bytes (base64url). Only the
 * SHA-256 of the whole key is stored. A fast hash is right here: the key carries 256 bits of
 * entropy, so unlike a password it cannot be guessed or brute-forced from its hash, and a slow
 * hash (bcrypt, argon2) would only cost every request milliseconds of CPU.
 */
public final class ApiKeyFormat {

    public static final String SCHEME = "flk_";
    static final int SECRET_BYTES = 32;
    private static final Pattern SHAPE = Pattern.compile("flk_([0-9a-f]{8})_([A-Za-z0-9_-]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** One digest per thread: every authenticated request hashes its key, and getInstance costs a provider lookup. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    });
    private static final int KEY_LENGTH = SCHEME.length() + 8 + 1 + 43;

    private ApiKeyFormat() {
    }

    /** A newly generated key: the full secret (shown once), its public prefix and its hash. */
    public record Generated(String key, String prefix, String hash) {
    }

    public static Generated generate() {
        byte[] id = new byte[4];
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secret);
        String prefix = SCHEME + HexFormat.of().formatHex(id);
        String key = prefix + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new Generated(key, prefix, hash(key));
    }

    /** Whether a credential looks like one of our keys (cheap check before any lookup). */
    public static boolean looksLikeKey(String credential) {
        // The same rule as SHAPE, by hand: this runs on every request.
        if (credential == null || credential.length() != KEY_LENGTH || !credential.startsWith(SCHEME)
                || credential.charAt(SCHEME.length() + 8) != '_') {
            return false;
        }
        for (int i = SCHEME.length(); i < SCHEME.length() + 8; i++) {
            char c = credential.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        for (int i = SCHEME.length() + 9; i < KEY_LENGTH; i++) {
            char c = credential.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** The public prefix ({@code flk_1a2b3c4d}) of a well-formed key. */
    public static Optional<String> prefixOf(String key) {
        var m = key == null ? null : SHAPE.matcher(key);
        return m != null && m.matches() ? Optional.of(SCHEME + m.group(1)) : Optional.empty();
    }

    /** Hex SHA-256 of the key's UTF-8 bytes. */
    public static String hash(String key) {
        // digest() resets the digest for the next use on this thread.
        return HexFormat.of().formatHex(SHA256.get().digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    /** Compares two secrets in constant time (for the configured platform key). */
    public static boolean sameSecret(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return sameHash(hash(a), hash(b));
    }

    /** Compares two hashes (as {@link #hash} gives them) in constant time. */
    public static boolean sameHash(String a, String b) {
        return a != null && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
