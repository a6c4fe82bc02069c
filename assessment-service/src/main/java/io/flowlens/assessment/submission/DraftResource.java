package io.flowlens.assessment.submission;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.flowlens.assessment.idempotency.IdempotencyKeys;
import io.flowlens.assessment.submission.AssessmentDtos.AssessmentView;
import io.flowlens.assessment.submission.AssessmentDtos.DraftView;
import io.flowlens.assessment.submission.AssessmentDtos.SaveDraft;
import io.flowlens.assessment.submission.AssessmentDtos.UpdateDraft;
import io.flowlens.common.identity.CurrentCaller;
import io.flowlens.common.identity.Roles;
import io.flowlens.common.problem.Problem;

@Path("/api/v1/assessments/drafts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Assessments")
public class DraftResource {

    @Inject
    DraftService drafts;

    @Inject
    CurrentCaller caller;

    @Inject
    IdempotencyKeys idempotency;

    @Inject
    AssessmentService assessments;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PARTNER)
    @Extension(name = "x-flowlens-roles", value = "[\"partner\"]", parseValue = true)
    @Operation(operationId = "createAssessmentDraft", summary = "Save partial answers as a draft", description = "Any subset of statements; each given answer must be 1..5 and known.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SaveDraft.class), examples = @ExampleObject(name = "two answers", value = """
                    {"organisationId": "0f8fad5b-d9cb-469f-a165-70867728950e", "questionnaireVersion": "ccm-2026.1",
                     "answers": {"research.blend": 4, "research.opinion": 2}}""")))
    @APIResponse(responseCode = "201", description = "Saved (or the first answer, replayed for its Idempotency-Key)",
            content = @Content(schema = @Schema(implementation = DraftView.class)),
            headers = @Header(name = IdempotencyKeys.REPLAYED, description = IdempotencyKeys.REPLAYED_DESCRIPTION,
                    schema = @Schema(type = SchemaType.STRING, enumeration = "true")))
    @APIResponse(responseCode = "409", description = "A request with this Idempotency-Key is in flight (request-in-flight)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "An answer is off the scale or unknown, or the Idempotency-Key was used with another body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@HeaderParam(IdempotencyKeys.HEADER) @Parameter(description = IdempotencyKeys.KEY_DESCRIPTION,
            example = "5f0c7e9e-4d1b-4a53-9d0e-2b8f3c1a7d42") String idempotencyKey, @Valid @NotNull SaveDraft draft) {
        String tenant = caller.tenant();
        IdempotencyKeys.Outcome<DraftView> outcome = idempotency.create(tenant, idempotencyKey,
                "POST /api/v1/assessments/drafts", draft, claim -> drafts.create(tenant, draft, claim),
                id -> drafts.get(tenant, id));
        return outcome.created("/api/v1/assessments/drafts/" + outcome.resource().id());
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.READER)
    @Extension(name = "x-flowlens-roles", value = "[\"reader\"]", parseValue = true)
    @Operation(operationId = "getAssessmentDraft", summary = "Read a draft", description = "With the statements still unanswered.")
    @APIResponse(responseCode = "200", description = "The draft", content = @Content(schema = @Schema(implementation = DraftView.class)))
    @APIResponse(responseCode = "404", description = "No such draft for this tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DraftView get(@Parameter(description = "The draft's id") @PathParam("id") UUID id) {
        return drafts.get(caller.tenant(), id);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PARTNER)
    @Extension(name = "x-flowlens-roles", value = "[\"partner\"]", parseValue = true)
    @Operation(operationId = "replaceAssessmentDraft", summary = "Replace a draft's answers", description = "Any subset of statements, each 1..5 "
            + "and known; a submitted draft is 409.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = UpdateDraft.class), examples = @ExampleObject(name = "three answers", value = """
                    {"answers": {"research.blend": 4, "research.opinion": 2, "teams.silos": 3}}""")))
    @APIResponse(responseCode = "200", description = "Saved", content = @Content(schema = @Schema(implementation = DraftView.class)))
    @APIResponse(responseCode = "409", description = "Already submitted", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "An answer is off the scale or unknown", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DraftView update(@Parameter(description = "The draft's id") @PathParam("id") UUID id, @Valid @NotNull UpdateDraft draft) {
        return drafts.update(caller.tenant(), id, draft.answers());
    }

    @POST
    @Path("{id}/submit")
    @RolesAllowed(Roles.PARTNER)
    @Extension(name = "x-flowlens-roles", value = "[\"partner\"]", parseValue = true)
    @Operation(operationId = "submitAssessmentDraft", summary = "Submit a draft", description = "The same validation as a direct submission: an incomplete draft is 422 naming each missing answer.")
    @APIResponse(responseCode = "201", description = "Scored (or the first result, replayed for its Idempotency-Key)",
            content = @Content(schema = @Schema(implementation = AssessmentView.class)),
            headers = @Header(name = IdempotencyKeys.REPLAYED, description = IdempotencyKeys.REPLAYED_DESCRIPTION,
                    schema = @Schema(type = SchemaType.STRING, enumeration = "true")))
    @APIResponse(responseCode = "409", description = "Already submitted, or a request with this Idempotency-Key is in flight", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Incomplete or invalid answers, or the Idempotency-Key was used for another request", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response submit(@HeaderParam(IdempotencyKeys.HEADER) @Parameter(description = IdempotencyKeys.KEY_DESCRIPTION,
            example = "5f0c7e9e-4d1b-4a53-9d0e-2b8f3c1a7d42") String idempotencyKey, @Parameter(description = "The draft's id") @PathParam("id") UUID id) {
        String tenant = caller.tenant();
        IdempotencyKeys.Outcome<AssessmentView> outcome = idempotency.create(tenant, idempotencyKey,
                "POST /api/v1/assessments/drafts/{id}/submit", id, claim -> drafts.submit(tenant, id, claim),
                assessment -> assessments.get(tenant, assessment));
        return outcome.created("/api/v1/assessments/" + outcome.resource().id());
    }
}
