package io.flowlens.ingestion.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The authenticity checks trackers use, all compared in constant time. */
public final class Signatures {

    private Signatures() {
    }

    public static byte[] hmacSha256(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    public static String hmacSha256Hex(byte[] secret, byte[] body) {
        return HexFormat.of().formatHex(hmacSha256(secret, body));
    }

    /**
     * True when {@code presented} is the hex HMAC-SHA256 of {@code body}, optionally behind
     * {@code prefix} (GitHub and Jira send {@code sha256=<hex>}, Linear the bare hex).
     */
    public static boolean hmacSha256Matches(byte[] secret, byte[] body, String presented, String prefix) {
        if (presented == null || secret == null) {
            return false;
        }
        String value = presented.trim();
        if (prefix != null) {
            if (!value.regionMatches(true, 0, prefix, 0, prefix.length())) {
                return false;
            }
            value = value.substring(prefix.length());
        }
        byte[] expected = hmacSha256Hex(secret, body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, value.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** Constant-time check of a presented token against the stored SHA-256 hex of the real one. */
    public static boolean matchesHash(String presented, String storedSha256Hex) {
        if (presented == null || storedSha256Hex == null) {
            return false;
        }
        byte[] actual = sha256Hex(presented.getBytes(StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(actual, storedSha256Hex.getBytes(StandardCharsets.US_ASCII));
    }
}
