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
}
