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
    @Operation(operationId = "getMapping", summary = "A connection's mapping", description = "The tenant's overrides,"
            + " the tracker's defaults and the category each status was seen with on the connection's items."
            + "\n\nRole: reader.")
    @Extension(name = "x-flowlens-roles", value = "[\"reader\"]", parseValue = true)
    @APIResponse(responseCode = "200", description = "The mapping",
            content = @Content(schema = @Schema(implementation = MappingView.class),
                    examples = @ExampleObject(name = "jira", value = "{\"overrides\":{\"types\":{\"Spike\":\"debt\"},"
                            + "\"labels\":{},\"statuses\":{\"Ready for QA\":\"waiting\"},\"resolutions\":{}},"
                            + "\"defaults\":{\"types\":{\"bug\":\"defect\",\"story\":\"feature\"},\"labels\":"
                            + "{\"security\":\"risk\"},\"statuses\":{\"in progress\":\"active\",\"done\":\"done\"},"
                            + "\"categories\":{\"indeterminate\":\"active\",\"done\":\"done\"},\"resolutions\":"
                            + "{\"won't do\":\"canceled\"}},\"seenCategories\":{\"peer check\":\"indeterminate\"}}")))
    @APIResponse(responseCode = "404", description = "No such connection for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public MappingView get(@Parameter(description = "The connection's id", example = "7d1f0c9e-4d7b-4d6e-9a53-2f6b7f0f3c11") @PathParam("id") UUID id) {
        return mappings.get(caller.tenant(), id);
    }

    @PUT
    @RolesAllowed(Roles.MEMBER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceMapping", summary = "Replace a connection's mapping overrides",
            description = "Starts a job that re-derives every item of the connection from its stored events; items"
                    + " whose canonical state changes get a new revision and reach metrics-service.\n\nRole: member.")
    @Extension(name = "x-flowlens-roles", value = "[\"member\"]", parseValue = true)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = MappingOverrides.class),
            examples = @ExampleObject(name = "overrides", value = "{\"types\":{\"Spike\":\"debt\"},\"labels\":"
                    + "{\"security-review\":\"risk\"},\"statuses\":{\"Ready for QA\":\"waiting\",\"Approved\":"
                    + "\"active\"},\"resolutions\":{\"Won't Do\":\"canceled\"}}")))
    @APIResponse(responseCode = "202", description = "Saved; re-derivation running",
            headers = @Header(name = "Location", description = "The job's URL",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(schema = @Schema(implementation = JobView.class),
                    examples = @ExampleObject(name = "queued", value = "{\"id\":\"4a6c1e2b-9d8f-4e7a-b1c3-5d6e7f8a9b0c\","
                            + "\"connectionId\":\"7d1f0c9e-4d7b-4d6e-9a53-2f6b7f0f3c11\",\"kind\":\"remap\","
                            + "\"status\":\"queued\",\"format\":null,\"records\":0,\"transitions\":0,"
                            + "\"itemsChanged\":0,\"message\":null,\"errors\":[],"
                            + "\"createdAt\":\"2026-01-05T10:00:00Z\",\"startedAt\":null,\"finishedAt\":null}")))
    @APIResponse(responseCode = "400", description = "A value is not a flow type or state",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such connection for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response replace(@Parameter(description = "The connection's id", example = "7d1f0c9e-4d7b-4d6e-9a53-2f6b7f0f3c11") @PathParam("id") UUID id, @NotNull MappingOverrides overrides) {
        JobView job = mappings.replace(caller.tenant(), id, overrides);
        return Response.accepted(job).location(URI.create("/api/v1/jobs/" + job.id())).build();
    }
}
