package io.flowlens.metrics.centricity;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.flowlens.common.contract.AssessmentEventContract;
import io.flowlens.common.identity.Roles;
import io.flowlens.metrics.event.ApplyResult;

/**
 * The consumer of assessment-service's feed of scored assessments (docs/contracts.md, "Scored
 * assessments"). Service-to-service only. Each event is judged on its own: the valid ones are
 * applied (the highest revision per assessment wins; equal or lower ones are ignored, so
 * redelivery and any order are harmless), the others listed in {@code refused} by index
 * ({@link AssessmentFeed}, which the Kafka consumer of the same events uses too).
 */
@Path(AssessmentEventContract.PATH)
public class AssessmentEventResource {

    @Inject
    AssessmentFeed feed;

    @POST
    @RolesAllowed(Roles.SERVICE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public ApplyResult receive(byte[] body) {
        return feed.apply(AssessmentEventParser.parse(body));
    }
}
