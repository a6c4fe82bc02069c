package io.flowlens.ingestion.tenant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.flowlens.common.identity.Roles;
import io.flowlens.common.problem.ApiException;

/** Erasing a tenant: called by the gateway for the platform admin, service-to-service only. */
@Path("/internal/v1/tenants/{tenantId}")
public class TenantResource {

    @Inject
    TenantErasure erasure;

    @DELETE
    @RolesAllowed(Roles.SERVICE)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public TenantErasure.Report erase(@PathParam("tenantId") String tenantId) {
        if (tenantId == null || tenantId.isBlank() || tenantId.length() > 200 || tenantId.indexOf('\u0000') >= 0) {
            throw ApiException.badParameter("tenantId", "must be a tenant id");
        }
        return erasure.erase(tenantId);
    }
}
