package io.flowlens.ingestion.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flowlens.ingestion.domain.StatusChange;

/**
 * The GitLab, Azure DevOps and Linear export readers on their own: what each record says
 * (statuses, instants, orders) and how a problem is named, without HTTP or database.
 */
class TrackerExportReadersTest {

    @TempDir
    Path dir;

    /** What a reader passed on: the changes by location, and the problems. */
    record Read(Map<String, ItemChange> changes, List<String> problems) {
        List<String> statuses(String location) {
            return changes.get(location).statuses().stream().map(s -> s.at() + " " + s.status()).toList();
        }
    }

    Read read(TrackerParser parser, String format, String content) throws IOException {
        Path file = Files.writeString(dir.resolve("export"), content, StandardCharsets.UTF_8);
        Map<String, ItemChange> changes = new java.util.LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        parser.readExport(format, file, new ExportVisitor() {
            @Override
            public void record(String location, String lineOrIndex, ItemChange change) {
                changes.put(location, change);
            }

            @Override
            public void invalid(String pointer, String detail) {
                problems.add(pointer + " " + detail);
            }
        });
        return new Read(changes, problems);
    }

    // --- GitLab ---

    final GitLabParser gitlab = new GitLabParser();

    @Test
    void gitlabExportStateNumbersAreGitLabsEnumAndMergeRequestStatesAreNotIssueStates() throws IOException {
        Read r = read(gitlab, GitLabParser.PROJECT_EXPORT, """
                {"id": 7, "iid": 2, "created_at": "2024-01-01T00:00:00Z", "state": "opened", "resource_state_events": [\
                {"id": 3, "created_at": "2024-01-03T00:00:00Z", "state": 2}, \
                {"id": 4, "created_at": "2024-01-04T00:00:00Z", "state": 5}, \
                {"id": 5, "created_at": "2024-01-05T00:00:00Z", "state": "locked"}]}
                """);
        assertEquals(List.of(), r.problems());
        assertEquals(List.of("2024-01-01T00:00:00Z opened", "2024-01-03T00:00:00Z closed",
                "2024-01-04T00:00:00Z reopened"), r.statuses("/1"));
        assertEquals(List.of(0L, 3L, 4L), r.changes().get("/1").statuses().stream().map(StatusChange::order).toList());
    }

    @Test
    void gitlabWorkflowLabelsComeFromAddsOrElseFromTheOpenIssuesCurrentLabels() throws IOException {
        Read r = read(gitlab, GitLabParser.ISSUES_EXPORT, """
                [{"id": 1, "iid": 1, "created_at": "2024-01-01T00:00:00Z", "updated_at": "2024-01-09T00:00:00Z",
                  "state": "opened", "labels": ["workflow::review"], "type": "TEST_CASE",
                  "resource_label_events": [
                    {"id": 1, "created_at": "2024-01-02T00:00:00Z", "action": "add", "label": {"name": "workflow::doing"}},
                    {"id": 2, "created_at": "2024-01-05T00:00:00Z", "action": "remove", "label": {"name": "workflow::doing"}},
                    {"id": 3, "created_at": "2024-01-05T00:00:00Z", "action": "add", "label": {"name": "workflow::review"}},
                    {"id": 4, "created_at": "2024-01-06T00:00:00Z", "action": "add", "label": null}]},
                 {"id": 2, "iid": 2, "created_at": "2024-01-01T00:00:00Z", "updated_at": "2024-01-09T00:00:00Z",
                  "state": "opened", "labels": ["workflow::doing", "api"]},
                 {"id": 3, "iid": 3, "created_at": "2024-01-01T00:00:00Z", "updated_at": "2024-01-09T00:00:00Z",
                  "state": "closed", "closed_at": "2024-01-08T00:00:00Z", "labels": ["workflow::doing"]}]
                """);
        assertEquals(List.of(), r.problems());
        assertEquals(List.of("2024-01-01T00:00:00Z opened", "2024-01-02T00:00:00Z workflow::doing",
                "2024-01-05T00:00:00Z workflow::review"), r.statuses("/0/0"));
        assertEquals("Test Case", r.changes().get("/0/0").trackerType());
        assertEquals(List.of("2024-01-01T00:00:00Z opened", "2024-01-09T00:00:00Z workflow::doing"), r.statuses("/0/1"));
        // A closed issue's workflow label is not its status; its closed_at is its close.
        assertEquals(List.of("2024-01-01T00:00:00Z opened", "2024-01-08T00:00:00Z closed"), r.statuses("/0/2"));
    }

