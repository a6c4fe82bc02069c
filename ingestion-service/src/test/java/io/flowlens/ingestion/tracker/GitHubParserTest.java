package io.flowlens.ingestion.tracker;

import static io.flowlens.ingestion.tracker.Fixtures.delivery;
import static io.flowlens.ingestion.tracker.Fixtures.export;
import static io.flowlens.ingestion.tracker.Fixtures.json;
import static io.flowlens.ingestion.tracker.Fixtures.only;
import static io.flowlens.ingestion.tracker.Fixtures.states;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flowlens.ingestion.domain.DefaultMappings;
import io.flowlens.ingestion.domain.FlowType;
import io.flowlens.ingestion.domain.StatusChange;

/** GitHub issues events and issues-with-events exports in, facts and timeline out. */
class GitHubParserTest {

    final GitHubParser github = new GitHubParser();

    static ParsedDelivery issues(GitHubParser p, String fixture) {
        return p.parse(delivery("X-GitHub-Event", "issues"), json("github/" + fixture));
    }

    @Test
    void aReopenKeepsTheCloseItEnds() {
        ItemChange c = only(issues(github, "issues-reopened.json"));
        // open at creation, the earlier close at closed_at, the reopen at updated_at.
        assertEquals(List.of("new@2021-07-05T18:05:24Z", "done@2021-07-05T18:07:10Z", "new@2021-10-11T16:40:56Z"),
                states(c, "github"));
    }

    @Test
    void theCloseAnEventStatesWinsOverTheOneAReopenRepeats() {
        // Both name the close at 18:07:10: the reopen only as "closed", the close event as not planned.
        ItemChange closed = only(issues(github, "issues-closed-not-planned.json"));
        ItemChange reopened = only(issues(github, "issues-reopened.json"));
        List<StatusChange> facts = new ArrayList<>(reopened.statuses());
        facts.addAll(closed.statuses());
        ItemChange item = new ItemChange(reopened.externalId(), null, null, null, null, null, reopened.createdAt(),
                null, facts, false);
        assertEquals(List.of("new@2021-07-05T18:05:24Z", "canceled@2021-07-05T18:07:10Z",
                "new@2021-10-11T16:40:56Z"), states(item, "github"));
    }

    @Test
    void anyEventOfAClosedIssueStatesTheClose() {
        ObjectNode body = (ObjectNode) json("github/issues-labeled.json");
        ((ObjectNode) body.get("issue")).put("state", "closed").put("closed_at", "2021-07-05T18:07:10Z")
                .put("state_reason", "not_planned").put("updated_at", "2021-07-06T08:00:00Z");
        ItemChange c = only(github.parse(delivery("X-GitHub-Event", "issues"), body));
        assertEquals(List.of("new@2021-07-05T18:05:24Z", "canceled@2021-07-05T18:07:10Z"), states(c, "github"));
        // Open again with a close behind it: closed then, open again by the payload's instant at the latest.
        ((ObjectNode) body.get("issue")).put("state", "open").put("state_reason", "reopened");
        ItemChange reopened = only(github.parse(delivery("X-GitHub-Event", "issues"), body));
        assertEquals(List.of("new@2021-07-05T18:05:24Z", "done@2021-07-05T18:07:10Z", "new@2021-07-06T08:00:00Z"),
                states(reopened, "github"));
    }

    @Test
    void aTransferEndsTheItemInThisRepository() {
        ItemChange c = only(issues(github, "issues-transferred.json"));
        assertTrue(c.deleted());
        assertEquals("MDU6SXNzdWU0NDQ1MDAwNDE=", c.externalId());
        assertEquals(java.time.Instant.parse("2021-07-06T09:12:00Z"), c.observedAt());
    }

    @Test
    void theIssueTypeIsTheTrackerType() {
        ItemChange c = only(issues(github, "issues-opened-typed.json"));
        assertEquals("Bug", c.trackerType());
        assertEquals(FlowType.DEFECT, DefaultMappings.forTracker("github").typeOf(c.trackerType(), c.labels()));
    }

    @Test
    void theExportsEventIdsAreTheTrackersOrder() {
        List<ItemChange> issues = export(github, GitHubParser.ISSUES_EXPORT, "github/issues-with-events.json");
        assertEquals(List.of(GitHubParser.INFERRED, 2L, 3L, 4L),
                issues.get(0).statuses().stream().map(StatusChange::order).toList());
    }
}
