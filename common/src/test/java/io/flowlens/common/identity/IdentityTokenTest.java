package io.flowlens.common.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class IdentityTokenTest {

    private static final String SECRET = "a-secret-that-is-at-least-32-bytes-long";

    @Test
    void aSignedTokenVerifiesToTheSameCaller() {
        IdentityToken tokens = new IdentityToken(SECRET);
        Caller caller = new Caller("tenant-1", Roles.MEMBER, "key-1", "req-1");
        assertEquals(caller, tokens.verify(tokens.sign(caller, Duration.ofMinutes(1))).orElseThrow());
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() {
        String forged = new IdentityToken("another-secret-that-is-32-bytes-long!!")
                .sign(new Caller("tenant-1", Roles.ADMIN, "key-1", null), Duration.ofMinutes(1));
        assertFalse(new IdentityToken(SECRET).verify(forged).isPresent());
    }

    @Test
    void anExpiredTokenIsRefused() {
        IdentityToken tokens = new IdentityToken(SECRET);
        String token = tokens.sign(new Caller("t", Roles.READER, "k", null), Duration.ofSeconds(-60));
        assertFalse(tokens.verify(token).isPresent());
    }

    @Test
    void aTamperedPayloadIsRefused() {
        IdentityToken tokens = new IdentityToken(SECRET);
        String token = tokens.sign(new Caller("t", Roles.READER, "k", null), Duration.ofMinutes(1));
        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
        assertFalse(tokens.verify(tampered).isPresent());
        assertFalse(tokens.verify("not-a-token").isPresent());
        assertFalse(tokens.verify(null).isPresent());
    }

    @Test
    void aShortSecretIsRejectedAtStart() {
        assertThrows(IllegalArgumentException.class, () -> new IdentityToken("short"));
    }

    @Test
    void adminImpliesMemberPartnerAndReaderButNotPlatform() {
        assertTrue(Roles.implied(Roles.ADMIN).containsAll(java.util.Set.of(Roles.MEMBER, Roles.PARTNER, Roles.READER)));
        assertFalse(Roles.implied(Roles.ADMIN).contains(Roles.PLATFORM));
        assertFalse(Roles.implied(Roles.READER).contains(Roles.MEMBER));
    }

    @Test
    void aRememberedTokenIsRefusedOnceItHasExpired() {
        long[] now = {System.currentTimeMillis() / 1000};
        IdentityToken tokens = new IdentityToken(SECRET, () -> now[0]);
        String token = tokens.sign(new Caller("t-1", "reader", "key:1", null), java.time.Duration.ofSeconds(60));
        assertTrue(tokens.verify(token).isPresent());
        assertTrue(tokens.verify(token).isPresent()); // remembered
        now[0] += 60 + IdentityToken.CLOCK_SKEW_SECONDS + 1;
        assertFalse(tokens.verify(token).isPresent());
    }

    @Test
    void aForgedTokenIsNotRememberedAsValid() {
        IdentityToken tokens = new IdentityToken(SECRET);
        String forged = new IdentityToken("another-secret-that-is-32-bytes-long!!")
                .sign(new Caller("t-1", "admin", "key:1", null), java.time.Duration.ofSeconds(60));
        assertFalse(tokens.verify(forged).isPresent());
        assertFalse(tokens.verify(forged).isPresent());
    }
}
