package io.flowlens.ingestion.backfill;

import java.io.IOException;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.flowlens.ingestion.tracker.ExportVisitor;
import io.flowlens.ingestion.tracker.GenericParser;
import io.flowlens.ingestion.tracker.GitHubParser;
import io.flowlens.ingestion.tracker.JiraParser;
import io.flowlens.ingestion.tracker.TrackerParser;
import io.flowlens.ingestion.tracker.Trackers;

/**
 * Reads an export through the tracker port: the parser that names the format in its
 * {@link TrackerParser#exportFormats()} streams it record by record (memory holds one record at
 * a time, however large the file). Formats today:
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

    public static final String JIRA = JiraParser.SEARCH_EXPORT;
    public static final String GITHUB = GitHubParser.ISSUES_EXPORT;
    public static final String NDJSON = GenericParser.NDJSON_EXPORT;

    @Inject
    Trackers trackers;

    /** Receives each record's change, or the problem with it; {@code location} names the record. */
    public interface Visitor extends ExportVisitor {
    }

    /** Reads the whole file; a syntax error that makes the rest unreadable ends it with one problem. */
    public void read(String format, Path file, Visitor visitor) throws IOException {
        trackers.forExportFormat(format).readExport(format, file, visitor);
    }
}
