package io.flowlens.ingestion.tracker;

import static io.flowlens.ingestion.tracker.Fixtures.delivery;
import static io.flowlens.ingestion.tracker.Fixtures.json;
import static io.flowlens.ingestion.tracker.Fixtures.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.flowlens.ingestion.domain.Presence;
import io.flowlens.ingestion.domain.StatusChange;

/** Azure DevOps service hooks in, facts out: the revision is the tracker's order; a restore undoes a delete. */
class AzureDevOpsParserTest {

    final AzureDevOpsParser azure = new AzureDevOpsParser();

    ItemChange hook(String fixture) {
        return only(azure.parse(delivery(), json("azure-devops/" + fixture)));
    }

    @Test
    void aRestoredItemIsBackObservedAfterItsDeletion() {
        ItemChange deleted = hook("workitem-deleted.json");
        ItemChange restored = hook("workitem-restored.json");
        assertTrue(deleted.deleted());
        assertFalse(restored.deleted());
        assertEquals(deleted.externalId(), restored.externalId());
        assertTrue(restored.observedAt().isAfter(deleted.observedAt()));
        // Each states presence at its notification instant; an update states none.
        assertEquals(Presence.deletion(Instant.parse("2021-08-09T10:00:00Z")), deleted.presence());
        assertEquals(Presence.restoration(Instant.parse("2021-08-10T10:00:00Z")), restored.presence());
        assertEquals(null, hook("workitem-updated-committed.json").presence());
        assertEquals("Bug", restored.trackerType());
        assertEquals(new StatusChange(Instant.parse("2021-08-10T09:59:58Z"), "Committed", null, null, 5L),
                restored.statuses().get(0));
    }

    @Test
    void aStateChangeCarriesItsRevision() {
        ItemChange c = hook("workitem-updated-committed.json");
        assertEquals("Committed", c.statuses().get(0).status());
        assertTrue(c.statuses().get(0).order() != null);
    }

    @Test
    void commentsAreIgnored() {
        assertTrue(azure.parse(delivery(), json("azure-devops/workitem-commented.json")).isIgnored());
    }
}
