package io.flowlens.assessment.organisation;

import java.util.UUID;

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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.flowlens.assessment.organisation.OrganisationDtos.CreateOrganisation;
import io.flowlens.assessment.organisation.OrganisationDtos.OrganisationView;
import io.flowlens.assessment.organisation.OrganisationDtos.VocabularyView;
import io.flowlens.assessment.paging.Page;
import io.flowlens.common.identity.CurrentCaller;
import io.flowlens.common.identity.Roles;
import io.flowlens.common.problem.Problem;

@Path("/api/v1/organisations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Organisations", description = "The organisations a tenant assesses; each tenant sees only its own")
public class OrganisationResource {

    @Inject
    OrganisationService organisations;

    @Inject
    CurrentCaller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PARTNER)
    @Operation(summary = "Create an organisation to assess", description = "Industry, size band and region come from documented lists (GET /api/v1/organisations/vocabulary).")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = OrganisationView.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or not on its list", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "unknown industry", value = """
                    {"type":"https://flowlens.io/problems/validation","title":"Request is not valid","status":400,
                     "detail":"/industry: 'mining' is not one of software, ...","errors":[{"pointer":"/industry","detail":"'mining' is not one of software, ..."}]}""")))
    @APIResponse(responseCode = "403", description = "The caller's role may not create organisations", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@Valid @NotNull CreateOrganisation organisation) {
        OrganisationView created = organisations.create(caller.tenant(), organisation);
        return Response.status(201).header("Location", "/api/v1/organisations/" + created.id()).entity(created).build();
    }

    @GET
    @RolesAllowed(Roles.READER)
    @Operation(summary = "List the tenant's organisations", description = "Newest first, cursor pagination.")
    @APIResponse(responseCode = "200", description = "A page of organisations")
    @APIResponse(responseCode = "400", description = "Bad limit or cursor", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<OrganisationView> list(@QueryParam("limit") @Parameter(description = "1..500, default 50") Integer limit,
            @QueryParam("cursor") @Parameter(description = "nextCursor of the previous page") String cursor) {
        return organisations.list(caller.tenant(), limit, cursor);
    }

    @GET
    @Path("vocabulary")
    @RolesAllowed(Roles.READER)
    @Operation(summary = "The allowed industries, size bands and regions")
    @APIResponse(responseCode = "200", description = "The lists")
    public VocabularyView vocabulary() {
        return new VocabularyView(Vocabulary.INDUSTRIES, Vocabulary.SIZE_BANDS, Vocabulary.REGIONS);
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.READER)
    @Operation(summary = "Read one organisation")
    @APIResponse(responseCode = "200", description = "The organisation", content = @Content(schema = @Schema(implementation = OrganisationView.class)))
    @APIResponse(responseCode = "404", description = "No such organisation for this tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public OrganisationView get(@PathParam("id") UUID id) {
        return organisations.get(caller.tenant(), id);
    }
}
