package io.flowlens.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ApiKeyFormatTest {

    @Test
    void aKeyCarries32RandomBytesAfterAVisiblePrefix() {
        ApiKeyFormat.Generated key = ApiKeyFormat.generate();
        assertTrue(key.key().startsWith(key.prefix() + "_"));
        assertTrue(key.prefix().matches("flk_[0-9a-f]{8}"));
        String secret = key.key().substring(key.prefix().length() + 1);
        assertEquals(32, Base64.getUrlDecoder().decode(secret).length);
        assertTrue(ApiKeyFormat.looksLikeKey(key.key()));
    }

    @Test
    void theStoredHashIsTheHexSha256OfTheWholeKey() {
        // sha256("abc"), the FIPS 180-2 test vector.
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiKeyFormat.hash("abc"));
        ApiKeyFormat.Generated key = ApiKeyFormat.generate();
        assertEquals(ApiKeyFormat.hash(key.key()), key.hash());
        assertEquals(64, key.hash().length());
    }

    @Test
    void keysDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertTrue(seen.add(ApiKeyFormat.generate().key()));
        }
    }

    @Test
    void onlyWellFormedKeysLookLikeKeys() {
        assertFalse(ApiKeyFormat.looksLikeKey(null));
        assertFalse(ApiKeyFormat.looksLikeKey("flk_1234567_short"));
        assertFalse(ApiKeyFormat.looksLikeKey("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.sig"));
        assertFalse(ApiKeyFormat.looksLikeKey(ApiKeyFormat.generate().key() + "x"));
        assertEquals("flk_0a1b2c3d", ApiKeyFormat.prefixOf("flk_0a1b2c3d_" + "A".repeat(43)).orElseThrow());
    }

    @Test
    void theHandWrittenShapeCheckAgreesWithTheKeyPattern() {
        // looksLikeKey runs on every request without a regex; it must accept exactly what SHAPE does.
        java.util.regex.Pattern shape = java.util.regex.Pattern.compile("flk_([0-9a-f]{8})_([A-Za-z0-9_-]{43})");
        java.util.Random random = new java.util.Random(42);
        String alphabet = "flk_0123456789abcdefABCDEFxyzXYZ-_.+/= \u00e9";
        for (int i = 0; i < 20_000; i++) {
            char[] key = ApiKeyFormat.generate().key().toCharArray();
            int changes = random.nextInt(3);
            for (int c = 0; c < changes; c++) {
                key[random.nextInt(key.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            String candidate = new String(key);
            if (random.nextInt(10) == 0) {
                candidate = random.nextBoolean() ? candidate.substring(1) : candidate + "A";
            }
            assertEquals(shape.matcher(candidate).matches(), ApiKeyFormat.looksLikeKey(candidate), candidate);
        }
    }

    @Test
    void hashesCompareByValue() {
        assertTrue(ApiKeyFormat.sameHash(ApiKeyFormat.hash("flk_x"), ApiKeyFormat.hash("flk_x")));
        assertFalse(ApiKeyFormat.sameHash(ApiKeyFormat.hash("flk_x"), ApiKeyFormat.hash("flk_y")));
        assertFalse(ApiKeyFormat.sameHash(null, ApiKeyFormat.hash("flk_y")));
        // The per-thread digest leaves nothing behind for the next key.
        assertEquals(ApiKeyFormat.hash("abc"), ApiKeyFormat.hash("abc"));
    }

    @Test
    void secretsCompareByValue() {
        assertTrue(ApiKeyFormat.sameSecret("flk_x", "flk_x"));
        assertFalse(ApiKeyFormat.sameSecret("flk_x", "flk_y"));
        assertFalse(ApiKeyFormat.sameSecret(null, "flk_y"));
        assertNotEquals(ApiKeyFormat.hash("a"), ApiKeyFormat.hash("b"));
    }
}
