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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.flowlens.assessment.paging.Page;
import io.flowlens.assessment.submission.AssessmentDtos.HistoryItem;
import io.flowlens.common.identity.CurrentCaller;
import io.flowlens.common.identity.Roles;
import io.flowlens.common.problem.Problem;

@Path("/api/v1/organisations/{organisationId}/assessments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Assessments")
public class OrganisationAssessmentResource {

    @Inject
    AssessmentHistory history;

    @Inject
    CurrentCaller caller;

    @GET
    @RolesAllowed(Roles.READER)
    @Extension(name = "x-flowlens-roles", value = "[\"reader\"]", parseValue = true)
    @Operation(operationId = "listOrganisationAssessments", summary = "An organisation's assessment history",
            description = "Newest first, each with the change of every score since the previous assessment of the same version.")
    @APIResponse(responseCode = "200", description = "A page of assessments")
    @APIResponse(responseCode = "404", description = "No such organisation for this tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<HistoryItem> history(@Parameter(description = "The organisation's id") @PathParam("organisationId") UUID organisationId,
            @QueryParam("limit") @Parameter(description = "Page size, 1..500 (default 50)", schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "500", defaultValue = "50")) Integer limit,
            @QueryParam("cursor") @Parameter(description = "nextCursor of the previous page (opaque); omit for the first page") String cursor) {
        return history.history(caller.tenant(), organisationId, limit, cursor);
    }
}
