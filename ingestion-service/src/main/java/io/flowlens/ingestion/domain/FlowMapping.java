package io.flowlens.ingestion.domain;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a tracker's words into flow words: its issue types and labels into a flow item type,
 * its statuses (or, failing that, its status categories) into a flow state, and the resolution
 * of a finished item into done or canceled. Keys match case-insensitively. A connection's
 * mapping is its tracker's defaults overridden by the tenant's own entries.
 */
public final class FlowMapping {

    private final Map<String, FlowType> types;
    private final Map<String, FlowType> labels;
    private final Map<String, FlowState> statuses;
    private final Map<String, FlowState> categories;
    private final Map<String, FlowState> resolutions;
    private final Map<String, String> seenCategories;
    private final FlowType fallbackType;

    public FlowMapping(Map<String, FlowType> types, Map<String, FlowType> labels, Map<String, FlowState> statuses,
            Map<String, FlowState> categories, FlowType fallbackType) {
        this(types, labels, statuses, categories, Map.of(), Map.of(), fallbackType);
    }

    public FlowMapping(Map<String, FlowType> types, Map<String, FlowType> labels, Map<String, FlowState> statuses,
            Map<String, FlowState> categories, Map<String, FlowState> resolutions, Map<String, String> seenCategories,
            FlowType fallbackType) {
        this.types = normalised(types);
        this.labels = normalised(labels);
        this.statuses = normalised(statuses);
        this.categories = normalised(categories);
        this.resolutions = normalised(resolutions);
        this.seenCategories = normalised(seenCategories);
        this.fallbackType = fallbackType;
    }

    /** This mapping with the given entries added or replaced. */
    public FlowMapping overriddenBy(Map<String, FlowType> typeOverrides, Map<String, FlowType> labelOverrides,
            Map<String, FlowState> statusOverrides) {
        return overriddenBy(typeOverrides, labelOverrides, statusOverrides, Map.of());
    }

    /** This mapping with the given entries added or replaced, resolutions included. */
    public FlowMapping overriddenBy(Map<String, FlowType> typeOverrides, Map<String, FlowType> labelOverrides,
            Map<String, FlowState> statusOverrides, Map<String, FlowState> resolutionOverrides) {
        return new FlowMapping(merged(types, typeOverrides), merged(labels, labelOverrides),
                merged(statuses, statusOverrides), categories, merged(resolutions, resolutionOverrides),
                seenCategories, fallbackType);
    }

    /**
     * This mapping knowing the category each status had where the tracker named one (status →
     * category, e.g. read from the connection's stored facts): a status reported without its
     * category (Jira names only the current status's category, never a history entry's) then
     * maps by the category it was seen with.
     */
    public FlowMapping withSeenCategories(Map<String, String> statusCategories) {
        return new FlowMapping(types, labels, statuses, categories, resolutions, statusCategories, fallbackType);
    }

    /**
     * The item's flow type: its tracker type when the mapping names it, else its first
     * label the mapping names, else the fallback (feature: most tracked work is).
     */
    public FlowType typeOf(String trackerType, Collection<String> itemLabels) {
        if (trackerType != null) {
            FlowType byType = types.get(key(trackerType));
            if (byType != null) {
                return byType;
            }
        }
        if (itemLabels != null) {
            for (String label : itemLabels) {
                FlowType byLabel = label == null ? null : labels.get(key(label));
                if (byLabel != null) {
                    return byLabel;
                }
            }
        }
        return fallbackType;
    }

    /** The flow state of a tracker status, or empty when neither the status nor its category is mapped. */
    public Optional<FlowState> stateOf(String status, String category) {
        FlowState byStatus = status == null ? null : statuses.get(key(status));
        if (byStatus != null) {
            return Optional.of(byStatus);
        }
        String c = category != null ? category : status == null ? null : seenCategories.get(key(status));
        if (c != null) {
            return Optional.ofNullable(categories.get(key(c)));
        }
        return Optional.empty();
    }

    /**
     * The flow state of a status with the tracker's resolution at that moment: a finished status
     * (done or canceled) takes the state its resolution maps to, when the mapping names it
     * (Jira's "Done" with resolution "Won't Do" is canceled); any other status ignores it.
     */
    public Optional<FlowState> stateOf(String status, String category, String resolution) {
        Optional<FlowState> state = stateOf(status, category);
        if (resolution != null && state.isPresent()
                && (state.get() == FlowState.DONE || state.get() == FlowState.CANCELED)) {
            FlowState byResolution = resolutions.get(key(resolution));
            if (byResolution == FlowState.DONE || byResolution == FlowState.CANCELED) {
                return Optional.of(byResolution);
            }
        }
        return state;
    }

    public Map<String, FlowType> types() {
        return types;
    }

    public Map<String, FlowType> labels() {
        return labels;
    }

    public Map<String, FlowState> statuses() {
        return statuses;
    }

    public Map<String, FlowState> categories() {
        return categories;
    }

    public Map<String, FlowState> resolutions() {
        return resolutions;
    }

    /** The category each status was seen with (keys as {@link #key}), from {@link #withSeenCategories}. */
    public Map<String, String> seenCategories() {
        return seenCategories;
    }

    /** How a tracker word is matched: trimmed, lower-cased. */
    public static String key(String word) {
        return word.trim().toLowerCase(Locale.ROOT);
    }

    private static <V> Map<String, V> merged(Map<String, V> base, Map<String, V> overrides) {
        Map<String, V> out = new LinkedHashMap<>(base);
        out.putAll(normalised(overrides));
        return out;
    }

    private static <V> Map<String, V> normalised(Map<String, V> map) {
        Map<String, V> out = new LinkedHashMap<>();
        if (map != null) {
            map.forEach((k, v) -> {
                if (k != null && v != null) {
                    out.put(key(k), v);
                }
            });
        }
        return Map.copyOf(out);
    }
}
