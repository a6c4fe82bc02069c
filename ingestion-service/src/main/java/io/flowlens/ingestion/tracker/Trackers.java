package io.flowlens.ingestion.tracker;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/** Finds the parser for a connection's kind. */
@ApplicationScoped
public class Trackers {

    private final Map<String, TrackerParser> byKind;

    @Inject
    public Trackers(Instance<TrackerParser> parsers) {
        this.byKind = parsers.stream().collect(Collectors.toMap(TrackerParser::kind, Function.identity()));
    }

    public TrackerParser forKind(String kind) {
        TrackerParser parser = byKind.get(kind);
        if (parser == null) {
            throw new IllegalStateException("no parser for tracker kind " + kind);
        }
        return parser;
    }

    /** The parser that reads export {@code format}; throws when none does. */
    public TrackerParser forExportFormat(String format) {
        return byKind.values().stream().filter(p -> p.exportFormats().contains(format)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown import format " + format));
    }

    public List<String> kinds() {
        return byKind.keySet().stream().sorted().toList();
    }
}
