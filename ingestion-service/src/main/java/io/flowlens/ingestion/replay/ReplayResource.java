package io.flowlens.ingestion.replay;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.flowlens.common.identity.CurrentCaller;
import io.flowlens.common.identity.Roles;
import io.flowlens.common.problem.Problem;
import io.flowlens.ingestion.job.JobView;

@Path("/api/v1/connections/{id}/replay")
@Tag(name = "Replays", description = "Rebuilding a connection's history from what its tracker sent")
public class ReplayResource {

    @Inject
    ReplayService replays;

    @Inject
    CurrentCaller caller;

    @POST
    @RolesAllowed(Roles.MEMBER)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replayConnection", summary = "Replay a connection from its raw layer",
            description = "Re-reads every webhook delivery and import file kept for the connection with today's"
                    + " parsers and mapping, rebuilds its items' history from them and re-derives its items; metrics"
                    + " gets an event only for items whose canonical timeline or attributes changed. Item ids stay"
                    + " the same. Idempotent: a second replay changes nothing and sends nothing. Webhooks arriving"
                    + " meanwhile are kept (they wait a moment while the history is swapped). Follow the job."
                    + "\n\nRole: member.")
    @Extension(name = "x-flowlens-roles", value = "[\"member\"]", parseValue = true)

    @APIResponse(responseCode = "202", description = "Accepted; follow the job",
            headers = @Header(name = "Location", description = "The job's URL",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class),
                    examples = @ExampleObject(name = "queued", value = "{\"id\":\"4a6c1e2b-9d8f-4e7a-b1c3-5d6e7f8a9b0c\","
                            + "\"connectionId\":\"7d1f0c9e-4d7b-4d6e-9a53-2f6b7f0f3c11\",\"kind\":\"replay\","
                            + "\"status\":\"queued\",\"format\":null,\"records\":0,\"transitions\":0,"
                            + "\"itemsChanged\":0,\"message\":null,\"errors\":[],"
                            + "\"createdAt\":\"2026-01-05T10:00:00Z\",\"startedAt\":null,\"finishedAt\":null}")))
    @APIResponse(responseCode = "404", description = "No such connection for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response start(@Parameter(description = "The connection's id", example = "7d1f0c9e-4d7b-4d6e-9a53-2f6b7f0f3c11") @PathParam("id") UUID connectionId) {
        JobView job = replays.start(caller.tenant(), connectionId);
        return Response.accepted(job).location(URI.create("/api/v1/jobs/" + job.id())).build();
    }
}
