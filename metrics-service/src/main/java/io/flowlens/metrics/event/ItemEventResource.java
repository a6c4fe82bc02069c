package io.flowlens.metrics.event;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.flowlens.common.contract.ItemEventContract;
import io.flowlens.common.identity.Roles;

/**
 * The consumer of ingestion's canonical item events (docs/contracts.md). Service-to-service
 * only. A relay that sends {@code X-Flowlens-Item-Events-Version: 2} gets an answer per event
 * (the valid ones applied, the others listed in {@code refused}); without it a batch is all or
 * nothing, as version 1 promised.
 */
@Path("/internal/v1/item-events")
public class ItemEventResource {

    @Inject
    ItemEventService service;

    @POST
    @RolesAllowed(Roles.SERVICE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public ApplyResult receive(@HeaderParam(ItemEventContract.VERSION_HEADER) String version, byte[] body) {
        boolean perEvent = version != null && version.trim().equals(ItemEventContract.PER_EVENT_VERSION);
        return service.apply(ItemEventParser.parse(body), perEvent);
    }
}
