package io.flowlens.ingestion.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DateTimeException;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The instant and order formats trackers write, each read by its shape. */
class PayloadInstantsAndOrdersTest {

    @Test
    void everyTrackersInstantFormatIsRead() {
        Instant t = Instant.parse("2025-03-04T15:06:07.123Z");
        assertEquals(t, Payloads.parseInstant("2025-03-04T15:06:07.123Z")); // GitHub, Linear, ADO
        assertEquals(t, Payloads.parseInstant("2025-03-04T10:06:07.123-0500")); // Jira
        assertEquals(t, Payloads.parseInstant("2025-03-04T16:06:07.123+0100"));
        assertEquals(t, Payloads.parseInstant("2025-03-04T16:06:07.123+01:00")); // GitLab REST
        assertEquals(Instant.parse("2025-03-04T15:06:07Z"), Payloads.parseInstant("2025-03-04 15:06:07 UTC")); // GitLab hooks
    }

    @Test
    void whatIsNoInstantIsRefused() {
        for (String bad : new String[] {"2025-03-04", "yesterday", "2025-13-04T10:00:00Z", "2025-03-04T10:00:00+5",
                "2025-03-04 15:06:07 CET", "12345"}) {
            assertThrows(DateTimeException.class, () -> Payloads.parseInstant(bad), bad);
        }
    }

    @Test
    void anOrderIsANumberOrNothing() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("a", 42).put("b", " 17 ").put("c", "17-3").put("d", "").put("e", "abc").put("f", 1.5)
                .put("g", "99999999999999999999");
        assertEquals(42L, Payloads.order(n, "a"));
        assertEquals(17L, Payloads.order(n, "b"));
        assertNull(Payloads.order(n, "c"));
        assertNull(Payloads.order(n, "d"));
        assertNull(Payloads.order(n, "e"));
        assertNull(Payloads.order(n, "f"));
        assertNull(Payloads.order(n, "g"));
        assertNull(Payloads.order(n, "missing"));
    }
}
