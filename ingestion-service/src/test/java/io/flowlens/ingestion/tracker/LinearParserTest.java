package io.flowlens.ingestion.tracker;

import static io.flowlens.ingestion.tracker.Fixtures.delivery;
import static io.flowlens.ingestion.tracker.Fixtures.json;
import static io.flowlens.ingestion.tracker.Fixtures.only;
import static io.flowlens.ingestion.tracker.Fixtures.states;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Linear Issue webhooks in, facts out; a delivery more than a minute from its timestamp refused. */
class LinearParserTest {

    final LinearParser linear = new LinearParser();

    @Test
    void anUpdateOfAnIssueAlreadyStartedMakesAFirstSeenItemActiveSinceItStarted() {
        ItemChange c = only(linear.parse(delivery(), json("linear/issue-update-already-started.json")));
        assertEquals(List.of("new@2020-02-01T09:00:00Z", "active@2020-02-03T10:00:00Z"), states(c, "linear"));
    }

    @Test
    void aSubIssueKeepsItsParent() {
        ItemChange c = only(linear.parse(delivery(), json("linear/issue-create-sub-issue.json")));
        assertEquals("2174add1-f7c8-44e3-bbf3-2d60b5ea8bc9", c.parentExternalId());
        assertEquals("subtask", c.hierarchy());
        assertEquals("standard", only(linear.parse(delivery(), json("linear/issue-create.json"))).hierarchy());
    }

    @Test
    void aDeliveryMoreThanAMinuteFromItsTimestampIsRefused() {
        ObjectNode body = (ObjectNode) json("linear/issue-update-started.json");
        Instant sent = Instant.ofEpochMilli(body.get("webhookTimestamp").asLong());
        linear.requireFresh(delivery(), body, sent.plusSeconds(59));
        PayloadProblem stale = assertThrows(PayloadProblem.class,
                () -> linear.requireFresh(delivery(), body, sent.plusSeconds(61)));
        assertEquals("/webhookTimestamp", stale.pointer());
        assertThrows(PayloadProblem.class, () -> linear.requireFresh(delivery(), body, sent.minusSeconds(61)));
        body.remove("webhookTimestamp");
        assertThrows(PayloadProblem.class, () -> linear.requireFresh(delivery(), body, sent));
    }
}
