package io.flowlens.gateway.tenant;

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
import jakarta.ws.rs.core.UriInfo;

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
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.flowlens.common.identity.CurrentCaller;
import io.flowlens.common.identity.Roles;
import io.flowlens.common.problem.Problem;
import io.flowlens.gateway.tenant.TenantDtos.CreateTenant;
import io.flowlens.gateway.tenant.TenantDtos.TenantCreated;
import io.flowlens.gateway.tenant.TenantDtos.TenantErased;
import io.flowlens.gateway.tenant.TenantDtos.TenantView;

@Path("/api/v1/tenants")
@Tag(name = "Tenants", description = "Customers of the platform (platform admin key)")
@Produces(MediaType.APPLICATION_JSON)
public class TenantResource {

    static final String TENANT = "{\"id\":\"0b6f3c1e-3c1a-4d8e-9d4b-6a2f1f0e9a11\",\"name\":\"Acme Corp\","
            + "\"createdAt\":\"2026-01-05T10:00:00Z\",\"rateLimit\":{\"capacity\":500,\"refillPerSecond\":100.0}}";
    static final String TENANT_CREATED = "{\"tenant\":" + TENANT + ",\"adminKey\":{\"id\":"
            + "\"6d1f9a3e-2b7c-4f0a-8c1e-0d2b3a4c5e6f\",\"name\":\"admin\",\"role\":\"admin\",\"prefix\":\"flk_1a2b3c4d\","
            + "\"key\":\"flk_1a2b3c4d_q2V0c2VjcmV0LWtleS1leGFtcGxlLW5vdC1yZWFsLTAwMDA\",\"createdAt\":"
            + "\"2026-01-05T10:00:00Z\"}}";

    @Inject
    TenantService tenants;

    @Inject
    CurrentCaller caller;

