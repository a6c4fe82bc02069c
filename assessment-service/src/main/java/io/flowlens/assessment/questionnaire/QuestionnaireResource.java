package io.flowlens.assessment.questionnaire;

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
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.flowlens.assessment.paging.Page;
import io.flowlens.common.identity.Roles;
import io.flowlens.common.problem.ApiException;
import io.flowlens.common.problem.Problem;

@Path("/api/v1/questionnaires")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Questionnaires", description = "Versioned customer-centricity questionnaires")
public class QuestionnaireResource {

    @Inject
    QuestionnaireCatalog catalog;

    @GET
    @RolesAllowed({Roles.READER, Roles.PLATFORM})
    @Extension(name = "x-flowlens-roles", value = "[\"reader\", \"platform\"]", parseValue = true)
    @Operation(operationId = "listQuestionnaires", summary = "List the published questionnaire versions", description = "Oldest first; ccm-2026.1 is the seed.")
    @APIResponse(responseCode = "200", description = "The versions")
    @APIResponse(responseCode = "401", description = "No credentials", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<QuestionnaireSummary> list() {
        return new Page<>(catalog.all().stream().map(QuestionnaireSummary::of).toList(), null);
    }

    @GET
    @Path("{version}")
    @RolesAllowed({Roles.READER, Roles.PLATFORM})
    @Extension(name = "x-flowlens-roles", value = "[\"reader\", \"platform\"]", parseValue = true)
    @Operation(operationId = "getQuestionnaire", summary = "Read one questionnaire version", description = "Dimensions, statements (reverse-scored ones marked), scale labels, weights and levels.")
    @APIResponse(responseCode = "200", description = "The questionnaire", content = @Content(schema = @Schema(implementation = QuestionnaireDocument.class)))
    @APIResponse(responseCode = "404", description = "No such version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public QuestionnaireDocument get(@Parameter(description = "The questionnaire version", example = "ccm-2026.1") @PathParam("version") String version) {
        return catalog.find(version).orElseThrow(() -> ApiException.notFound("questionnaire", version)).document();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PLATFORM)
    @Extension(name = "x-flowlens-roles", value = "[\"platform\"]", parseValue = true)
    @Operation(operationId = "publishQuestionnaire", summary = "Publish a new questionnaire version (platform admins)",
            description = "A published version never changes and past results keep their own version; publishing an existing id is 409.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = QuestionnaireDocument.class), examples = @ExampleObject(name = "small", value = """
                    {"id": "pulse-2026.1", "title": "Customer-centricity pulse", "scale": {"min": 1, "max": 5},
                     "levels": [{"level": 1, "name": "Starting", "from": 0}, {"level": 2, "name": "Growing", "from": 50}],
                     "dimensions": [{"id": "research", "name": "Customer research", "weight": 1,
                       "statements": [{"id": "research.blend", "text": "We blend qualitative and quantitative research."}]}]}""")))
    @APIResponse(responseCode = "201", description = "Published", content = @Content(schema = @Schema(implementation = QuestionnaireDocument.class)))
    @APIResponse(responseCode = "400", description = "The definition is not valid", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The version exists", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response publish(@Valid @NotNull QuestionnaireDocument questionnaire) {
        PublishedQuestionnaire published = catalog.publish(questionnaire);
        return Response.status(201).header("Location", "/api/v1/questionnaires/" + published.version())
                .entity(published.document()).build();
    }
}
