package io.flowlens.assessment.submission;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.flowlens.assessment.paging.Page;
import io.flowlens.assessment.submission.AssessmentDtos.HistoryItem;
import io.flowlens.common.csv.CsvBodyWriter;
import io.flowlens.common.http.Revalidated;
import io.flowlens.common.identity.CurrentCaller;
import io.flowlens.common.identity.Roles;
import io.flowlens.common.problem.Problem;

@Path("/api/v1/organisations/{organisationId}/assessments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Assessments")
public class OrganisationAssessmentResource {

    static final String HISTORY_CSV = "assessment_id,questionnaire_version,assessed_at,index,index_change,level,level_name,"
            + "research,research_change\r\n"
            + "3b241101-e2bb-4255-8caf-4136c566a962,ccm-2026.1,2026-03-31T00:00:00Z,52.1,4.8,3,Developing,50.0,5.0\r\n";

    /** The JSON answer's schema (a generic page has none of its own in the document). */
    @Schema(name = "AssessmentHistoryPage", requiredProperties = "items")
    public record HistoryPage(java.util.List<HistoryItem> items,
            @Schema(description = "Cursor of the next page; null on the last page", nullable = true) String nextCursor) {
    }

    @Inject
    AssessmentHistory history;

    @Inject
    CurrentCaller caller;

    @GET
    @RolesAllowed(Roles.READER)
    @Extension(name = "x-flowlens-roles", value = "[\"reader\"]", parseValue = true)
    @Operation(operationId = "listOrganisationAssessments", summary = "An organisation's assessment history",
            description = "Newest first, each with the change of every score since the previous assessment of the same version.")
    @Produces({MediaType.APPLICATION_JSON, CsvBodyWriter.MEDIA_TYPE})
    @Revalidated
    @APIResponse(responseCode = "200", description = "A page of assessments, as JSON or, for spreadsheets, CSV (one row "
            + "per assessment, each dimension's score and change; the next page in the Link header)",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HistoryPage.class)),
                    @Content(mediaType = CsvBodyWriter.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING),
                            examples = @ExampleObject(name = "csv", value = HISTORY_CSV))},
            headers = {@Header(name = "ETag", description = "Tag of this answer (weak); send it in If-None-Match to get "
                    + "304 while it still holds", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Cache-Control", description = "private, no-cache", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Content-Disposition", description = "CSV only: attachment; filename=\"assessment-history.csv\"",
                            schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Link", description = "CSV only: <the next page>; rel=\"next\", absent on the last page",
                            schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "304", description = "Not modified: the answer still has the ETag named in If-None-Match")
    @APIResponse(responseCode = "400", description = "Bad limit or cursor", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "406", description = "Accept names neither JSON nor CSV", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such organisation for this tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<HistoryItem> history(@Parameter(description = "The organisation's id") @PathParam("organisationId") UUID organisationId,
            @QueryParam("limit") @Parameter(description = "Page size, 1..500 (default 50)", schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "500", defaultValue = "50")) Integer limit,
            @QueryParam("cursor") @Parameter(description = "nextCursor of the previous page (opaque); omit for the first page") String cursor) {
        return history.history(caller.tenant(), organisationId, limit, cursor);
    }
}
