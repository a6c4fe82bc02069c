package io.flowlens.gateway.apikey;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.flowlens.common.identity.CurrentCaller;
import io.flowlens.common.identity.Roles;
import io.flowlens.gateway.apikey.ApiKeyDtos.CreateKey;
import io.flowlens.gateway.apikey.ApiKeyDtos.CreatedKey;
import io.flowlens.gateway.apikey.ApiKeyDtos.KeyPage;
import io.flowlens.gateway.apikey.ApiKeyDtos.KeyView;

@Path("/api/v1/tenants/{tenantId}/api-keys")
@Tag(name = "API keys", description = "A tenant's keys: created, listed, rotated and revoked by its admins")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.PLATFORM})
public class ApiKeyResource {

    @Inject
    ApiKeyService keys;

    @Inject
    CurrentCaller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createApiKey", summary = "Create an API key",
            description = "The key is returned once, in this response; only its hash is stored.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = CreatedKey.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response create(@PathParam("tenantId") String tenantId,
            @RequestBody(content = @Content(examples = @ExampleObject(name = "reader",
                    value = "{\"name\":\"dashboard\",\"role\":\"reader\",\"expiresAt\":\"2027-01-01T00:00:00Z\"}")))
            @NotNull @Valid CreateKey request) {
        CreatedKey created = keys.create(caller.get(), tenantId, request);
        return Response.created(URI.create("/api/v1/tenants/" + tenantId + "/api-keys/" + created.id()))
                .entity(created).build();
    }

    @GET
    @Operation(operationId = "listApiKeys", summary = "List a tenant's API keys", description = "Cursor paginated.")
    @APIResponse(responseCode = "200", description = "A page of keys",
            content = @Content(schema = @Schema(implementation = KeyPage.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public KeyPage list(@PathParam("tenantId") String tenantId,
            @Parameter(description = "Page size, 1 to 500 (default 50)") @QueryParam("limit") Integer limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return keys.list(caller.get(), tenantId, limit, cursor);
    }

    @GET
    @Path("/{keyId}")
    @Operation(operationId = "getApiKey", summary = "Get an API key")
    @APIResponse(responseCode = "200", description = "The key (never its secret)",
            content = @Content(schema = @Schema(implementation = KeyView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public KeyView get(@PathParam("tenantId") String tenantId, @PathParam("keyId") String keyId) {
        return keys.get(caller.get(), tenantId, keyId);
    }

    @POST
    @Path("/{keyId}/rotate")
    @Operation(operationId = "rotateApiKey", summary = "Rotate an API key",
            description = "Issues a new secret for the same key; the old secret is refused from now on.")
    @APIResponse(responseCode = "200", description = "The new secret, shown once",
            content = @Content(schema = @Schema(implementation = CreatedKey.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public CreatedKey rotate(@PathParam("tenantId") String tenantId, @PathParam("keyId") String keyId) {
        return keys.rotate(caller.get(), tenantId, keyId);
    }

    @DELETE
    @Path("/{keyId}")
    @Operation(operationId = "revokeApiKey", summary = "Revoke an API key", description = "Takes effect at once.")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public void revoke(@PathParam("tenantId") String tenantId, @PathParam("keyId") String keyId) {
        keys.revoke(caller.get(), tenantId, keyId);
    }
}
