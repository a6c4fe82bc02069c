package io.flowlens.assessment.tenant;

import java.util.Map;

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

/**
 * Erasing a tenant (docs/contracts.md): the gateway calls this when the platform admin deletes a
 * tenant. Service-to-service only, so not in the public API document.
 */
@Path("/internal/v1/tenants")
public class TenantResource {

    /** What the gateway gets back: the tenant and how many rows of each kind were erased. */
    public record ErasureReport(String tenantId, Map<String, Integer> erased) {
    }

    @Inject
    TenantErasure erasure;

    @DELETE
    @Path("{tenantId}")
    @RolesAllowed(Roles.SERVICE)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public ErasureReport erase(@PathParam("tenantId") String tenantId) {
        if (tenantId.isBlank() || tenantId.length() > 200 || tenantId.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badParameter("tenantId", "must be 1 to 200 characters without control characters");
        }
        return new ErasureReport(tenantId, erasure.erase(tenantId));
    }
}
