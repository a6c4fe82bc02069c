package io.flowlens.ingestion.backfill;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flowlens.ingestion.tracker.GenericParser;
import io.flowlens.ingestion.tracker.GitHubParser;
import io.flowlens.ingestion.tracker.ItemChange;
import io.flowlens.ingestion.tracker.JiraParser;
import io.flowlens.ingestion.tracker.PayloadProblem;

/**
 * Streams an export record by record with Jackson's streaming parser, so memory holds one
 * record at a time, however large the file. Formats:
 * <ul>
 * <li>{@code jira-search}: Jira search results with {@code expand=changelog}: one page object
 * ({@code {"issues": [...]}}), several concatenated, or an array of them;</li>
 * <li>{@code github-issues}: GitHub REST issues, each with an {@code events} array (the issue's
 * events), as one array, several concatenated, or one issue per line;</li>
 * <li>{@code generic-ndjson}: the generic records of docs/contracts.md, one per line.</li>
 * </ul>
 */
@ApplicationScoped
public class BackfillReader {

    public static final String JIRA = "jira-search";
    public static final String GITHUB = "github-issues";
    public static final String NDJSON = "generic-ndjson";

    private final ObjectMapper lenient = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final JsonFactory factory = lenient.getFactory();

    @Inject
    JiraParser jira;

    @Inject
    GitHubParser github;

    @Inject
    GenericParser generic;

    /** Receives each record's change, or the problem with it; {@code location} names the record. */
    public interface Visitor {
        void record(String location, String lineOrIndex, ItemChange change);

        void invalid(String pointer, String detail);
    }

    /** Reads the whole file; a syntax error that makes the rest unreadable ends it with one problem. */
    public void read(String format, Path file, Visitor visitor) throws IOException {
        switch (format) {
            case NDJSON -> readNdjson(file, visitor);
            case JIRA -> readJson(file, visitor, true);
            case GITHUB -> readJson(file, visitor, false);
            default -> throw new IllegalArgumentException("unknown import format " + format);
        }
    }

    private void readNdjson(Path file, Visitor visitor) throws IOException {
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
                    node = lenient.readTree(line);
                } catch (JsonProcessingException e) {
                    visitor.invalid("/" + n, "line " + n + " is not valid JSON: " + e.getOriginalMessage());
                    continue;
                }
                try {
                    visitor.record("/" + n, "line " + n, generic.record(node));
                } catch (PayloadProblem p) {
                    visitor.invalid("/" + n + p.pointer(), "line " + n + ": " + p.pointer().replaceFirst("^/", "")
                            + " " + p.getMessage());
                }
            }
        }
    }

    private void readJson(Path file, Visitor visitor, boolean pages) throws IOException {
        try (InputStream in = Files.newInputStream(file); JsonParser p = factory.createParser(in)) {
            p.setCodec(lenient);
            int root = 0;
            JsonToken t;
            try {
                while ((t = p.nextToken()) != null) {
                    if (pages) {
                        if (t == JsonToken.START_ARRAY) {
                            int i = 0;
                            while (p.nextToken() == JsonToken.START_OBJECT) {
                                readPage(p, "/" + root + "/" + i++, visitor);
                            }
                        } else if (t == JsonToken.START_OBJECT) {
                            readPage(p, "/" + root, visitor);
                        } else {
                            visitor.invalid("/" + root, "a Jira search result page is a JSON object with issues");
                            return;
                        }
                    } else if (t == JsonToken.START_ARRAY) {
                        int i = 0;
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            issue(p.readValueAsTree(), "/" + root + "/" + i++, visitor);
                        }
                    } else if (t == JsonToken.START_OBJECT) {
                        issue(p.readValueAsTree(), "/" + root, visitor);
                    } else {
                        visitor.invalid("/" + root, "GitHub issues come as a JSON array of issue objects");
                        return;
                    }
                    root++;
                }
            } catch (JsonProcessingException e) {
                visitor.invalid("/" + root, "not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
            }
        }
    }

    private void readPage(JsonParser p, String location, Visitor visitor) throws IOException {
        boolean sawIssues = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if ("issues".equals(field) && value == JsonToken.START_ARRAY) {
                sawIssues = true;
                int i = 0;
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    JsonNode issue = p.readValueAsTree();
                    String at = location + "/issues/" + i++;
                    try {
                        visitor.record(at, at, jira.fromSearchIssue(issue));
                    } catch (PayloadProblem problem) {
                        visitor.invalid(at + problem.pointer(), problem.getMessage());
                    }
                }
            } else {
                p.skipChildren();
            }
        }
        if (!sawIssues) {
            visitor.invalid(location + "/issues", "a Jira search result page has an issues array");
        }
    }

    private void issue(JsonNode issue, String location, Visitor visitor) {
        try {
            visitor.record(location, location, github.fromIssueWithEvents(issue));
        } catch (PayloadProblem problem) {
            visitor.invalid(location + problem.pointer(), problem.getMessage());
        }
    }
}
