package io.flowlens.ingestion.domain;

import static io.flowlens.ingestion.domain.FlowState.ACTIVE;
import static io.flowlens.ingestion.domain.FlowState.CANCELED;
import static io.flowlens.ingestion.domain.FlowState.DONE;
import static io.flowlens.ingestion.domain.FlowState.NEW;
import static io.flowlens.ingestion.domain.FlowState.WAITING;
import static io.flowlens.ingestion.domain.FlowType.DEBT;
import static io.flowlens.ingestion.domain.FlowType.DEFECT;
import static io.flowlens.ingestion.domain.FlowType.FEATURE;
import static io.flowlens.ingestion.domain.FlowType.RISK;

import java.util.HashMap;
import java.util.Map;

/**
 * The mapping each tracker starts with (FLOW-METRICS.md): the words every tracker shares,
 * plus what each tracker says in its own way (GitHub's {@code closed:not_planned}, Jira's
 * status categories, Azure DevOps process states, Linear workflow state types).
 */
public final class DefaultMappings {

    // Mappings are immutable: built once per tracker, not per event.
    private static final java.util.concurrent.ConcurrentHashMap<String, FlowMapping> BUILT =
            new java.util.concurrent.ConcurrentHashMap<>();

    private DefaultMappings() {
    }

    public static FlowMapping forTracker(String kind) {
        return BUILT.computeIfAbsent(kind, DefaultMappings::build);
    }

    private static FlowMapping build(String kind) {
        Map<String, FlowType> types = commonTypes();
        Map<String, FlowType> labels = commonLabels();
        Map<String, FlowState> statuses = commonStatuses();
        Map<String, FlowState> categories = new HashMap<>();
        switch (kind) {
            case "github" -> {
                // Statuses the GitHub parser emits: issue state (+ state_reason), and Projects status options.
                statuses.put("open", NEW);
                statuses.put("reopened", NEW);
                statuses.put("closed", DONE);
                statuses.put("closed:completed", DONE);
                statuses.put("closed:not_planned", CANCELED);
                statuses.put("closed:duplicate", CANCELED);
                statuses.put("todo", NEW);
            }
            case "gitlab" -> {
                statuses.put("opened", NEW);
                statuses.put("reopened", NEW);
                statuses.put("closed", DONE);
                types.put("incident", DEFECT);
            }
            case "jira" -> {
                // Jira status categories: To Do / In Progress / Done.
                categories.put("new", NEW);
                categories.put("indeterminate", ACTIVE);
                categories.put("done", DONE);
            }
            case "azure-devops" -> {
                // Agile, Scrum, Basic and CMMI process states.
                statuses.put("approved", NEW);
                statuses.put("proposed", NEW);
                statuses.put("committed", ACTIVE);
                statuses.put("resolved", WAITING);
                statuses.put("closed", DONE);
                statuses.put("removed", CANCELED);
                types.put("user story", FEATURE);
                types.put("product backlog item", FEATURE);
                types.put("requirement", FEATURE);
                types.put("issue", DEFECT);
            }
            case "linear" -> {
                // Linear workflow state types.
                categories.put("triage", NEW);
                categories.put("backlog", NEW);
                categories.put("unstarted", NEW);
                categories.put("started", ACTIVE);
                categories.put("completed", DONE);
                categories.put("canceled", CANCELED);
            }
            default -> {
                // generic: the common words only (and the flow words themselves).
            }
        }
        return new FlowMapping(types, labels, statuses, categories, FEATURE);
    }

    private static Map<String, FlowType> commonTypes() {
        Map<String, FlowType> m = new HashMap<>();
        for (FlowType t : FlowType.values()) {
            m.put(t.word(), t);
        }
        for (String w : new String[] {"story", "user story", "feature", "epic", "improvement", "enhancement",
                "new feature"}) {
            m.put(w, FEATURE);
        }
        for (String w : new String[] {"bug", "defect", "incident", "problem"}) {
            m.put(w, DEFECT);
        }
        for (String w : new String[] {"vulnerability", "security", "compliance", "risk"}) {
            m.put(w, RISK);
        }
        for (String w : new String[] {"technical debt", "tech debt", "tech-debt", "refactor", "refactoring",
                "chore"}) {
            m.put(w, DEBT);
        }
        return m;
    }

    private static Map<String, FlowType> commonLabels() {
        Map<String, FlowType> m = new HashMap<>();
        for (String w : new String[] {"enhancement", "feature", "story"}) {
            m.put(w, FEATURE);
        }
        for (String w : new String[] {"bug", "defect", "incident", "type::bug"}) {
            m.put(w, DEFECT);
        }
        for (String w : new String[] {"security", "vulnerability", "compliance"}) {
            m.put(w, RISK);
        }
        for (String w : new String[] {"tech-debt", "tech debt", "technical debt", "refactor", "chore"}) {
            m.put(w, DEBT);
        }
        return m;
    }

    private static Map<String, FlowState> commonStatuses() {
        Map<String, FlowState> m = new HashMap<>();
        for (FlowState s : FlowState.values()) {
            m.put(s.word(), s);
        }
        for (String w : new String[] {"to do", "todo", "open", "backlog", "selected for development", "ready",
                "new", "proposed"}) {
            m.put(w, NEW);
        }
        for (String w : new String[] {"in progress", "in development", "doing", "active", "started",
                "in-progress"}) {
            m.put(w, ACTIVE);
        }
        for (String w : new String[] {"blocked", "in review", "code review", "review", "ready for review",
                "ready for qa", "in qa", "awaiting deploy", "waiting", "on hold"}) {
            m.put(w, WAITING);
        }
        for (String w : new String[] {"done", "closed", "resolved", "released", "completed", "shipped"}) {
            m.put(w, DONE);
        }
        for (String w : new String[] {"won't do", "wont do", "won't fix", "canceled", "cancelled", "duplicate",
                "rejected", "not planned", "removed"}) {
            m.put(w, CANCELED);
        }
        return m;
    }
}
