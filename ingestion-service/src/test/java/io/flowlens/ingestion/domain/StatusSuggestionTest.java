package io.flowlens.ingestion.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** What an unmapped status is suggested to map to, and why. */
class StatusSuggestionTest {

    private static final Map<String, FlowState> JIRA = DefaultMappings.forTracker("jira").categories();

    private static FlowState byWords(String status) {
        return StatusSuggestion.byWords(status).map(StatusSuggestion::state).orElse(null);
    }

    @Test
    void theCategorySeenInAnotherConnectionComesFirst() {
        StatusSuggestion s = StatusSuggestion.suggest("Peer Check",
                List.of(new StatusSuggestion.Sighting("indeterminate", "Jira EU")), JIRA).orElseThrow();
        assertEquals(FlowState.ACTIVE, s.state());
        assertEquals(StatusSuggestion.CATEGORY_ELSEWHERE, s.rule());
        assertEquals("seen with status category 'indeterminate' in connection 'Jira EU', which maps to active",
                s.reason());
        // Even over the words of the name: the tenant's own tracker said so.
        assertEquals(FlowState.DONE, StatusSuggestion.suggest("Waiting for deploy",
                List.of(new StatusSuggestion.Sighting("done", "Jira US")), JIRA).orElseThrow().state());
    }

    @Test
    void aCategoryTheTrackerDoesNotMapIsPassedOver() {
        // Jira's "No Category" (undefined) maps to nothing: the next sighting, then the words decide.
        StatusSuggestion s = StatusSuggestion.suggest("Blocked by vendor", List.of(
                new StatusSuggestion.Sighting("undefined", "A"), new StatusSuggestion.Sighting(null, "B")), JIRA)
                .orElseThrow();
        assertEquals(FlowState.WAITING, s.state());
        assertEquals(StatusSuggestion.NAME_WORDS, s.rule());
        assertEquals("the name contains 'block', usually waiting", s.reason());
        assertEquals(FlowState.NEW, StatusSuggestion.suggest("Triage", List.of(
                new StatusSuggestion.Sighting("undefined", "A"), new StatusSuggestion.Sighting("new", "B")), JIRA)
                .orElseThrow().state());
    }

    @Test
    void wordsInTheName() {
        assertEquals(FlowState.ACTIVE, byWords("In Development"));
        assertEquals(FlowState.ACTIVE, byWords("Peer review"));
        assertEquals(FlowState.ACTIVE, byWords("Testing"));
        assertEquals(FlowState.ACTIVE, byWords("QA"));
        assertEquals(FlowState.ACTIVE, byWords("Doing"));
        assertEquals(FlowState.WAITING, byWords("On Hold"));
        assertEquals(FlowState.WAITING, byWords("Awaiting Sign-off"));
        assertEquals(FlowState.WAITING, byWords("Pending customer"));
        assertEquals(FlowState.DONE, byWords("Released to prod"));
        assertEquals(FlowState.DONE, byWords("Shipped"));
        assertEquals(FlowState.CANCELED, byWords("Won\u2019t Do"));
        assertEquals(FlowState.CANCELED, byWords("Cancelled"));
        assertEquals(FlowState.CANCELED, byWords("Declined"));
        assertEquals(FlowState.CANCELED, byWords("Obsolete"));
        assertEquals(FlowState.NEW, byWords("TO-DO"));
        assertEquals(FlowState.NEW, byWords("to do"));
        assertEquals(FlowState.NEW, byWords("Product backlog"));
        assertEquals(FlowState.NEW, byWords("Reopened"));
    }

    @Test
    void whenWordsOfTwoStatesMeetTheStrongerWins() {
        // canceled, then waiting, then done, then active, then new
        assertEquals(FlowState.CANCELED, byWords("Closed - won't fix"));
        assertEquals(FlowState.WAITING, byWords("Waiting for QA"));
        assertEquals(FlowState.WAITING, byWords("Review blocked"));
        assertEquals(FlowState.DONE, byWords("Development done"));
        assertEquals(FlowState.ACTIVE, byWords("Open for review"));
    }

    @Test
    void wordsMatchFromTheirStartOnly() {
        // "latest" holds "test", "unreviewed" holds "review", "tomorrow do" is not "to do", "Peer Check" nothing.
        assertEquals(Optional.empty(), StatusSuggestion.byWords("Latest"));
        assertEquals(Optional.empty(), StatusSuggestion.byWords("Unreviewed"));
        assertEquals(Optional.empty(), StatusSuggestion.byWords("tomorrow do"));
        assertEquals(Optional.empty(), StatusSuggestion.byWords("Peer Check"));
        assertEquals(Optional.empty(), StatusSuggestion.byWords(""));
        assertTrue(StatusSuggestion.suggest("Gate 2", List.of(), JIRA).isEmpty());
        assertTrue(StatusSuggestion.suggest("Gate 2", null, JIRA).isEmpty());
    }
}
