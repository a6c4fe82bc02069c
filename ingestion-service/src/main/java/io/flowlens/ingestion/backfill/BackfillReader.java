package io.flowlens.ingestion.backfill;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.flowlens.ingestion.tracker.AzureDevOpsParser;
import io.flowlens.ingestion.tracker.ExportVisitor;
import io.flowlens.ingestion.tracker.GenericParser;
import io.flowlens.ingestion.tracker.GitHubParser;
import io.flowlens.ingestion.tracker.GitLabParser;
import io.flowlens.ingestion.tracker.JiraParser;
import io.flowlens.ingestion.tracker.LinearParser;
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
 * <li>{@code gitlab-issues}: GitLab REST issues, each with its {@code resource_state_events} and
 * {@code resource_label_events}, as one array, several concatenated, or one issue per line;</li>
 * <li>{@code gitlab-project-export}: {@code tree/project/issues.ndjson} of a GitLab project
 * export, one issue per line with its events embedded;</li>
 * <li>{@code azure-devops-revisions}: Azure DevOps work item revisions, pages of the revisions
 * API ({@code {"value": [...]}}) or of the reporting API ({@code {"values": [...]}});</li>
 * <li>{@code linear-issues}: Linear GraphQL answers for issues with their history
 * ({@code {"data": {"issues": {"nodes": [...]}}}});</li>
 * <li>{@code generic-ndjson}: the generic records of docs/contracts.md, one per line.</li>
 * </ul>
 */
@ApplicationScoped
public class BackfillReader {

    public static final String JIRA = JiraParser.SEARCH_EXPORT;
    public static final String GITHUB = GitHubParser.ISSUES_EXPORT;
    public static final String GITLAB = GitLabParser.ISSUES_EXPORT;
    public static final String GITLAB_PROJECT = GitLabParser.PROJECT_EXPORT;
    public static final String AZURE_DEVOPS = AzureDevOpsParser.REVISIONS_EXPORT;
    public static final String LINEAR = LinearParser.ISSUES_EXPORT;
    public static final String NDJSON = GenericParser.NDJSON_EXPORT;

    /** The format an {@code application/json} import of each connection kind is read in, unless named. */
    public static final Map<String, String> JSON_BY_KIND = Map.of("jira", JIRA, "github", GITHUB, "gitlab", GITLAB,
            "azure-devops", AZURE_DEVOPS, "linear", LINEAR);

    /** What each tracker format is, for the answer to a caller who sent another. */
    public static final Map<String, String> DESCRIPTIONS = Map.of(
            JIRA, "Jira search results with changelog",
            GITHUB, "GitHub issues with their events",
            GITLAB, "GitLab issues with their resource events; ?format=" + GITLAB_PROJECT
                    + " for a project export's issues.ndjson",
            AZURE_DEVOPS, "Azure DevOps work item revisions",
            LINEAR, "Linear GraphQL issues with their history");

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
