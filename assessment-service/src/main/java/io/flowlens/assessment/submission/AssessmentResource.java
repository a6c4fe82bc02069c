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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.flowlens.assessment.idempotency.IdempotencyKeys;
import io.flowlens.assessment.submission.AssessmentDtos.AssessmentView;
import io.flowlens.assessment.submission.AssessmentDtos.CorrectAssessment;
import io.flowlens.assessment.submission.AssessmentDtos.SubmitAssessment;
import io.flowlens.common.identity.CurrentCaller;
import io.flowlens.common.identity.Roles;
import io.flowlens.common.problem.Problem;

@Path("/api/v1/assessments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Assessments", description = "Submit answers, get scores, levels and recommendations")
public class AssessmentResource {

    @Inject
    AssessmentService assessments;

    @Inject
    AssessmentHistory history;

    @Inject
    CurrentCaller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PARTNER)
    @Extension(name = "x-flowlens-roles", value = "[\"partner\"]", parseValue = true)
    @Operation(operationId = "submitAssessment", summary = "Submit an assessment and get its result",
            description = "Every statement of the version answered 1..5, no unknown ids; otherwise 422 naming each bad answer"
                    + " and nothing is stored. With an Idempotency-Key, a retry with the same body returns the first result,"
                    + " another body with the same key is 422, and a retry while the first is in flight is 409.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SubmitAssessment.class),
            examples = @ExampleObject(name = "every statement of ccm-2026.1", value = Examples.SUBMIT)))
    @APIResponse(responseCode = "201", description = "Scored (or the first result, replayed for its Idempotency-Key)",
            content = @Content(schema = @Schema(implementation = AssessmentView.class)),
            headers = @Header(name = IdempotencyKeys.REPLAYED, description = IdempotencyKeys.REPLAYED_DESCRIPTION,
                    schema = @Schema(type = SchemaType.STRING, enumeration = "true")))
    @APIResponse(responseCode = "400", description = "Malformed body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such organisation for this tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "A request with this Idempotency-Key is in flight (request-in-flight)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Answers or version refused, or the Idempotency-Key was used with another body (idempotency-key-reused)", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "bad answers", value = """
                    {"type":"https://flowlens.io/problems/unprocessable","title":"Request cannot be processed","status":422,
                     "detail":"2 answers are not acceptable for questionnaire ccm-2026.1",
                     "errors":[{"pointer":"/answers/research.blend","detail":"answer 7 is outside the scale 1..5"},
                               {"pointer":"/answers/teams.silos","detail":"not answered; every statement needs an answer from 1 to 5"}]}""")))
    public Response submit(@HeaderParam(IdempotencyKeys.HEADER) @Parameter(description = IdempotencyKeys.KEY_DESCRIPTION,
            example = "5f0c7e9e-4d1b-4a53-9d0e-2b8f3c1a7d42") String idempotencyKey,
            @Valid @NotNull SubmitAssessment assessment) {
        IdempotencyKeys.Outcome<AssessmentView> outcome = assessments.submit(caller.tenant(), idempotencyKey, assessment);
        return outcome.created("/api/v1/assessments/" + outcome.resource().id());
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.READER)
    @Extension(name = "x-flowlens-roles", value = "[\"reader\"]", parseValue = true)
    @Operation(operationId = "getAssessment", summary = "Read an assessment's result", description = "Index, level, dimension scores and "
            + "recommendations, as answered when it was submitted.")
    @APIResponse(responseCode = "200", description = "The result", content = @Content(schema = @Schema(implementation = AssessmentView.class)))
    @APIResponse(responseCode = "404", description = "No such assessment for this tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AssessmentView get(@Parameter(description = "The assessment's id") @PathParam("id") UUID id) {
        return assessments.get(caller.tenant(), id);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PARTNER)
    @Operation(operationId = "correctAssessment", summary = "Correct an assessment's answers",
            description = "Replaces the answers (every statement of the assessment's version, 1..5) and re-scores it; "
                    + "organisation, version and assessedAt stay. Benchmarks, partner webhooks (assessment.corrected) and "
                    + "the customer-centricity series in metrics follow the corrected score. The same answers again change "
                    + "nothing. Role: partner.")
    @Extension(name = "x-flowlens-roles", value = "[\"partner\"]", parseValue = true)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CorrectAssessment.class),
            examples = @ExampleObject(name = "every statement of ccm-2026.1", value = Examples.CORRECT)))
    @APIResponse(responseCode = "200", description = "The corrected result", content = @Content(schema = @Schema(implementation = AssessmentView.class)))
    @APIResponse(responseCode = "400", description = "Malformed body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller's role may not correct", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such assessment for this tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Answers refused, each bad answer named; nothing changed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AssessmentView correct(@PathParam("id") @Parameter(description = "the assessment's id") UUID id,
            @Valid @NotNull CorrectAssessment correction) {
        return assessments.correct(caller.tenant(), id, correction);
    }

    @GET
    @Path("export")
    @Produces("text/csv")
    @RolesAllowed(Roles.READER)
    @Extension(name = "x-flowlens-roles", value = "[\"reader\"]", parseValue = true)
    @Operation(operationId = "exportAssessments", summary = "Export the tenant's results as CSV",
            description = "One row per assessment of the version (default: the version of the tenant's latest submission), newest first, one column per dimension.")
    @APIResponse(responseCode = "200", description = "CSV (RFC 4180)", content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING),
            examples = @ExampleObject(name = "csv", value = "assessment_id,organisation_id,organisation_name,...,index,level,level_name,research,...\r\n")))
    @APIResponse(responseCode = "400", description = "Unknown version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response export(@QueryParam("version") @Parameter(description = "questionnaire version", example = "ccm-2026.1") String version) {
        String tenant = caller.tenant();
        StreamingOutput body = out -> history.exportCsv(tenant, version, out);
        return Response.ok(body, "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"assessments.csv\"").build();
    }
}
