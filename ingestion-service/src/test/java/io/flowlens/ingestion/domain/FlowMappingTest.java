package io.flowlens.ingestion.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Each tracker's default mapping, and how a tenant's overrides sit on it. */
class FlowMappingTest {

    @Test
    void githubReadsOpenClosedStateReasonAndLabels() {
        FlowMapping m = DefaultMappings.forTracker("github");
        assertEquals(Optional.of(FlowState.NEW), m.stateOf("open", null));
        assertEquals(Optional.of(FlowState.DONE), m.stateOf("closed:completed", null));
        assertEquals(Optional.of(FlowState.CANCELED), m.stateOf("closed:not_planned", null));
        assertEquals(FlowType.DEFECT, m.typeOf(null, List.of("good first issue", "bug")));
        assertEquals(FlowType.RISK, m.typeOf(null, List.of("security")));
        assertEquals(FlowType.FEATURE, m.typeOf(null, List.of()));
    }

    @Test
    void jiraUsesStatusCategoriesAndIssueTypes() {
        FlowMapping m = DefaultMappings.forTracker("jira");
        assertEquals(Optional.of(FlowState.ACTIVE), m.stateOf("Dev Underway", "indeterminate"));
        assertEquals(Optional.of(FlowState.WAITING), m.stateOf("Blocked", "indeterminate"));
        assertEquals(FlowType.DEFECT, m.typeOf("Bug", List.of()));
        assertEquals(FlowType.DEBT, m.typeOf("Technical Debt", List.of()));
        // An unmapped type falls back to the labels, then to feature.
        assertEquals(FlowType.RISK, m.typeOf("Task", List.of("security")));
    }

    @Test
    void azureDevOpsAndLinearSpeakTheirOwnStates() {
        FlowMapping azure = DefaultMappings.forTracker("azure-devops");
        assertEquals(Optional.of(FlowState.ACTIVE), azure.stateOf("Committed", null));
        assertEquals(Optional.of(FlowState.CANCELED), azure.stateOf("Removed", null));
        assertEquals(FlowType.FEATURE, azure.typeOf("Product Backlog Item", List.of()));
        FlowMapping linear = DefaultMappings.forTracker("linear");
        assertEquals(Optional.of(FlowState.ACTIVE), linear.stateOf("Building", "started"));
        assertEquals(Optional.of(FlowState.NEW), linear.stateOf("Icebox", "backlog"));
    }

    @Test
    void overridesWinAndMatchCaseInsensitively() {
        FlowMapping m = DefaultMappings.forTracker("generic").overriddenBy(Map.of("Spike", FlowType.DEBT),
                Map.of(), Map.of("IN REVIEW", FlowState.ACTIVE));
        assertEquals(Optional.of(FlowState.ACTIVE), m.stateOf("in review", null));
        assertEquals(FlowType.DEBT, m.typeOf("spike", List.of()));
        assertTrue(m.stateOf("Something Else", null).isEmpty());
    }

    @Test
    void aStatusWithoutCategoryMapsByTheCategoryTheConnectionSawItWith() {
        FlowMapping m = DefaultMappings.forTracker("jira");
        assertTrue(m.stateOf("Peer Check", null).isEmpty());
        assertEquals(Optional.of(FlowState.ACTIVE),
                m.withSeenCategories(Map.of("peer check", "indeterminate")).stateOf("Peer Check", null));
    }

    @Test
    void localizedJiraTypesAndGitLabStatusCategoriesHaveDefaults() {
        assertEquals(FlowType.DEFECT, DefaultMappings.forTracker("jira").typeOf("Fehler", List.of()));
        assertEquals(FlowType.DEFECT, DefaultMappings.forTracker("jira").typeOf("Bogue", List.of()));
        FlowMapping gitlab = DefaultMappings.forTracker("gitlab");
        assertEquals(Optional.of(FlowState.ACTIVE), gitlab.stateOf("Developing", "in_progress"));
        assertEquals(Optional.of(FlowState.CANCELED), gitlab.stateOf("Won't fix", "canceled"));
    }

    @Test
    void resolutionOverridesSitOnTheDefaults() {
        FlowMapping m = DefaultMappings.forTracker("jira").overriddenBy(Map.of(), Map.of(), Map.of(),
                Map.of("Duplicate", FlowState.DONE));
        assertEquals(Optional.of(FlowState.DONE), m.stateOf("Done", "done", "duplicate"));
        assertEquals(Optional.of(FlowState.CANCELED), m.stateOf("Done", "done", "Won't Do"));
    }
}
