package io.flowlens.ingestion.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.flowlens.ingestion.connection.SecretCipher;

/** Trackers' authenticity checks and the encryption of connection secrets. */
class SignaturesTest {

    static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);

    @Test
    void githubsDocumentedExampleSignatureMatches() {
        // GitHub docs, "Validating webhook deliveries": secret "It's a Secret to Everybody", payload "Hello, World!".
        String expected = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
        byte[] secret = "It's a Secret to Everybody".getBytes(StandardCharsets.UTF_8);
        assertTrue(Signatures.hmacSha256Matches(secret, BODY, expected, "sha256="));
        assertTrue(Signatures.hmacSha256Matches(secret, BODY, expected.toUpperCase().replace("SHA256=", "sha256="),
                "sha256="));
        assertFalse(Signatures.hmacSha256Matches(secret, "Hello, World?".getBytes(StandardCharsets.UTF_8), expected,
                "sha256="));
        assertFalse(Signatures.hmacSha256Matches(secret, BODY, expected.substring(7), "sha256="));
        assertFalse(Signatures.hmacSha256Matches(secret, BODY, null, "sha256="));
        assertEquals(expected.substring(7), Signatures.hmacSha256Hex(secret, BODY));
    }

    @Test
    void tokensAreComparedWithTheirStoredHash() {
        String stored = Signatures.sha256Hex("gitlab-token".getBytes(StandardCharsets.UTF_8));
        assertTrue(Signatures.matchesHash("gitlab-token", stored));
        assertFalse(Signatures.matchesHash("gitlab-token ", stored));
        assertFalse(Signatures.matchesHash(null, stored));
    }

    @Test
    void secretsDecryptOnlyWithTheirKeyAndOnTheirConnection() {
        SecretCipher cipher = new SecretCipher("key-one");
        String sealed = cipher.encrypt("webhook-secret", "connection-a");
        assertEquals("webhook-secret", new String(cipher.decrypt(sealed, "connection-a"), StandardCharsets.UTF_8));
        assertFalse(sealed.contains("webhook-secret"));
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(sealed, "connection-b"));
        assertThrows(IllegalStateException.class, () -> new SecretCipher("key-two").decrypt(sealed, "connection-a"));
    }
}
