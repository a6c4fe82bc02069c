package io.flowlens.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RouteTableTest {

    @Test
    void routesByTheFirstSegmentAfterApiV1AsTheContractSays() {
        assertEquals(Upstream.GATEWAY, RouteTable.find("/api/v1/tenants/t1/api-keys").upstream());
        for (String p : new String[] {"connections", "webhooks", "items", "imports", "jobs"}) {
            assertEquals(Upstream.INGESTION, RouteTable.find("/api/v1/" + p + "/x").upstream(), p);
        }
        for (String p : new String[] {"value-streams", "portfolio", "result-categories"}) {
            assertEquals(Upstream.METRICS, RouteTable.find("/api/v1/" + p).upstream(), p);
        }
        for (String p : new String[] {"questionnaires", "organisations", "assessments", "partner-webhooks", "reliability"}) {
            assertEquals(Upstream.ASSESSMENT, RouteTable.find("/api/v1/" + p + "/1/2").upstream(), p);
        }
    }

    @Test
    void onlyTrackerWebhooksAreWebhooks() {
        assertTrue(RouteTable.find("/api/v1/webhooks/github/c1").webhook());
        assertFalse(RouteTable.find("/api/v1/partner-webhooks").webhook());
        assertEquals("webhooks", RouteTable.find("/api/v1/webhooks/github/c1").prefix());
    }

    @Test
    void internalUnknownAndTraversingPathsHaveNoRoute() {
        assertNull(RouteTable.find("/internal/v1/item-events"));
        assertNull(RouteTable.find("/api/v1/unknown"));
        assertNull(RouteTable.find("/api/v2/items"));
        assertNull(RouteTable.find("/api/v1/items/../../internal/v1/x"));
        assertNull(RouteTable.find("/api/v1/itemsx"));
        assertNull(RouteTable.find(null));
    }

    @Test
    void onlyAConnectionsImportsAreImports() {
        assertTrue(RouteTable.isImport("/api/v1/connections/c1/imports"));
        assertTrue(RouteTable.isImport("/api/v1/connections/6b1c3f5e-9a3e/imports/"));
        assertFalse(RouteTable.isImport("/api/v1/connections/c1/imports/x"));
        assertFalse(RouteTable.isImport("/api/v1/connections/c1/importsx"));
        assertFalse(RouteTable.isImport("/api/v1/connections//imports"));
        assertFalse(RouteTable.isImport("/api/v1/connections/imports"));
        assertFalse(RouteTable.isImport("/api/v1/connections/a/b/imports"));
        assertFalse(RouteTable.isImport("/api/v1/imports"));
        assertFalse(RouteTable.isImport("/api/v1/tenants/c1/imports"));
        assertFalse(RouteTable.isImport(null));
    }
}