    @Test
    void gitlabProblemsNameTheLineAndTheField() throws IOException {
        Read r = read(gitlab, GitLabParser.PROJECT_EXPORT, """
                {"id": 1, "created_at": "2024-01-01T00:00:00Z", "resource_state_events": {"state": "closed"}}

                {"id": 2}
                {"id": 3, "created_at": "2024-01-01T00:00:00Z", "resource_label_events": ["add"]}
                not json
                """);
        assertEquals(4, r.problems().size(), r.problems().toString());
        assertTrue(r.problems().get(0).startsWith("/1/resource_state_events line 1: resource_state_events is an array"),
                r.problems().get(0));
        assertTrue(r.problems().get(1).startsWith("/3/created_at line 3: created_at is required"), r.problems().get(1));
        assertTrue(r.problems().get(2).startsWith("/4/resource_label_events/0 "), r.problems().get(2));
        assertTrue(r.problems().get(3).startsWith("/5 line 5 is not valid JSON"), r.problems().get(3));
    }

    // --- Azure DevOps ---

    final AzureDevOpsParser azure = new AzureDevOpsParser();

    static String revision(int id, int rev, String state, String changed) {
        return "{\"id\": " + id + ", \"rev\": " + rev + ", \"fields\": {\"System.State\": \"" + state
                + "\", \"System.CreatedDate\": \"2024-01-01T00:00:00Z\", \"System.ChangedDate\": \"" + changed
                + "\", \"System.Title\": \"t" + rev + "\"}}";
    }

    @Test
    void azureRevisionIsATransitionOnlyWhenItsStateChangedAndARepeatedRevisionAddsNothing() throws IOException {
        Read r = read(azure, AzureDevOpsParser.REVISIONS_EXPORT, "{\"values\": ["
                + revision(1, 1, "New", "2024-01-01T00:00:00Z") + ", " + revision(2, 4, "Active", "2024-01-02T00:00:00Z")
                + ", " + revision(1, 2, "New", "2024-01-03T00:00:00Z") + "], \"isLastBatch\": false}\n"
                + "{\"values\": [" + revision(1, 2, "New", "2024-01-03T00:00:00Z") + ", "
                + revision(1, 3, "Active", "2024-01-04T00:00:00Z") + ", " + revision(2, 5, "Active", "2024-01-05T00:00:00Z")
                + "], \"isLastBatch\": true}");
        assertEquals(List.of(), r.problems());
        assertEquals(List.of("2024-01-01T00:00:00Z New"), r.statuses("/0/values/0"));
        assertEquals(List.of("2024-01-02T00:00:00Z Active"), r.statuses("/0/values/1"));
        assertEquals(List.of(), r.statuses("/0/values/2"));
        assertEquals(List.of(), r.statuses("/1/values/0"));
        assertEquals(List.of("2024-01-04T00:00:00Z Active"), r.statuses("/1/values/1"));
        assertEquals(List.of(), r.statuses("/1/values/2"));
        assertEquals(3L, r.changes().get("/1/values/1").statuses().get(0).order());
        assertEquals("t3", r.changes().get("/1/values/1").title());
        assertEquals(Instant.parse("2024-01-04T00:00:00Z"), r.changes().get("/1/values/1").observedAt());
    }

    @Test
    void azureRevisionGoingBackIsRefusedNamingIt() throws IOException {
        Read r = read(azure, AzureDevOpsParser.REVISIONS_EXPORT, "[{\"count\": 2, \"value\": ["
                + revision(9, 3, "Active", "2024-01-03T00:00:00Z") + ", " + revision(9, 2, "New", "2024-01-02T00:00:00Z")
                + "]}]");
        assertEquals(List.of("/0/0/value/1/rev revisions of work item 9 are out of order: rev 2 after rev 3 (export"
                + " them in the order the API returns them)"), r.problems());
    }

    // --- Linear ---

    final LinearParser linear = new LinearParser();

