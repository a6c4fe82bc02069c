package io.flowlens.ingestion.tracker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The shapes exports come in, read with Jackson's streaming parser so that memory holds one
 * record at a time, however large the file. A parser names the shape and how one record
 * becomes an item change; a syntax error that makes the rest unreadable ends the file with one
 * problem.
 */
public final class ExportFiles {

    // Third-party exports: read leniently, whatever fields the tracker adds.
    private static final ObjectMapper LENIENT = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final JsonFactory FACTORY = LENIENT.getFactory();

    private ExportFiles() {
    }

    /** One JSON record per line (blank lines skipped); problems name the line ({@code /3/at}). */
    public static void ndjson(Path file, ExportVisitor visitor, Function<JsonNode, ItemChange> record)
            throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = LENIENT.readTree(line);
                } catch (JsonProcessingException e) {
                    visitor.invalid("/" + n, "line " + n + " is not valid JSON: "
                            + TrackerText.storable(e.getOriginalMessage()));
                    continue;
                }
                try {
                    visitor.record("/" + n, "line " + n, record.apply(node));
                } catch (PayloadProblem p) {
                    visitor.invalid("/" + n + p.pointer(), "line " + n + ": " + p.pointer().replaceFirst("^/", "")
                            + " " + p.getMessage());
                }
            }
        } catch (java.nio.charset.MalformedInputException e) {
            visitor.invalid("", "the file is not UTF-8 text");
        }
    }

    /**
     * Record objects as one JSON array, several concatenated arrays or objects, or one object
     * per line; problems name the index ({@code /0/5/created_at}).
     */
    public static void objects(Path file, ExportVisitor visitor, String shape, Function<JsonNode, ItemChange> record)
            throws IOException {
        stream(file, visitor, (p, root) -> {
            JsonToken t = p.currentToken();
            if (t == JsonToken.START_ARRAY) {
                int i = 0;
                JsonToken next;
                while ((next = p.nextToken()) != JsonToken.END_ARRAY && next != null) {
                    String at = "/" + root + "/" + i++;
                    if (next != JsonToken.START_OBJECT) {
                        p.skipChildren();
                        visitor.invalid(at, shape);
                        continue;
                    }
                    one(p.readValueAsTree(), at, visitor, record);
                }
                return true;
            }
            if (t == JsonToken.START_OBJECT) {
                one(p.readValueAsTree(), "/" + root, visitor, record);
                return true;
            }
            visitor.invalid("/" + root, shape);
            return false;
        });
    }

    /**
     * Result pages ({@code {"<field>": [records...], ...}}): one page object, several
     * concatenated, or an array of them; problems name page and index ({@code /0/issues/5}).
     */
    public static void pages(Path file, ExportVisitor visitor, String field, String shape,
            Function<JsonNode, ItemChange> record) throws IOException {
        pages(file, visitor, shape, record, List.of(Set.of(field)));
    }

    /**
     * Result pages whose records lie deeper or under one of several names: {@code path} is the
     * field names from the page object down to the records' array, each step one of a set
     * ({@code data} / {@code issues} / {@code nodes} for a GraphQL answer, {@code value} or
     * {@code values} for Azure DevOps). Problems name page, path and index
     * ({@code /0/data/issues/nodes/5}).
     */
    public static void pages(Path file, ExportVisitor visitor, String shape, Function<JsonNode, ItemChange> record,
            List<Set<String>> path) throws IOException {
        stream(file, visitor, (p, root) -> {
            JsonToken t = p.currentToken();
            if (t == JsonToken.START_ARRAY) {
                int i = 0;
                JsonToken next;
                while ((next = p.nextToken()) != JsonToken.END_ARRAY && next != null) {
                    String at = "/" + root + "/" + i++;
                    if (next != JsonToken.START_OBJECT) {
                        p.skipChildren();
                        visitor.invalid(at, shape);
                        continue;
                    }
                    page(p, at, path, visitor, record);
                }
                return true;
            }
            if (t == JsonToken.START_OBJECT) {
                page(p, "/" + root, path, visitor, record);
                return true;
            }
            visitor.invalid("/" + root, shape);
            return false;
        });
    }

    private interface RootValue {
        /** Reads the root value the parser stands on; false ends the file. */
        boolean read(JsonParser p, int root) throws IOException;
    }

    private static void stream(Path file, ExportVisitor visitor, RootValue rootValue) throws IOException {
        try (InputStream in = Files.newInputStream(file); JsonParser p = FACTORY.createParser(in)) {
            p.setCodec(LENIENT);
            int root = 0;
            try {
                while (p.nextToken() != null) {
                    if (!rootValue.read(p, root)) {
                        return;
                    }
                    root++;
                }
            } catch (JsonProcessingException e) {
                visitor.invalid("/" + root, "not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ": " + TrackerText.storable(e.getOriginalMessage()));
            }
        }
    }

    private static void page(JsonParser p, String location, List<Set<String>> path, ExportVisitor visitor,
            Function<JsonNode, ItemChange> record) throws IOException {
        Step found = step(p, location, path, 0, visitor, record);
        if (found != Step.RECORDS) {
            String expected = path.stream().map(names -> String.join(" or ", new TreeSet<>(names)))
                    .collect(Collectors.joining("/"));
            String first = path.get(0).size() == 1 ? path.get(0).iterator().next() : null;
            visitor.invalid(location + (first == null ? "" : "/" + first), "a result page has an array " + expected
                    + (found == Step.ERRORS ? " (this page holds the API's errors instead)" : ""));
        }
    }

    private enum Step { NONE, ERRORS, RECORDS }

    /** Reads the object the parser stands in, down {@code path} from {@code depth}, passing each record on. */
    private static Step step(JsonParser p, String location, List<Set<String>> path, int depth,
            ExportVisitor visitor, Function<JsonNode, ItemChange> record) throws IOException {
        Step found = Step.NONE;
        boolean last = depth == path.size() - 1;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            String here = location + "/" + name;
            if (path.get(depth).contains(name) && last && value == JsonToken.START_ARRAY) {
                found = Step.RECORDS;
                int i = 0;
                JsonToken next;
                while ((next = p.nextToken()) != JsonToken.END_ARRAY && next != null) {
                    String at = here + "/" + i++;
                    if (next != JsonToken.START_OBJECT) {
                        p.skipChildren();
                        visitor.invalid(at, "is not a JSON object");
                        continue;
                    }
                    one(p.readValueAsTree(), at, visitor, record);
                }
            } else if (path.get(depth).contains(name) && !last && value == JsonToken.START_OBJECT) {
                Step inner = step(p, here, path, depth + 1, visitor, record);
                found = inner == Step.RECORDS || found == Step.NONE ? inner : found;
            } else {
                if (depth == 0 && "errors".equals(name) && value == JsonToken.START_ARRAY && found == Step.NONE) {
                    // A GraphQL answer with errors (and data null): say so rather than only "no records".
                    found = Step.ERRORS;
                }
                p.skipChildren();
            }
        }
        return found;
    }

    private static void one(JsonNode node, String location, ExportVisitor visitor,
            Function<JsonNode, ItemChange> record) {
        try {
            visitor.record(location, location, record.apply(node));
        } catch (PayloadProblem problem) {
            visitor.invalid(location + problem.pointer(), problem.getMessage());
        }
    }
}
