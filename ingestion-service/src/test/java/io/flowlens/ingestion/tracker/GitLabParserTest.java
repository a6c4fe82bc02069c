package io.flowlens.ingestion.tracker;

import static io.flowlens.ingestion.tracker.Fixtures.delivery;
import static io.flowlens.ingestion.tracker.Fixtures.json;
import static io.flowlens.ingestion.tracker.Fixtures.only;
import static io.flowlens.ingestion.tracker.Fixtures.states;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flowlens.ingestion.mapping.ConnectionMappings;

/** GitLab issue and work item hooks in, facts and timeline out. */
class GitLabParserTest {

    final GitLabParser gitlab = new GitLabParser();

    ParsedDelivery hook(String fixture) {
        return gitlab.parse(delivery("X-Gitlab-Event", "Issue Hook"), json("gitlab/" + fixture));
    }

    @Test
    void aReopenKeepsTheCloseItEnds() {
        assertEquals(List.of("new@2013-12-03T17:15:43Z", "done@2013-12-06T15:30:00Z", "new@2013-12-10T10:00:00Z"),
                states(only(hook("issue-reopen.json")), "gitlab"));
    }

    @Test
    void aWorkflowScopedLabelIsTheStatusOfAnOpenItem() {
        ItemChange c = only(hook("issue-update-workflow-label.json"));
        assertEquals(List.of("new@2013-12-03T17:15:43Z", "active@2013-12-05T10:00:00Z"), states(c, "gitlab"));
        // Another workflow word is the tenant's to map.
        assertEquals(List.of("new@2013-12-03T17:15:43Z", "waiting@2013-12-05T10:00:00Z"),
                states(c, ConnectionMappings.effective("gitlab",
                        Map.of(ConnectionMappings.STATUSES, Map.of("workflow::in progress", "waiting")))));
    }

    @Test
    void aWorkItemsStatusWidgetNamesItsStatusAndCategory() {
        ParsedDelivery parsed = hook("work-item-task-status.json");
        assertEquals("work_item.update", parsed.eventKind());
        ItemChange task = only(parsed);
        assertEquals("Task", task.trackerType());
        assertEquals("subtask", task.hierarchy());
        assertEquals(List.of("new@2014-01-10T09:00:00Z", "active@2014-01-11T14:00:00Z"), states(task, "gitlab"));
        assertEquals("in_progress", task.statuses().get(1).category());
    }

    @Test
    void aCloseTheStatusWidgetCallsWontDoIsCanceled() {
        ObjectNode body = (ObjectNode) json("gitlab/work-item-task-status.json");
        ObjectNode attrs = (ObjectNode) body.get("object_attributes");
        attrs.put("action", "close").put("state", "closed").put("closed_at", "2014-01-11 14:00:00 UTC");
        attrs.putObject("status").put("name", "Won't do").put("category", "canceled");
        ItemChange c = only(gitlab.parse(delivery(), body));
        assertEquals(List.of("new@2014-01-10T09:00:00Z", "canceled@2014-01-11T14:00:00Z"), states(c, "gitlab"));
    }

    @Test
    void anUpdateOfAClosedIssueStatesTheClose() {
        ObjectNode body = (ObjectNode) json("gitlab/issue-update-labels.json");
        ((ObjectNode) body.get("object_attributes")).put("state", "closed")
                .put("closed_at", "2013-12-04 08:00:00 UTC");
        assertEquals(List.of("new@2013-12-03T17:15:43Z", "done@2013-12-04T08:00:00Z"),
                states(only(gitlab.parse(delivery(), body)), "gitlab"));
    }

    @Test
    void notesAreIgnored() {
        assertEquals(true, hook("note.json").isIgnored());
    }
}
