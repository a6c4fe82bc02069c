package io.flowlens.metrics.valuestream;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
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
import io.flowlens.metrics.flow.WindowParams;
import io.flowlens.metrics.paging.Page;
import io.flowlens.metrics.preparation.CountPreparer;

// Same class path as the metric resources (all under /api/v1), so the router sees every
// /api/v1/value-streams/{id}/... method, not just this class's.
@Path("/api/v1")
@Tag(name = "Value streams", description = "Named sets of scopes (connection + project, optionally narrowed by labels "
        + "or flow types) that metrics are asked for. An item belongs to every value stream whose scopes match it, "
        + "including items that arrived before the stream was created.")
@Produces(MediaType.APPLICATION_JSON)
public class ValueStreamResource {

    static final String VALUE_STREAM_ID = "The value stream\'s id";

    static final String EXAMPLE = """
            {"name": "Checkout", "timeZone": "Europe/Berlin",
             "scopes": [{"connectionId": "5b1c8f7e-2f0e-4c8a-9d43-0c7f3f1b2a10", "project": "acme/shop",
                         "labels": ["checkout"], "flowTypes": ["feature", "defect"]}],
             "countSubtasks": false}""";

    @Inject
    ValueStreamService service;

    @Inject
    CurrentCaller caller;

    @Inject
    CountPreparer preparer;

    @POST
    @Path("value-streams")
    @RolesAllowed(Roles.MEMBER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = "x-flowlens-roles", value = "[\"member\"]", parseValue = true)
    @Operation(operationId = "createValueStream", summary = "Create a value stream", description = "Answers at once. When the stream needs day counts "
            + "the tenant does not keep yet (a new time zone, or labels), a back-fill job prepares them; dayCounts "
            + "says preparing until it is done, and the stream's metrics meanwhile are computed from the item "
            + "timelines (the same figures, slower).")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "checkout", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = ValueStreamView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body (e.g. unknown time zone), each field named",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller's role may not manage value streams",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@Valid @NotNull ValueStreamRequest request, @jakarta.ws.rs.core.Context UriInfo uri) {
        ValueStreamView created = service.create(caller.tenant(), request);
        preparer.kick();
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                .entity(created).build();
    }

    @GET
    @Path("value-streams")
    @RolesAllowed(Roles.READER)
    @Extension(name = "x-flowlens-roles", value = "[\"reader\"]", parseValue = true)
    @Operation(operationId = "listValueStreams", summary = "List the tenant's value streams", description = "Oldest first, cursor-paginated.")
    @APIResponse(responseCode = "200", description = "One page")
    @APIResponse(responseCode = "400", description = "Bad limit or cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<ValueStreamView> list(@Parameter(description = "Page size, 1..500 (default 50)", schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page (opaque); omit for the first page") @QueryParam("cursor") String cursor) {
        return service.list(caller.tenant(), cursor, WindowParams.integer("limit", limit));
    }

    @GET
    @Path("value-streams/{id}")
    @RolesAllowed(Roles.READER)
    @Extension(name = "x-flowlens-roles", value = "[\"reader\"]", parseValue = true)
    @Operation(operationId = "getValueStream", summary = "Get a value stream", description = "Its name, time zone, scopes and whether its day counts "
            + "are ready (dayCounts).")
    @APIResponse(responseCode = "200", description = "The value stream",
            content = @Content(schema = @Schema(implementation = ValueStreamView.class)))
    @APIResponse(responseCode = "404", description = "No such value stream in the caller's tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ValueStreamView get(@Parameter(description = VALUE_STREAM_ID) @PathParam("id") UUID id) {
        return service.get(caller.tenant(), id);
    }

    @PUT
    @Path("value-streams/{id}")
    @RolesAllowed(Roles.MEMBER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = "x-flowlens-roles", value = "[\"member\"]", parseValue = true)
    @Operation(operationId = "replaceValueStream", summary = "Replace a value stream's name, time zone and scopes", description = "Answers at once; "
            + "a new zone or new label scopes are prepared by the back-fill job as on create (dayCounts).")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "checkout", value = EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Replaced",
            content = @Content(schema = @Schema(implementation = ValueStreamView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body, each field named",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such value stream in the caller's tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ValueStreamView replace(@Parameter(description = VALUE_STREAM_ID) @PathParam("id") UUID id, @Valid @NotNull ValueStreamRequest request) {
        ValueStreamView replaced = service.replace(caller.tenant(), id, request);
        preparer.kick();
        return replaced;
    }

    @DELETE
    @Path("value-streams/{id}")
    @RolesAllowed(Roles.MEMBER)
    @Extension(name = "x-flowlens-roles", value = "[\"member\"]", parseValue = true)
    @Operation(operationId = "deleteValueStream", summary = "Delete a value stream", description = "Its items and their history stay; its scopes "
            + "and its business-result points go.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such value stream in the caller's tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void delete(@Parameter(description = VALUE_STREAM_ID) @PathParam("id") UUID id) {
        service.delete(caller.tenant(), id);
    }
}
