package io.flowlens.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class CorsOriginsTest {

    @Test
    void configuredOriginsExactlyOrByPattern() {
        CorsOrigins origins = new CorsOrigins(List.of("https://app.example.test", "/https://.*\\.flowlens\\.example/"));
        assertTrue(origins.allows("https://app.example.test", "api.example.test"));
        assertTrue(origins.allows("HTTPS://APP.example.test", "api.example.test"));
        assertTrue(origins.allows("https://eu.flowlens.example", "api.example.test"));
        assertFalse(origins.allows("https://app.example.test.evil", "api.example.test"));
        assertFalse(origins.allows("http://app.example.test", "api.example.test"));
        assertFalse(origins.allows("null", "api.example.test"));
        assertTrue(new CorsOrigins(List.of("*")).allows("https://any.example", "api.example.test"));
    }

    @Test
    void theGatewaysOwnOriginAlways() {
        CorsOrigins none = new CorsOrigins(List.of());
        assertTrue(none.allows("http://localhost:8080", "localhost:8080"));
        assertTrue(none.allows("https://api.flowlens.example", "api.flowlens.example"));
        assertFalse(none.allows("http://localhost:3000", "localhost:8080"));
        assertFalse(none.allows("https://api.flowlens.example.evil", "api.flowlens.example"));
        assertFalse(none.allows("https://api.flowlens.example/path", "api.flowlens.example"));
        assertFalse(none.allows("not a url", "api.flowlens.example"));
        assertFalse(none.allows("http://localhost:8080", null));
    }
}
