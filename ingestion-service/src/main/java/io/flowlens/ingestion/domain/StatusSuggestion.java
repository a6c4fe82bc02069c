package io.flowlens.ingestion.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A flow state suggested for a status no mapping covers, with the rule that gave it and why, so a
 * tenant can confirm it with a status override. Rules, first match wins:
 * <ol>
 * <li>{@value #CATEGORY_ELSEWHERE}: the category the status was seen with in the tenant's other
 * connections of the same tracker, when the tracker's categories map it (the latest sighting first);</li>
 * <li>{@value #NAME_WORDS}: English words in the name (canceled, then waiting, done, active, new:
 * "Waiting for QA" is waiting, "Closed - won't fix" canceled);</li>
 * <li>none: no suggestion.</li>
 * </ol>
 */
public record StatusSuggestion(FlowState state, String rule, String reason) {

    public static final String CATEGORY_ELSEWHERE = "category-in-other-connection";
    public static final String NAME_WORDS = "words-in-name";

    /** The status seen with {@code category} in another connection named {@code connectionName}. */
    public record Sighting(String category, String connectionName) {
    }

    /**
     * Word stems per state, in the order they are tried. A stem matches a word of the name that
     * starts with it ("develop" matches "Development"); a stem with a space matches those words in a row.
     */
    private static final List<Map.Entry<FlowState, List<String>>> WORDS = List.of(
            Map.entry(FlowState.CANCELED, List.of("cancel", "won't", "wont", "reject", "declin", "duplicat",
                    "obsolet", "abandon", "not planned")),
            Map.entry(FlowState.WAITING, List.of("block", "hold", "wait", "await", "pending", "paused", "parked")),
            Map.entry(FlowState.DONE, List.of("done", "closed", "resolved", "released", "shipped", "complete",
                    "finished", "deployed")),
            Map.entry(FlowState.ACTIVE, List.of("progress", "doing", "develop", "review", "test", "qa", "wip",
                    "implement", "coding")),
            Map.entry(FlowState.NEW, List.of("to do", "todo", "backlog", "open", "reopen", "new", "triage",
                    "ready", "planned", "icebox")));

    /**
     * The suggestion for {@code status}: by a sighting in another connection whose category
     * {@code categories} maps (sightings latest first), else by the words in its name, else empty.
     */
    public static Optional<StatusSuggestion> suggest(String status, List<Sighting> elsewhere,
            Map<String, FlowState> categories) {
        for (Sighting s : elsewhere == null ? List.<Sighting>of() : elsewhere) {
            FlowState state = s.category() == null ? null : categories.get(FlowMapping.key(s.category()));
            if (state != null) {
                return Optional.of(new StatusSuggestion(state, CATEGORY_ELSEWHERE, "seen with status category '"
                        + s.category() + "' in connection '" + s.connectionName() + "', which maps to "
                        + state.word()));
            }
        }
        return byWords(status);
    }

    /** The state the English words of {@code status} suggest, if any. */
    public static Optional<StatusSuggestion> byWords(String status) {
        if (status == null) {
            return Optional.empty();
        }
        List<String> words = words(status);
        for (Map.Entry<FlowState, List<String>> rule : WORDS) {
            for (String stem : rule.getValue()) {
                if (matches(words, stem)) {
                    return Optional.of(new StatusSuggestion(rule.getKey(), NAME_WORDS, "the name contains '"
                            + stem + "', usually " + rule.getKey().word()));
                }
            }
        }
        return Optional.empty();
    }

    /** Lower-cased words: letters, digits and apostrophes (so "won't" stays one word). */
    static List<String> words(String name) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        for (char ch : name.toLowerCase(Locale.ROOT).replace('\u2019', '\'').toCharArray()) {
            if (Character.isLetterOrDigit(ch) || ch == '\'') {
                w.append(ch);
            } else if (w.length() > 0) {
                out.add(w.toString());
                w.setLength(0);
            }
        }
        if (w.length() > 0) {
            out.add(w.toString());
        }
        return out;
    }

    private static boolean matches(List<String> words, String stem) {
        String[] parts = stem.split(" ");
        for (int i = 0; i + parts.length <= words.size(); i++) {
            boolean all = true;
            for (int k = 0; k < parts.length && all; k++) {
                // The last word of a phrase by its stem, the ones before it whole ("to do", not "tomorrow do").
                all = k == parts.length - 1 ? words.get(i + k).startsWith(parts[k]) : words.get(i + k).equals(parts[k]);
            }
            if (all) {
                return true;
            }
        }
        return false;
    }
}
