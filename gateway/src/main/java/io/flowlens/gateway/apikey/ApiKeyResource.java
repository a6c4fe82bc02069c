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
import io.flowlens.gateway.apikey.ApiKeyDtos.CreateKey;
import io.flowlens.gateway.apikey.ApiKeyDtos.CreatedKey;
import io.flowlens.gateway.apikey.ApiKeyDtos.KeyPage;
import io.flowlens.gateway.apikey.ApiKeyDtos.KeyView;

@Path("/api/v1/tenants/{tenantId}/api-keys")
@Tag(name = "API keys", description = "A tenant's keys: created, listed, rotated and revoked by its admins")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.PLATFORM})
public class ApiKeyResource {

    static final String TENANT_ID = "0b6f3c1e-3c1a-4d8e-9d4b-6a2f1f0e9a11";
    static final String KEY_ID = "6d1f9a3e-2b7c-4f0a-8c1e-0d2b3a4c5e6f";
    static final String KEY = "{\"id\":\"" + KEY_ID + "\",\"name\":\"dashboard\",\"role\":\"reader\","
            + "\"prefix\":\"flk_1a2b3c4d\",\"createdAt\":\"2026-01-05T10:00:00Z\",\"expiresAt\":\"2027-01-01T00:00:00Z\"}";
    static final String CREATED_KEY = "{\"id\":\"" + KEY_ID + "\",\"name\":\"dashboard\",\"role\":\"reader\","
            + "\"prefix\":\"flk_1a2b3c4d\",\"key\":\"flk_1a2b3c4d_q2V0c2VjcmV0LWtleS1leGFtcGxlLW5vdC1yZWFsLTAwMDA\","
            + "\"createdAt\":\"2026-01-05T10:00:00Z\",\"expiresAt\":\"2027-01-01T00:00:00Z\"}";
    static final String ROLE = "\n\nRole: admin (of this tenant) or platform.";

    @Inject
    ApiKeyService keys;

    @Inject
    CurrentCaller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createApiKey", summary = "Create an API key",
            description = "The key is returned once, in this response; only its hash is stored." + ROLE)
    @Extension(name = "x-flowlens-roles", value = "[\"admin\",\"platform\"]", parseValue = true)
    @APIResponse(responseCode = "201", description = "Created",
            headers = @Header(name = "Location", description = "The new key's URL",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(schema = @Schema(implementation = CreatedKey.class),
                    examples = @ExampleObject(name = "created", value = CREATED_KEY)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response create(@Parameter(description = "The tenant's id", example = TENANT_ID) @PathParam("tenantId") String tenantId,
            @RequestBody(content = @Content(examples = @ExampleObject(name = "reader",
                    value = "{\"name\":\"dashboard\",\"role\":\"reader\",\"expiresAt\":\"2027-01-01T00:00:00Z\"}")))
            @NotNull @Valid CreateKey request) {
        CreatedKey created = keys.create(caller.get(), tenantId, request);
        return Response.created(URI.create("/api/v1/tenants/" + tenantId + "/api-keys/" + created.id()))
                .entity(created).build();
    }

    @GET
    @Operation(operationId = "listApiKeys", summary = "List a tenant's API keys",
            description = "Cursor paginated, newest first; revoked keys are listed too (with `revokedAt`)." + ROLE)
    @Extension(name = "x-flowlens-roles", value = "[\"admin\",\"platform\"]", parseValue = true)
    @APIResponse(responseCode = "200", description = "A page of keys",
            content = @Content(schema = @Schema(implementation = KeyPage.class),
                    examples = @ExampleObject(name = "page", value = "{\"items\":[" + KEY + "],\"nextCursor\":null}")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public KeyPage list(@Parameter(description = "The tenant's id", example = TENANT_ID) @PathParam("tenantId") String tenantId,
            @Parameter(description = "Page size, 1 to 500 (default 50)",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "500",
                            defaultValue = "50")) @QueryParam("limit") Integer limit,
            @Parameter(description = "`nextCursor` of the previous page; omit for the first page")
            @QueryParam("cursor") String cursor) {
        return keys.list(caller.get(), tenantId, limit, cursor);
    }

    @GET
    @Path("/{keyId}")
    @Operation(operationId = "getApiKey", summary = "Get an API key",
            description = "The key's name, role, visible prefix and dates; never the key itself." + ROLE)
    @Extension(name = "x-flowlens-roles", value = "[\"admin\",\"platform\"]", parseValue = true)
    @APIResponse(responseCode = "200", description = "The key (never its secret)",
            content = @Content(schema = @Schema(implementation = KeyView.class),
                    examples = @ExampleObject(name = "key", value = KEY)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public KeyView get(@Parameter(description = "The tenant's id", example = TENANT_ID) @PathParam("tenantId") String tenantId, @Parameter(description = "The key's id", example = KEY_ID) @PathParam("keyId") String keyId) {
        return keys.get(caller.get(), tenantId, keyId);
    }

    @POST
    @Path("/{keyId}/rotate")
    @Operation(operationId = "rotateApiKey", summary = "Rotate an API key",
            description = "Issues a new secret for the same key; the old secret is refused from now on." + ROLE)
    @Extension(name = "x-flowlens-roles", value = "[\"admin\",\"platform\"]", parseValue = true)
    @APIResponse(responseCode = "200", description = "The new secret, shown once",
            content = @Content(schema = @Schema(implementation = CreatedKey.class),
                    examples = @ExampleObject(name = "rotated", value = CREATED_KEY)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public CreatedKey rotate(@Parameter(description = "The tenant's id", example = TENANT_ID) @PathParam("tenantId") String tenantId, @Parameter(description = "The key's id", example = KEY_ID) @PathParam("keyId") String keyId) {
        return keys.rotate(caller.get(), tenantId, keyId);
    }

    @DELETE
    @Path("/{keyId}")
    @Operation(operationId = "revokeApiKey", summary = "Revoke an API key",
            description = "Takes effect at once: the key is refused from the next call on." + ROLE)
    @Extension(name = "x-flowlens-roles", value = "[\"admin\",\"platform\"]", parseValue = true)
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public void revoke(@Parameter(description = "The tenant's id", example = TENANT_ID) @PathParam("tenantId") String tenantId, @Parameter(description = "The key's id", example = KEY_ID) @PathParam("keyId") String keyId) {
        keys.revoke(caller.get(), tenantId, keyId);
    }
}
