package io.flowlens.gateway.domain;

import static io.flowlens.gateway.domain.AccessPolicy.Decision.ALLOW;
import static io.flowlens.gateway.domain.AccessPolicy.Decision.FORBID;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AccessPolicyTest {

    static final Upstream[] SERVICES = {Upstream.INGESTION, Upstream.METRICS, Upstream.ASSESSMENT};

    @Test
    void readersOnlyRead() {
        for (Upstream s : SERVICES) {
            assertEquals(ALLOW, AccessPolicy.decide("reader", "GET", s));
            assertEquals(ALLOW, AccessPolicy.decide("reader", "HEAD", s));
            for (String m : new String[] {"POST", "PUT", "PATCH", "DELETE"}) {
                assertEquals(FORBID, AccessPolicy.decide("reader", m, s), m + " " + s);
            }
        }
    }

    @Test
    void membersWriteToIngestionAndMetricsOnly() {
        assertEquals(ALLOW, AccessPolicy.decide("member", "POST", Upstream.INGESTION));
        assertEquals(ALLOW, AccessPolicy.decide("member", "DELETE", Upstream.METRICS));
        assertEquals(FORBID, AccessPolicy.decide("member", "POST", Upstream.ASSESSMENT));
        assertEquals(ALLOW, AccessPolicy.decide("member", "GET", Upstream.ASSESSMENT));
    }

    @Test
    void partnersWriteToAssessmentOnly() {
        assertEquals(ALLOW, AccessPolicy.decide("partner", "POST", Upstream.ASSESSMENT));
        assertEquals(FORBID, AccessPolicy.decide("partner", "POST", Upstream.INGESTION));
        assertEquals(FORBID, AccessPolicy.decide("partner", "PUT", Upstream.METRICS));
        assertEquals(ALLOW, AccessPolicy.decide("partner", "GET", Upstream.METRICS));
    }

    @Test
    void adminsAndThePlatformPassAndUnknownRolesDoNot() {
        for (Upstream s : SERVICES) {
            assertEquals(ALLOW, AccessPolicy.decide("admin", "DELETE", s));
            assertEquals(ALLOW, AccessPolicy.decide("platform", "POST", s));
            assertEquals(FORBID, AccessPolicy.decide("webhook", "GET", s));
            assertEquals(FORBID, AccessPolicy.decide(null, "GET", s));
        }
        // The gateway's own resources decide for themselves.
        assertEquals(ALLOW, AccessPolicy.decide("reader", "POST", Upstream.GATEWAY));
    }
}
