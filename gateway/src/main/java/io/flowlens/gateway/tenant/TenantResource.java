package io.flowlens.gateway.tenant;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.flowlens.common.identity.CurrentCaller;
import io.flowlens.common.identity.Roles;
import io.flowlens.gateway.tenant.TenantDtos.CreateTenant;
import io.flowlens.gateway.tenant.TenantDtos.TenantCreated;
import io.flowlens.gateway.tenant.TenantDtos.TenantView;

@Path("/api/v1/tenants")
@Tag(name = "Tenants", description = "Customers of the platform (platform admin key)")
@Produces(MediaType.APPLICATION_JSON)
public class TenantResource {

    @Inject
    TenantService tenants;

    @Inject
    CurrentCaller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PLATFORM)
    @Operation(operationId = "createTenant", summary = "Create a tenant and its first admin key",
            description = "Platform admin only. The admin key is shown once, in this response.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = TenantCreated.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Response create(@NotNull @Valid
            @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(content = @Content(
                    examples = @ExampleObject(name = "tenant", value = "{\"name\":\"Acme Corp\"}")))
            CreateTenant request) {
        TenantCreated created = tenants.create(request);
        return Response.created(URI.create("/api/v1/tenants/" + created.tenant().id())).entity(created).build();
    }

    @GET
    @Path("/{tenantId}")
    @RolesAllowed({Roles.ADMIN, Roles.PLATFORM})
    @Operation(operationId = "getTenant", summary = "Get a tenant",
            description = "An admin key sees its own tenant; another tenant's id is 404.")
    @APIResponse(responseCode = "200", description = "The tenant",
            content = @Content(schema = @Schema(implementation = TenantView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public TenantView get(@PathParam("tenantId") String tenantId) {
        return tenants.get(caller.get(), tenantId);
    }
}
