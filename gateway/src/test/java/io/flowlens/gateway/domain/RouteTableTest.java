package io.flowlens.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RouteTableTest {

    @Test
    void routesByTheFirstSegmentAfterApiV1AsTheContractSays() {
        assertEquals(Upstream.GATEWAY, RouteTable.route("/api/v1/tenants/t1/api-keys").orElseThrow().upstream());
        for (String p : new String[] {"connections", "webhooks", "items", "imports", "jobs"}) {
            assertEquals(Upstream.INGESTION, RouteTable.route("/api/v1/" + p + "/x").orElseThrow().upstream(), p);
        }
        for (String p : new String[] {"value-streams", "portfolio"}) {
            assertEquals(Upstream.METRICS, RouteTable.route("/api/v1/" + p).orElseThrow().upstream(), p);
        }
        for (String p : new String[] {"questionnaires", "organisations", "assessments", "partner-webhooks", "reliability"}) {
            assertEquals(Upstream.ASSESSMENT, RouteTable.route("/api/v1/" + p + "/1/2").orElseThrow().upstream(), p);
        }
    }

    @Test
    void onlyTrackerWebhooksAreWebhooks() {
        assertTrue(RouteTable.route("/api/v1/webhooks/github/c1").orElseThrow().webhook());
        assertFalse(RouteTable.route("/api/v1/partner-webhooks").orElseThrow().webhook());
        assertEquals("webhooks", RouteTable.route("/api/v1/webhooks/github/c1").orElseThrow().prefix());
    }

    @Test
    void internalUnknownAndTraversingPathsHaveNoRoute() {
        assertTrue(RouteTable.route("/internal/v1/item-events").isEmpty());
        assertTrue(RouteTable.route("/api/v1/unknown").isEmpty());
        assertTrue(RouteTable.route("/api/v2/items").isEmpty());
        assertTrue(RouteTable.route("/api/v1/items/../../internal/v1/x").isEmpty());
        assertTrue(RouteTable.route("/api/v1/itemsx").isEmpty());
        assertTrue(RouteTable.route(null).isEmpty());
    }
}
