package io.flowlens.ingestion.tracker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flowlens.ingestion.domain.DefaultMappings;
import io.flowlens.ingestion.domain.FlowMapping;
import io.flowlens.ingestion.domain.Timeline;

/** Tracker fixtures read as the parsers see them, and the timelines their facts give. */
final class Fixtures {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private Fixtures() {
    }

    static byte[] bytes(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(String path) {
        try {
            return JSON.readTree(bytes(path));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Delivery delivery(String... headerPairs) {
        Map<String, String> headers = new java.util.HashMap<>();
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.put(headerPairs[i], headerPairs[i + 1]);
        }
        return new Delivery(headers, new byte[0]);
    }

    /** The one item change a delivery carries. */
    static ItemChange only(ParsedDelivery parsed) {
        if (parsed.changes().size() != 1) {
            throw new AssertionError("expected one change, got " + parsed);
        }
        return parsed.changes().get(0);
    }

    /** The flow-state timeline of the change's facts, as {@code state@instant}. */
    static List<String> states(ItemChange change, FlowMapping mapping) {
        return Timeline.derive(change.createdAt(), change.statuses(), mapping, NOW).states().stream()
                .map(p -> p.state().word() + "@" + p.at()).toList();
    }

    static List<String> states(ItemChange change, String kind) {
        return states(change, DefaultMappings.forTracker(kind));
    }

    /** Every record of an export as read through the tracker's port (problems fail the test). */
    static List<ItemChange> export(TrackerParser parser, String format, String fixture) {
        List<ItemChange> out = new ArrayList<>();
        try {
            Path file = Files.createTempFile("fixture-", ".json");
            try {
                Files.write(file, bytes(fixture));
                parser.readExport(format, file, new ExportVisitor() {
                    @Override
                    public void record(String location, String lineOrIndex, ItemChange change) {
                        out.add(change);
                    }

                    @Override
                    public void invalid(String pointer, String detail) {
                        throw new AssertionError(pointer + " " + detail);
                    }
                });
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
