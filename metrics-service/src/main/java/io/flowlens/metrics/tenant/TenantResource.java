package io.flowlens.metrics.tenant;

import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.flowlens.common.contract.ItemEventContract;
import io.flowlens.common.identity.Roles;
import io.flowlens.common.problem.ApiException;

/** The gateway's erase of a tenant, metrics' part (docs/contracts.md). Service-to-service only. */
@Path("/internal/v1/tenants/{tenantId}")
public class TenantResource {

    /** The report: the tenant and how many rows of each kind were erased. */
    public record Erased(String tenantId, Map<String, Long> erased) {
    }

    @Inject
    TenantEraser eraser;

    @DELETE
    @RolesAllowed(Roles.SERVICE)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Erased erase(@PathParam("tenantId") String tenantId) {
        String fault = tenantId == null || tenantId.isBlank() ? "must not be blank"
                : ItemEventContract.textViolation(tenantId, ItemEventContract.MAX_TENANT_ID);
        if (fault != null) {
            throw ApiException.badParameter("tenantId", fault);
        }
        return new Erased(tenantId, eraser.erase(tenantId));
    }
}
