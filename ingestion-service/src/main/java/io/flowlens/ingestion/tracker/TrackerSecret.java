package io.flowlens.ingestion.tracker;

/**
 * A connection's secret as a parser may use it: HMAC trackers need the secret itself, token
 * trackers only compare what they are shown with the stored hash.
 */
public interface TrackerSecret {

    /** The secret's bytes (decrypted on demand), or null when the connection stores a hash only. */
    byte[] plaintext();

    /** Constant-time comparison of a presented token with the stored one. */
    boolean matches(String presented);
}
