package io.flowlens.ingestion.backfill;

import java.io.InputStream;
import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.flowlens.common.identity.CurrentCaller;
import io.flowlens.common.identity.Roles;
import io.flowlens.common.problem.Problem;
import io.flowlens.ingestion.job.JobView;

@Path("/api/v1/connections/{id}/imports")
@Tag(name = "Imports", description = "Backfills of a tracker's history")
public class ImportResource {

    @Inject
    ImportService imports;

    @Inject
    CurrentCaller caller;

    @POST
    @RolesAllowed(Roles.MEMBER)
    @Consumes({"application/x-ndjson", MediaType.APPLICATION_JSON})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "importHistory", summary = "Import a tracker's history",
            description = "The format is chosen by media type, or named with ?format= (one of the connection's"
                    + " tracker's formats, or generic-ndjson)."
                    + " application/x-ndjson: generic records (docs/contracts.md), any connection (generic-ndjson)."
                    + " application/json, by connection kind: jira: Jira search results with expand=changelog, one"
                    + " page {\"issues\": [...]}, several, or an array of them (jira-search); github: REST issues each"
                    + " with an events array (github-issues); gitlab: REST issues (GET /projects/:id/issues) each with"
                    + " resource_state_events and resource_label_events arrays as those endpoints return them"
                    + " (gitlab-issues), or with ?format=gitlab-project-export the tree/project/issues.ndjson of a"
                    + " GitLab project export, one issue per line with label_links and its resource events embedded;"
                    + " azure-devops: work item revisions, pages of GET _apis/wit/workitems/{id}/revisions"
                    + " ({\"count\": n, \"value\": [...]}) or of GET _apis/wit/reporting/workitemrevisions"
                    + " ({\"values\": [...], \"nextLink\": ..., \"isLastBatch\": ...}), one page, several, or an"
                    + " array of them; revisions of one work item in rev order (azure-devops-revisions); linear:"
                    + " GraphQL answers {\"data\": {\"issues\": {\"nodes\": [...]}}} for issues with state, team,"
                    + " labels, parent and history { fromState toState createdAt }, one page, several, or an array"
                    + " of them (linear-issues). Streamed; validated entirely before"
                    + " anything is written (a bad record is a 400 naming its line or index, and nothing is kept);"
                    + " then written by a job. Re-importing the same history changes nothing. The file is kept,"
                    + " gzip-compressed, in the connection's raw layer (a replay re-reads it; deleting the connection"
                    + " erases it). Instants outside the years 0001-9999 and text with U+0000 are refused with the"
                    + " rest of the validation.\n\nRole: member.")
    @Extension(name = "x-flowlens-roles", value = "[\"member\"]", parseValue = true)

    @RequestBody(content = {
        // No example object here: the generator reads a JSON-looking example value as JSON, so the two
        // lines would become one object; the description shows them instead.
        @Content(mediaType = "application/x-ndjson", schema = @Schema(type = SchemaType.STRING,
                description = "Generic records, one JSON object a line, e.g.\n\n```\n{\"kind\":\"item\",\"id\":"
                        + "\"SHOP-1\",\"project\":\"shop\",\"title\":\"One-click checkout\",\"type\":\"Story\","
                        + "\"labels\":[\"checkout\"],\"createdAt\":\"2024-01-02T09:00:00Z\"}\n{\"kind\":\"transition\","
                        + "\"item\":\"SHOP-1\",\"at\":\"2024-01-03T10:00:00Z\",\"status\":\"In Progress\"}\n```")),
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT,
                description = "The tracker's own export (see the formats above)"),
                examples = @ExampleObject(name = "jira-search", value = "{\"issues\":[{\"key\":\"SHOP-1\",\"fields\":"
                        + "{\"summary\":\"One-click checkout\",\"issuetype\":{\"name\":\"Story\"},\"created\":"
                        + "\"2024-01-02T09:00:00.000+0000\",\"status\":{\"name\":\"In Progress\"}},\"changelog\":"
                        + "{\"histories\":[]}}]}"))})
    @APIResponse(responseCode = "202", description = "Accepted; follow the job",
            headers = @Header(name = "Location", description = "The job's URL",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class),
                    examples = @ExampleObject(name = "queued", value = "{\"id\":\"4a6c1e2b-9d8f-4e7a-b1c3-5d6e7f8a9b0c\","
                            + "\"connectionId\":\"7d1f0c9e-4d7b-4d6e-9a53-2f6b7f0f3c11\",\"kind\":\"import\","
                            + "\"status\":\"queued\",\"format\":\"jira-search\",\"records\":0,\"transitions\":0,"
                            + "\"itemsChanged\":0,\"message\":null,\"errors\":[],"
                            + "\"createdAt\":\"2026-01-05T10:00:00Z\",\"startedAt\":null,\"finishedAt\":null}")))
    @APIResponse(responseCode = "400", description = "A record is malformed (errors name each line or index), or"
            + " ?format= names a format this connection does not import",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "bad line", value = "{\"type\":"
                            + "\"https://flowlens.io/problems/invalid-import\",\"title\":\"Import rejected\","
                            + "\"status\":400,\"detail\":\"1 problem(s), first: /3/at line 3: at is required\","
                            + "\"errors\":[{\"pointer\":\"/3/at\",\"detail\":\"line 3: at is required\"}]}")))
    @APIResponse(responseCode = "404", description = "No such connection for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "A format this connection does not import",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response start(@Parameter(description = "The connection's id", example = "7d1f0c9e-4d7b-4d6e-9a53-2f6b7f0f3c11") @PathParam("id") UUID connectionId,
            // The request body's media type: already documented by the request body's content.
            @Parameter(hidden = true) @HeaderParam("Content-Type") String contentType,
            @Parameter(description = "The export format, when the media type does not say it: jira-search,"
                    + " github-issues, gitlab-issues, gitlab-project-export, azure-devops-revisions, linear-issues"
                    + " or generic-ndjson (the connection's tracker's formats and generic-ndjson only)",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"jira-search", "github-issues",
                        "gitlab-issues", "gitlab-project-export", "azure-devops-revisions", "linear-issues",
                        "generic-ndjson"}))
            @QueryParam("format") String format,
            InputStream body) {
        JobView job = imports.start(caller.tenant(), connectionId, contentType, format, body);
        return Response.accepted(job).location(URI.create("/api/v1/jobs/" + job.id())).build();
    }
}