    @Inject
    TenantErasure erasure;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PLATFORM)
    @Operation(operationId = "createTenant", summary = "Create a tenant and its first admin key",
            description = "Platform admin only. The admin key is shown once, in this response.\n\nRole: platform.")
    @Extension(name = "x-flowlens-roles", value = "[\"platform\"]", parseValue = true)
    @APIResponse(responseCode = "201", description = "Created",
            headers = @Header(name = "Location", description = "The new tenant's URL",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(schema = @Schema(implementation = TenantCreated.class),
                    examples = @ExampleObject(name = "created", value = TENANT_CREATED)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Response create(@NotNull @Valid
            @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(content = @Content(
                    examples = @ExampleObject(name = "tenant", value = "{\"name\":\"Acme Corp\",\"rateLimit\":"
                            + "{\"capacity\":500,\"refillPerSecond\":100}}")))
            CreateTenant request) {
        TenantCreated created = tenants.create(request);
        return Response.created(URI.create("/api/v1/tenants/" + created.tenant().id())).entity(created).build();
    }

    @DELETE
    @Path("/{tenantId}")
    @RolesAllowed(Roles.PLATFORM)
    @Operation(operationId = "eraseTenant", summary = "Erase a tenant and all its data",
            description = "Platform admin only, with `?confirm=true`. Revokes the tenant's keys first (it is locked"
                    + " out at once), then each service erases everything of the tenant (ingestion: connections, raw"
                    + " events, items, imports; metrics: items and value streams; assessment: organisations, drafts,"
                    + " submissions, partner webhooks, which leave every benchmark cohort), then the gateway erases"
                    + " its keys and the tenant. Answers what each erased. Idempotent: erasing an erased tenant"
                    + " again answers zeros; an id that never existed is 404. If a service fails, the answer is a"
                    + " 502/503/504 problem naming it and the tenant is kept, locked out: repeat the call to finish."
                    + "\n\nRole: platform.")
    @Extension(name = "x-flowlens-roles", value = "[\"platform\"]", parseValue = true)
    @APIResponse(responseCode = "200", description = "Erased everywhere; rows by part and kind",
            content = @Content(schema = @Schema(implementation = TenantErased.class),
                    examples = @ExampleObject(name = "erased", value = "{\"tenantId\":"
                            + "\"0b6f3c1e-3c1a-4d8e-9d4b-6a2f1f0e9a11\",\"erased\":{\"gateway\":{\"apiKeys\":3,"
                            + "\"tenants\":1},\"ingestion\":{\"connections\":2,\"items\":1200},\"metrics\":"
                            + "{\"items\":1200,\"valueStreams\":3},\"assessment\":{\"organisations\":4}}}")))
    @APIResponse(responseCode = "400", description = "`confirm=true` is missing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unconfirmed", value = "{\"type\":"
                            + "\"https://flowlens.io/problems/confirmation-required\",\"title\":"
                            + "\"Confirmation required\",\"status\":400,\"detail\":\"erasing tenant 0b6f... deletes"
                            + " all its data in every service and cannot be undone; add ?confirm=true to do it\","
                            + "\"errors\":[{\"pointer\":\"confirm\",\"detail\":\"must be true to erase the tenant\"}]}")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "502", description = "A service could not erase its part; the tenant is kept,"
            + " locked out; repeat the call",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "service failed", value = "{\"type\":"
                            + "\"https://flowlens.io/problems/bad-gateway\",\"title\":\"Bad gateway\",\"status\":502,"
                            + "\"detail\":\"tenant 0b6f... is not erased yet: metrics-service could not erase it (HTTP"
                            + " 500). Its keys are revoked and it is kept; repeat the same call to finish (what was"
                            + " erased stays erased)\"}")))
    @APIResponse(responseCode = "503", description = "A service is not reachable or cannot erase now (its database is"
            + " away); the tenant is kept, locked out; repeat the call after Retry-After seconds",
            headers = @Header(name = "Retry-After", ref = "Retry-After"),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "504", description = "A service did not finish in time; repeat the call",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TenantErased erase(
            @Parameter(description = "The tenant's id", example = "0b6f3c1e-3c1a-4d8e-9d4b-6a2f1f0e9a11")
            @PathParam("tenantId") String tenantId,
            @Parameter(description = "Must be `true`: erasing cannot be undone", required = true,
                    schema = @Schema(type = SchemaType.BOOLEAN))
            @QueryParam("confirm") String confirm) {
        return erasure.erase(tenantId, confirm);
    }

    @GET
    @Path("/{tenantId}")
    @RolesAllowed({Roles.ADMIN, Roles.PLATFORM})
    @Operation(operationId = "getTenant", summary = "Get a tenant",
            description = "An admin key sees its own tenant; another tenant's id is 404; the platform key sees any."
                    + "\n\nRole: admin (of this tenant) or platform.")
    @Extension(name = "x-flowlens-roles", value = "[\"admin\",\"platform\"]", parseValue = true)
    @APIResponse(responseCode = "200", description = "The tenant",
            content = @Content(schema = @Schema(implementation = TenantView.class),
                    examples = @ExampleObject(name = "tenant", value = TENANT)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public TenantView get(
            @Parameter(description = "The tenant's id", example = "0b6f3c1e-3c1a-4d8e-9d4b-6a2f1f0e9a11")
            @PathParam("tenantId") String tenantId) {
        return tenants.get(caller.get(), tenantId);
    }

    /** A service that could not erase now: a 503 problem with Retry-After, so the operator's tooling retries. */
    @ServerExceptionMapper
    public Response retryLater(TenantErasure.RetryLater e, UriInfo uri) {
        return Response.status(503).type(Problem.MEDIA_TYPE)
                .header("Retry-After", String.valueOf(e.retryAfterSeconds()))
                .entity(new Problem(Problem.TYPE_BASE + e.type(), e.title(), 503, e.getMessage(),
                        "/" + uri.getPath().replaceFirst("^/", ""), null))
                .build();
    }
}
