package io.flowlens.ingestion.job;

import java.util.UUID;

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
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.flowlens.common.identity.CurrentCaller;
import io.flowlens.common.identity.Roles;
import io.flowlens.common.problem.Problem;

@Path("/api/v1/jobs")
@Tag(name = "Jobs", description = "Imports and remappings running in the background")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {

    @Inject
    Jobs jobs;

    @Inject
    CurrentCaller caller;

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "getJob", summary = "A job's status, progress and outcome",
            description = "Imports, remappings and replays run as jobs: poll this until `status` is succeeded or"
                    + " failed (`errors` then names what was wrong).\n\nRole: reader.")
    @Extension(name = "x-flowlens-roles", value = "[\"reader\"]", parseValue = true)

    @APIResponse(responseCode = "200", description = "The job",
            content = @Content(schema = @Schema(implementation = JobView.class),
                    examples = @ExampleObject(name = "running", value = "{\"id\":\"4a6c1e2b-9d8f-4e7a-b1c3-5d6e7f8a9b0c\","
                            + "\"connectionId\":\"7d1f0c9e-4d7b-4d6e-9a53-2f6b7f0f3c11\",\"kind\":\"import\","
                            + "\"status\":\"running\",\"format\":\"jira-search\",\"records\":42000,"
                            + "\"transitions\":420000,\"itemsChanged\":0,\"message\":null,\"errors\":[],"
                            + "\"createdAt\":\"2026-01-05T10:00:00Z\",\"startedAt\":\"2026-01-05T10:00:01Z\","
                            + "\"finishedAt\":null}")))
    @APIResponse(responseCode = "404", description = "No such job for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public JobView get(@Parameter(description = "The job's id", example = "4a6c1e2b-9d8f-4e7a-b1c3-5d6e7f8a9b0c")
            @PathParam("id") UUID id) {
        return jobs.get(caller.tenant(), id);
    }
}
