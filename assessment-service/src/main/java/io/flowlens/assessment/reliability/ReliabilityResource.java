package io.flowlens.assessment.reliability;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.flowlens.common.identity.Roles;
import io.flowlens.common.problem.Problem;

@Path("/api/v1/reliability")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reliability", description = "Questionnaire reliability for platform admins")
public class ReliabilityResource {

    @Inject
    ReliabilityService reliability;

    @GET
    @Path("{version}")
    @RolesAllowed(Roles.PLATFORM)
    @Extension(name = "x-flowlens-roles", value = "[\"platform\"]", parseValue = true)
    @Operation(operationId = "getReliability", summary = "Cronbach's alpha per dimension of a questionnaire version",
            description = "Over the latest scored assessment of every organisation, reverse statements recoded; reported once"
                    + " the version has at least 100 scored organisations. From 0.9 excellent, 0.8 good, 0.7 acceptable, 0.6 questionable, 0.5 poor, under 0.5 unacceptable; undefined when a dimension's totals never vary.")
    @APIResponse(responseCode = "200", description = "Alpha per dimension", content = @Content(schema = @Schema(implementation = ReliabilityView.class)))
    @APIResponse(responseCode = "404", description = "No such version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Fewer than 100 scored organisations", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ReliabilityView get(@Parameter(description = "The questionnaire version", example = "ccm-2026.1") @PathParam("version") String version) {
        return reliability.reliability(version);
    }
}
