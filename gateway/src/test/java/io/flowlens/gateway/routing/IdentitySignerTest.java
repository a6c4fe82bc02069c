package io.flowlens.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.flowlens.common.identity.Caller;
import io.flowlens.common.identity.IdentityToken;

/** The gateway's fast signer produces tokens that common's verifier (what every service runs) accepts. */
class IdentitySignerTest {

    static final String SECRET = "dev-only-identity-secret-change-me-0123456789";

    @Test
    void servicesVerifyWhatTheGatewaySigns() {
        String token = new IdentitySigner(SECRET, Duration.ofSeconds(60))
                .sign(new Caller("tenant-1", "member", "key:42", "req-\"quoted\"\\1"));
        Caller caller = new IdentityToken(SECRET).verify(token).orElseThrow();
        assertEquals("tenant-1", caller.tenantId());
        assertEquals("member", caller.role());
        assertEquals("key:42", caller.subject());
        assertEquals("req-\"quoted\"\\1", caller.requestId());
    }

    @Test
    void callersWithoutTenantStayWithoutTenant() {
        String token = new IdentitySigner(SECRET, Duration.ofSeconds(60)).sign(new Caller(null, "webhook", "webhook", null));
        Caller caller = new IdentityToken(SECRET).verify(token).orElseThrow();
        assertNull(caller.tenantId());
        assertEquals("webhook", caller.role());
    }

    @Test
    void anotherSecretIsRefused() {
        String token = new IdentitySigner("another-secret-of-at-least-32-bytes-long!!", Duration.ofSeconds(60))
                .sign(new Caller("t", "admin", "s", null));
        assertTrue(new IdentityToken(SECRET).verify(token).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new IdentitySigner("short", Duration.ofSeconds(60)));
    }

    @Test
    void aCallersTokenIsReusedForHalfItsLifetimeThenRenewed() {
        long[] now = {1_800_000_000L};
        IdentitySigner signer = new IdentitySigner(SECRET, Duration.ofSeconds(60), () -> now[0]);
        Caller member = new Caller("tenant-1", "member", "key:42", "req-1");
        String first = signer.tokenFor(member);
        now[0] += 29;
        assertEquals(first, signer.tokenFor(new Caller("tenant-1", "member", "key:42", "req-2")));
        // Another tenant, role or key never gets that token.
        assertTrue(!first.equals(signer.tokenFor(new Caller("tenant-2", "member", "key:42", null))));
        assertTrue(!first.equals(signer.tokenFor(new Caller("tenant-1", "reader", "key:42", null))));
        assertTrue(!first.equals(signer.tokenFor(new Caller("tenant-1", "member", "key:43", null))));
        now[0] += 1;
        String renewed = signer.tokenFor(member);
        assertTrue(!first.equals(renewed));
        // A reused token names no request id: that travels in X-Request-Id.
        assertNull(new IdentityToken(SECRET).verify(signer.sign(new Caller("tenant-1", "member", "key:42", null)))
                .orElseThrow().requestId());
    }

    @Test
    void aReusedTokenStillVerifiesForTheSameCaller() {
        IdentitySigner signer = new IdentitySigner(SECRET, Duration.ofSeconds(60));
        Caller caller = new IdentityToken(SECRET).verify(signer.tokenFor(new Caller("tenant-1", "partner", "key:7",
                "req-9"))).orElseThrow();
        assertEquals("tenant-1", caller.tenantId());
        assertEquals("partner", caller.role());
        assertEquals("key:7", caller.subject());
        assertNull(caller.requestId());
    }
}
