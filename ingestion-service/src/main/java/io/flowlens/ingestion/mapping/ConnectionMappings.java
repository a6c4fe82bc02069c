package io.flowlens.ingestion.mapping;

import java.util.LinkedHashMap;
import java.util.Map;

import io.flowlens.ingestion.connection.Connection;
import io.flowlens.ingestion.domain.DefaultMappings;
import io.flowlens.ingestion.domain.FlowMapping;
import io.flowlens.ingestion.domain.FlowState;
import io.flowlens.ingestion.domain.FlowType;

/** A connection's effective mapping: its tracker's defaults with the tenant's overrides on top. */
public final class ConnectionMappings {

    public static final String TYPES = "types";
    public static final String LABELS = "labels";
    public static final String STATUSES = "statuses";
    public static final String RESOLUTIONS = "resolutions";

    private ConnectionMappings() {
    }

    // Per connection and version (updatedAt): webhooks arrive by the thousand, mappings change rarely.
    private static final java.util.concurrent.ConcurrentHashMap<java.util.UUID, Versioned> CACHE =
            new java.util.concurrent.ConcurrentHashMap<>();

    private record Versioned(java.time.Instant version, FlowMapping mapping) {
    }

    public static FlowMapping effective(Connection connection) {
        return effective(connection.id, connection.updatedAt, connection.kind, () -> connection.mapping);
    }

    /**
     * The mapping of connection {@code id} as of version {@code updatedAt}; {@code overrides} is
     * only asked for when that version is not cached yet.
     */
    public static FlowMapping effective(java.util.UUID id, java.time.Instant updatedAt, String kind,
            java.util.function.Supplier<Map<String, Map<String, String>>> overrides) {
        Versioned cached = CACHE.get(id);
        if (cached != null && cached.version().equals(updatedAt)) {
            return cached.mapping();
        }
        FlowMapping built = effective(kind, overrides.get());
        CACHE.put(id, new Versioned(updatedAt, built));
        return built;
    }

    public static FlowMapping effective(String kind, Map<String, Map<String, String>> overrides) {
        Map<String, Map<String, String>> o = overrides == null ? Map.of() : overrides;
        return DefaultMappings.forTracker(kind).overriddenBy(
                types(o.getOrDefault(TYPES, Map.of())),
                types(o.getOrDefault(LABELS, Map.of())),
                states(o.getOrDefault(STATUSES, Map.of())),
                states(o.getOrDefault(RESOLUTIONS, Map.of())));
    }

    private static Map<String, FlowType> types(Map<String, String> words) {
        Map<String, FlowType> out = new LinkedHashMap<>();
        words.forEach((k, v) -> FlowType.fromWord(v).ifPresent(t -> out.put(k, t)));
        return out;
    }

    private static Map<String, FlowState> states(Map<String, String> words) {
        Map<String, FlowState> out = new LinkedHashMap<>();
        words.forEach((k, v) -> FlowState.fromWord(v).ifPresent(s -> out.put(k, s)));
        return out;
    }
}
