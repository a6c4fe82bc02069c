package io.flowlens.ingestion.domain;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a tracker's words into flow words: its issue types and labels into a flow item type,
 * its statuses (or, failing that, its status categories) into a flow state. Keys match
 * case-insensitively. A connection's mapping is its tracker's defaults overridden by the
 * tenant's own entries.
 */
public final class FlowMapping {

    private final Map<String, FlowType> types;
    private final Map<String, FlowType> labels;
    private final Map<String, FlowState> statuses;
    private final Map<String, FlowState> categories;
    private final FlowType fallbackType;

    public FlowMapping(Map<String, FlowType> types, Map<String, FlowType> labels, Map<String, FlowState> statuses,
            Map<String, FlowState> categories, FlowType fallbackType) {
        this.types = normalised(types);
        this.labels = normalised(labels);
        this.statuses = normalised(statuses);
        this.categories = normalised(categories);
        this.fallbackType = fallbackType;
    }

    /** This mapping with the given entries added or replaced. */
    public FlowMapping overriddenBy(Map<String, FlowType> typeOverrides, Map<String, FlowType> labelOverrides,
            Map<String, FlowState> statusOverrides) {
        Map<String, FlowType> t = new LinkedHashMap<>(types);
        t.putAll(normalised(typeOverrides));
        Map<String, FlowType> l = new LinkedHashMap<>(labels);
        l.putAll(normalised(labelOverrides));
        Map<String, FlowState> s = new LinkedHashMap<>(statuses);
        s.putAll(normalised(statusOverrides));
        return new FlowMapping(t, l, s, categories, fallbackType);
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
        if (category != null) {
            return Optional.ofNullable(categories.get(key(category)));
        }
        return Optional.empty();
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

    static String key(String word) {
        return word.trim().toLowerCase(Locale.ROOT);
    }

    private static <V> Map<String, V> normalised(Map<String, V> map) {
        Map<String, V> out = new LinkedHashMap<>();
        if (map != null) {
            map.forEach((k, v) -> out.put(key(k), v));
        }
        return Map.copyOf(out);
    }
}
