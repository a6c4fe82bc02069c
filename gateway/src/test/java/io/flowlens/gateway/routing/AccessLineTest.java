package io.flowlens.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;

import org.junit.jupiter.api.Test;

class AccessLineTest {

    @Test
    void theAccessLineReadsAsItDidWithPrintf() {
        long[] samples = {0, 4_999, 5_000, 1_234_567, 10_000_000, 99_995_000, 123_456_789_012L};
        for (long nanos : samples) {
            String printf = String.format(Locale.ROOT, "%s %s -> %s %d %.2f ms", "GET", "/api/v1/items", "ingestion-service",
                    200, nanos / 1e6);
            assertEquals(printf, GatewayRoutes.accessLine("GET", "/api/v1/items", "ingestion-service", 200, nanos));
        }
        assertEquals("POST /api/v1/imports -> ingestion-service 413 0.05 ms",
                GatewayRoutes.accessLine("POST", "/api/v1/imports", "ingestion-service", 413, 50_000));
    }

    @Test
    void requestIdsAreVisibleAscii() {
        assertTrue(GatewayRoutes.printable("abc-123_XYZ"));
        assertFalse(GatewayRoutes.printable("a b"));
        assertFalse(GatewayRoutes.printable("tab\there"));
        assertFalse(GatewayRoutes.printable("caf\u00e9"));
        assertFalse(GatewayRoutes.printable("del\u007f"));
    }
}