    @Test
    void linearHistoryInAnyOrderGivesOneTimelineAndNoHistoryMeansTheCurrentStateSinceItWasReached()
            throws IOException {
        String issue = """
                {"id": "a", "identifier": "ENG-1", "createdAt": "2024-01-01T00:00:00Z", "updatedAt": "2024-01-09T00:00:00Z",
                 "startedAt": "2024-01-02T00:00:00Z", "completedAt": "2024-01-05T00:00:00Z",
                 "state": {"name": "Done", "type": "completed"}, "team": {"key": "ENG"}, "history": {"nodes": [%s]}}""";
        String started = "{\"createdAt\": \"2024-01-02T00:00:00Z\", \"fromState\": {\"name\": \"Todo\", \"type\":"
                + " \"unstarted\"}, \"toState\": {\"name\": \"In Progress\", \"type\": \"started\"}}";
        String done = "{\"createdAt\": \"2024-01-05T00:00:00Z\", \"fromState\": {\"name\": \"In Progress\", \"type\":"
                + " \"started\"}, \"toState\": {\"name\": \"Done\", \"type\": \"completed\"}}";
        String other = "{\"createdAt\": \"2024-01-03T00:00:00Z\", \"fromState\": null, \"toState\": null}";
        Read r = read(linear, LinearParser.ISSUES_EXPORT, "{\"data\": {\"issues\": {\"nodes\": ["
                + issue.formatted(started + "," + other + "," + done) + ","
                + issue.formatted(done + "," + started) + ","
                + issue.replace(", \"history\": {\"nodes\": [%s]}", "") + "]}}}");
        assertEquals(List.of(), r.problems());
        List<String> expected = List.of("2024-01-01T00:00:00Z Todo", "2024-01-02T00:00:00Z In Progress",
                "2024-01-05T00:00:00Z Done");
        assertEquals(expected, r.statuses("/0/data/issues/nodes/0"));
        assertEquals(expected, r.statuses("/0/data/issues/nodes/1"));
        assertEquals(List.of("2024-01-05T00:00:00Z Done"), r.statuses("/0/data/issues/nodes/2"));
        assertEquals("completed", r.changes().get("/0/data/issues/nodes/2").statuses().get(0).category());
        assertNull(r.changes().get("/0/data/issues/nodes/0").parentExternalId());
        assertEquals("ENG", r.changes().get("/0/data/issues/nodes/0").project());
    }

    @Test
    void linearAnswerWithErrorsInsteadOfDataSaysSo() throws IOException {
        Read r = read(linear, LinearParser.ISSUES_EXPORT,
                "{\"data\": null, \"errors\": [{\"message\": \"Rate limit exceeded\"}]}");
        assertEquals(List.of("/0/data a result page has an array data/issues/nodes (this page holds the API's errors"
                + " instead)"), r.problems());
    }

    @Test
    void linearCurrentStateReachedBeforeTheHistorysLastChangeIsAtTheLastUpdate() throws IOException {
        // Started on the 2nd, in review on the 4th, back in progress (not in the history fetched) by the 9th.
        Read r = read(linear, LinearParser.ISSUES_EXPORT, """
                {"data": {"issues": {"nodes": [{"id": "b", "createdAt": "2024-01-01T00:00:00Z",
                 "updatedAt": "2024-01-09T00:00:00Z", "startedAt": "2024-01-02T00:00:00Z",
                 "state": {"name": "In Progress", "type": "started"}, "history": {"nodes": [
                  {"createdAt": "2024-01-04T00:00:00Z", "fromState": {"name": "In Progress", "type": "started"},
                   "toState": {"name": "In Review", "type": "started"}},
                  {"createdAt": "2024-01-02T00:00:00Z", "fromState": {"name": "Todo", "type": "unstarted"},
                   "toState": {"name": "In Progress", "type": "started"}}]}}]}}}
                """);
        assertEquals(List.of(), r.problems());
        assertEquals(List.of("2024-01-01T00:00:00Z Todo", "2024-01-02T00:00:00Z In Progress",
                "2024-01-04T00:00:00Z In Review", "2024-01-09T00:00:00Z In Progress"),
                r.statuses("/0/data/issues/nodes/0"));
    }
}
