package io.flowlens.ingestion.mapping;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.flowlens.common.identity.CurrentCaller;
import io.flowlens.common.identity.Roles;
import io.flowlens.common.problem.Problem;
import io.flowlens.ingestion.job.JobView;

@Path("/api/v1/connections/{id}/mapping")
@Tag(name = "Mappings", description = "How a connection's tracker words become flow types and states")
@Produces(MediaType.APPLICATION_JSON)
public class MappingResource {

    @Inject
    MappingService mappings;

    @Inject
    CurrentCaller caller;

    @GET
    @RolesAllowed(Roles.READER)
    @Operation(summary = "A connection's mapping", description = "The tenant's overrides, the tracker's defaults"
            + " and the category each status was seen with on the connection's items.")
    @APIResponse(responseCode = "200", description = "The mapping",
            content = @Content(schema = @Schema(implementation = MappingView.class)))
    @APIResponse(responseCode = "404", description = "No such connection for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public MappingView get(@PathParam("id") UUID id) {
        return mappings.get(caller.tenant(), id);
    }

    @PUT
    @RolesAllowed(Roles.MEMBER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a connection's mapping overrides",
            description = "Starts a job that re-derives every item of the connection from its stored events; items"
                    + " whose canonical state changes get a new revision and reach metrics-service.")
    @APIResponse(responseCode = "202", description = "Saved; re-derivation running",
            content = @Content(schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "400", description = "A value is not a flow type or state",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such connection for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response replace(@PathParam("id") UUID id, @NotNull MappingOverrides overrides) {
        JobView job = mappings.replace(caller.tenant(), id, overrides);
        return Response.accepted(job).location(URI.create("/api/v1/jobs/" + job.id())).build();
    }
}
