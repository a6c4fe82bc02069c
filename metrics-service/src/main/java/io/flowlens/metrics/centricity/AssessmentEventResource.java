package io.flowlens.metrics.centricity;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.flowlens.common.contract.AssessmentEventContract;
import io.flowlens.common.identity.Roles;
import io.flowlens.common.problem.Problem;
import io.flowlens.metrics.event.ApplyResult;

/**
 * The consumer of assessment-service's feed of scored assessments (docs/contracts.md, "Scored
 * assessments"). Service-to-service only. Each event is judged on its own: the valid ones are
 * applied (the highest revision per assessment wins; equal or lower ones are ignored, so
 * redelivery and any order are harmless), the others listed in {@code refused} by index.
 */
@Path(AssessmentEventContract.PATH)
public class AssessmentEventResource {

    @Inject
    CentricityStore store;

    @POST
    @RolesAllowed(Roles.SERVICE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    @Transactional
    public ApplyResult receive(byte[] body) {
        List<AssessmentEventParser.Slot> slots = AssessmentEventParser.parse(body);
        List<AssessmentEvent> valid = new ArrayList<>();
        List<ApplyResult.Refusal> refused = new ArrayList<>();
        for (AssessmentEventParser.Slot s : slots) {
            if (s.refused()) {
                refused.add(new ApplyResult.Refusal(s.eventId(), s.index(), s.errors()));
            } else {
                valid.add(s.event());
            }
        }
        List<CentricityStore.Outcome> outcomes = store.apply(valid);
        int accepted = 0;
        int ignored = 0;
        int k = 0;
        for (AssessmentEventParser.Slot s : slots) {
            if (s.refused()) {
                continue;
            }
            switch (outcomes.get(k++)) {
                case APPLIED -> accepted++;
                case IGNORED -> ignored++;
                case REFUSED -> refused.add(new ApplyResult.Refusal(s.eventId(), s.index(),
                        List.of(new Problem.FieldError("/events/" + s.index(), "the database refused the event"))));
            }
        }
        refused.sort(java.util.Comparator.comparingInt(ApplyResult.Refusal::index));
        return new ApplyResult(accepted, ignored, refused);
    }
}
