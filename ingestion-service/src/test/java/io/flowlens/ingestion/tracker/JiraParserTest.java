package io.flowlens.ingestion.tracker;

import static io.flowlens.ingestion.tracker.Fixtures.delivery;
import static io.flowlens.ingestion.tracker.Fixtures.export;
import static io.flowlens.ingestion.tracker.Fixtures.json;
import static io.flowlens.ingestion.tracker.Fixtures.only;
import static io.flowlens.ingestion.tracker.Fixtures.states;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.flowlens.ingestion.domain.FlowType;
import io.flowlens.ingestion.domain.StatusChange;
import io.flowlens.ingestion.mapping.ConnectionMappings;

/** Jira payloads and search exports in, the facts and timeline they state out. */
class JiraParserTest {

    final JiraParser jira = new JiraParser();

    static final List<String> FLOW_7 = List.of("new@2024-03-01T08:00:00Z", "active@2024-03-02T09:00:00Z",
            "waiting@2024-03-04T11:00:00Z", "done@2024-03-06T15:00:00Z");

    @Test
    void historiesNewestFirstShuffledOrAtEqualInstantsGiveOneTimeline() {
        for (String fixture : List.of("jira/search-newest-first.json", "jira/search-shuffled.json",
                "jira/search-equal-instants.json")) {
            ItemChange issue = export(jira, JiraParser.SEARCH_EXPORT, fixture).get(0);
            assertEquals(FLOW_7, states(issue, "jira"), fixture);
            // Created in the from of its earliest change, not in whatever the file lists first.
            StatusChange first = issue.statuses().get(0);
            assertEquals("To Do", first.status(), fixture);
            assertEquals(Instant.parse("2024-03-01T08:00:00Z"), first.at(), fixture);
        }
    }

    @Test
    void eachHistoryCarriesItsIdAsTheTrackersOrder() {
        ItemChange issue = export(jira, JiraParser.SEARCH_EXPORT, "jira/search-equal-instants.json").get(0);
        assertEquals(List.of(0L, 40001L, 40002L, 40003L, 40004L),
                issue.statuses().stream().map(StatusChange::order).toList());
        // Both changes at 11:00 are facts; the later recorded (40003, back to In Review) decides.
        assertEquals(List.of("To Do", "In Progress", "Done", "In Review", "Done"),
                issue.statuses().stream().map(StatusChange::status).toList());
    }

    @Test
    void aDoneStatusResolvedWontDoIsCanceledUnlessTheTenantSaysOtherwise() {
        ItemChange wont = export(jira, JiraParser.SEARCH_EXPORT, "jira/search-resolution-subtask-localized.json")
                .get(0);
        assertEquals("Won't Do", wont.statuses().get(wont.statuses().size() - 1).resolution());
        assertEquals(List.of("new@2024-03-01T08:00:00Z", "active@2024-03-02T09:00:00Z",
                "canceled@2024-03-05T10:00:00Z"), states(wont, "jira"));
        assertEquals(List.of("new@2024-03-01T08:00:00Z", "active@2024-03-02T09:00:00Z",
                "done@2024-03-05T10:00:00Z"), states(wont, ConnectionMappings.effective("jira",
                        Map.of(ConnectionMappings.RESOLUTIONS, Map.of("won't do", "done")))));
        // The NUL a real summary ended in is not stored.
        assertEquals("Legacy CSV export", wont.title());
    }

    @Test
    void aLocalizedSubTaskCarriesItsParentAndHierarchy() {
        List<ItemChange> issues = export(jira, JiraParser.SEARCH_EXPORT,
                "jira/search-resolution-subtask-localized.json");
        ItemChange sub = issues.get(1);
        assertEquals("10070", sub.parentExternalId());
        assertEquals("subtask", sub.hierarchy());
        assertEquals("Unteraufgabe", sub.trackerType());
        // "In Arbeit" is no default word, but the current status names its category.
        assertEquals(List.of("new@2024-03-01T08:00:00Z", "active@2024-03-03T07:30:00Z"), states(sub, "jira"));
        ItemChange bug = issues.get(2);
        assertEquals("standard", bug.hierarchy());
        assertNull(bug.parentExternalId());
        assertEquals(FlowType.DEFECT, io.flowlens.ingestion.domain.DefaultMappings.forTracker("jira")
                .typeOf(bug.trackerType(), bug.labels()));
        // Never changed: created in its current status.
        assertEquals(List.of(new StatusChange(Instant.parse("2024-03-01T08:00:00Z"), "Zu erledigen", "new", null,
                JiraParser.CREATION_ORDER)), bug.statuses());
    }

    @Test
    void aWebhookResolvedWontDoIsCanceled() {
        ItemChange c = only(jira.parse(delivery(), json("jira/issue-updated-wont-do.json")));
        StatusChange done = c.statuses().get(0);
        assertEquals(new StatusChange(Instant.parse("2016-04-25T22:22:35Z"), "Done", "done", "Won't Do", 10501L), done);
        assertEquals(List.of("new@2016-04-21T22:22:35Z", "canceled@2016-04-25T22:22:35Z"), states(c, "jira"));
    }

    @Test
    void anUpdateWithoutAStatusChangeStillStatesTheCurrentStatus() {
        ItemChange c = only(jira.parse(delivery(), json("jira/issue-updated-no-status.json")));
        assertEquals(List.of(new StatusChange(Instant.parse("2016-04-23T22:22:35Z"), "In Progress",
                "indeterminate", null, 10601L)), c.statuses());
        // First seen by this update: active from the payload's instant.
        assertEquals(List.of("new@2016-04-21T22:22:35Z", "active@2016-04-23T22:22:35Z"), states(c, "jira"));
    }

    @Test
    void aCreatedSubTaskNamesItsParentAndLosesTheNul() {
        ItemChange c = only(jira.parse(delivery(), json("jira/issue-created-subtask.json")));
        assertEquals("25201", c.parentExternalId());
        assertEquals("subtask", c.hierarchy());
        assertEquals("Safari-Test schreiben", c.title());
    }

    @Test
    void anInstantNoStoreCanHoldIsAProblemNamingTheField() {
        PayloadProblem p = assertThrows(PayloadProblem.class,
                () -> jira.parse(delivery(), json("jira/issue-created-year-out-of-range.json")));
        assertEquals("/issue/fields/created", p.pointer());
    }

    @Test
    void onlyIssueEventsChangeItems() {
        assertEquals(true, jira.parse(delivery(), json("jira/comment-created.json")).isIgnored());
    }
}
