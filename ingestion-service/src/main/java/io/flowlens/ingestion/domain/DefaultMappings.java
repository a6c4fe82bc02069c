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
 * The mapping each tracker starts with (docs/flow-metrics.md): the words every tracker shares,
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
        Map<String, FlowState> resolutions = commonResolutions();
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
                // Work item status widget categories (the statuses themselves are the tenant's).
                categories.put("triage", NEW);
                categories.put("to_do", NEW);
                categories.put("in_progress", ACTIVE);
                categories.put("done", DONE);
                categories.put("canceled", CANCELED);
                // Scoped-label workflows (GitLab's own convention); others are the tenant's to map.
                statuses.put("workflow::triage", NEW);
                statuses.put("workflow::ready for development", NEW);
                statuses.put("workflow::ready", NEW);
                statuses.put("workflow::in dev", ACTIVE);
                statuses.put("workflow::in development", ACTIVE);
                statuses.put("workflow::in progress", ACTIVE);
                statuses.put("workflow::doing", ACTIVE);
                statuses.put("workflow::in review", WAITING);
                statuses.put("workflow::review", WAITING);
                statuses.put("workflow::verification", WAITING);
                statuses.put("workflow::blocked", WAITING);
                statuses.put("workflow::done", DONE);
                statuses.put("workflow::complete", DONE);
            }
            case "jira" -> {
                // Jira status categories: To Do / In Progress / Done.
                categories.put("new", NEW);
                categories.put("indeterminate", ACTIVE);
                categories.put("done", DONE);
                // Issue types of localized instances (their names follow the user's language;
                // hierarchy and parent are read separately). Sub-tasks and epics stay on the fallback.
                for (String w : new String[] {"fehler", "bogue", "bug", "error", "errore", "fout", "błąd",
                        "バグ", "缺陷", "ошибка"}) {
                    types.put(w, DEFECT);
                }
                for (String w : new String[] {"geschichte", "histoire", "historia", "storia", "verhaal",
                        "neue funktion", "nouvelle fonctionnalité", "nueva función", "nuova funzionalità",
                        "verbesserung", "amélioration", "mejora", "miglioramento", "epos", "épique", "épica",
                        "ストーリー", "故事"}) {
                    types.put(w, FEATURE);
                }
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
        return new FlowMapping(types, labels, statuses, categories, resolutions, Map.of(), FEATURE);
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

    /**
     * Resolutions that say how a finished item ended (Jira's defaults, Cloud and Data Center;
     * GitHub's {@code state_reason}): only a done or canceled status looks at them.
     */
    private static Map<String, FlowState> commonResolutions() {
        Map<String, FlowState> m = new HashMap<>();
        for (String w : new String[] {"done", "fixed", "completed"}) {
            m.put(w, DONE);
        }
        for (String w : new String[] {"won't do", "won't fix", "wont do", "wont fix", "duplicate",
                "cannot reproduce", "declined", "incomplete", "not_planned", "obsolete", "rejected"}) {
            m.put(w, CANCELED);
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
