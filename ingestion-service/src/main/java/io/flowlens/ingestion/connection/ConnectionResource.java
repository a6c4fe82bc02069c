package io.flowlens.ingestion.connection;

import java.net.URI;
import java.util.List;
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
import io.flowlens.ingestion.api.Page;

@Path("/api/v1/connections")
@Tag(name = "Connections", description = "A tenant's tracker connections")
@Produces(MediaType.APPLICATION_JSON)
public class ConnectionResource {

    static final String EXAMPLE = "{\"id\":\"7d1f0c9e-4d7b-4d6e-9a53-2f6b7f0f3c11\",\"kind\":\"github\","
            + "\"name\":\"acme/shop issues\",\"webhookUrl\":\"https://api.flowlens.io/api/v1/webhooks/"
            + "7d1f0c9e-4d7b-4d6e-9a53-2f6b7f0f3c11\",\"createdAt\":\"2026-01-05T10:00:00Z\","
            + "\"updatedAt\":\"2026-01-05T10:00:00Z\"}";

    /** One page of connections, as the document names it (Page is generic). */
    @Schema(name = "ConnectionPage", description = "One page of connections", requiredProperties = "items")
    record ConnectionPage(List<ConnectionView> items,
            @Schema(nullable = true, description = "Pass as `cursor` for the next page; null on the last")
            String nextCursor) {
    }

    @Inject
    ConnectionService connections;

    @Inject
    CurrentCaller caller;

    @POST
    @RolesAllowed(Roles.MEMBER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createConnection", summary = "Register a tracker connection",
            description = "The response names the webhook URL to configure in the tracker. The secret is stored"
                    + " encrypted (HMAC trackers) or hashed (GitLab token, Azure DevOps password), never returned."
                    + "\n\nRole: member.")
    @Extension(name = "x-flowlens-roles", value = "[\"member\"]", parseValue = true)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ConnectionRequest.class),
            examples = @ExampleObject(name = "github", value = "{\"kind\":\"github\",\"name\":\"acme/shop issues\","
                    + "\"secret\":\"s3cr3t-webhook-key\"}")))
    @APIResponse(responseCode = "201", description = "Registered",
            headers = @Header(name = "Location", description = "The new connection's URL",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(schema = @Schema(implementation = ConnectionView.class),
                    examples = @ExampleObject(name = "github", value = EXAMPLE)))
    @APIResponse(responseCode = "400", description = "A field is missing or wrong",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@Valid @NotNull ConnectionRequest request) {
        ConnectionView created = connections.create(caller.tenant(), request);
        return Response.created(URI.create("/api/v1/connections/" + created.id())).entity(created).build();
    }

    @GET
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "listConnections", summary = "List the tenant's connections",
            description = "Cursor pagination, ordered by id.\n\nRole: reader.")
    @Extension(name = "x-flowlens-roles", value = "[\"reader\"]", parseValue = true)
    @APIResponse(responseCode = "200", description = "One page",
            content = @Content(schema = @Schema(implementation = ConnectionPage.class), examples = @ExampleObject(name = "page",
                    value = "{\"items\":[" + EXAMPLE + "],\"nextCursor\":null}")))
    @APIResponse(responseCode = "400", description = "Bad limit or cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<ConnectionView> list(@Parameter(description = "Page size, 1 to 500 (default 50)",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "500",
                            defaultValue = "50")) @QueryParam("limit") Integer limit,
            @Parameter(description = "`nextCursor` of the previous page; omit for the first page") @QueryParam("cursor") String cursor) {
        return connections.list(caller.tenant(), limit, cursor);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "getConnection", summary = "Read a connection",
            description = "The connection's tracker, name and webhook URL; never its secret.\n\nRole: reader.")
    @Extension(name = "x-flowlens-roles", value = "[\"reader\"]", parseValue = true)

    @APIResponse(responseCode = "200", description = "The connection",
            content = @Content(schema = @Schema(implementation = ConnectionView.class),
                    examples = @ExampleObject(name = "github", value = EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such connection for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ConnectionView get(@Parameter(description = "The connection's id", example = "7d1f0c9e-4d7b-4d6e-9a53-2f6b7f0f3c11") @PathParam("id") UUID id) {
        return connections.get(caller.tenant(), id);
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.MEMBER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateConnection", summary = "Rename a connection or rotate its secret",
            description = "The tracker kind cannot change. A new secret replaces the old one at once: deliveries"
                    + " signed with the old one are refused from then on.\n\nRole: member.")
    @Extension(name = "x-flowlens-roles", value = "[\"member\"]", parseValue = true)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ConnectionUpdate.class),
            examples = @ExampleObject(name = "rename and rotate", value = "{\"name\":\"acme/shop issues\","
                    + "\"secret\":\"n3w-webhook-key\"}")))
    @APIResponse(responseCode = "200", description = "Updated",
            content = @Content(schema = @Schema(implementation = ConnectionView.class),
                    examples = @ExampleObject(name = "github", value = EXAMPLE)))
    @APIResponse(responseCode = "400", description = "A field is wrong",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such connection for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ConnectionView update(@Parameter(description = "The connection's id", example = "7d1f0c9e-4d7b-4d6e-9a53-2f6b7f0f3c11") @PathParam("id") UUID id, @Valid @NotNull ConnectionUpdate update) {
        return connections.update(caller.tenant(), id, update);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.MEMBER)
    @Operation(operationId = "deleteConnection", summary = "Delete a connection and everything received through it",
            description = "Needs confirm=true. Raw events, items, transitions and jobs of the connection are erased;"
                    + " metrics-service is told every item is deleted.\n\nRole: member.")
    @Extension(name = "x-flowlens-roles", value = "[\"member\"]", parseValue = true)

    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "400", description = "confirm=true missing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such connection for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@Parameter(description = "The connection's id", example = "7d1f0c9e-4d7b-4d6e-9a53-2f6b7f0f3c11") @PathParam("id") UUID id,
            @Parameter(description = "Must be `true`: deleting cannot be undone", required = true,
                    schema = @Schema(type = SchemaType.BOOLEAN))
            @QueryParam("confirm") Boolean confirm) {
        connections.delete(caller.tenant(), id, confirm);
        return Response.noContent().build();
    }
}
