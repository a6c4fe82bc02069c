package io.flowlens.assessment.organisation;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

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

    @Inject
    IdempotencyKeys idempotency;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PARTNER)
    @Extension(name = "x-flowlens-roles", value = "[\"partner\"]", parseValue = true)
    @Operation(operationId = "createOrganisation", summary = "Create an organisation to assess", description = "Industry, size band and region come from documented lists (GET /api/v1/organisations/vocabulary).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CreateOrganisation.class),
            examples = @ExampleObject(name = "retailer", value = """
                    {"name": "Acme Retail GmbH", "industry": "retail", "sizeBand": "250-999", "region": "europe",
                     "externalRef": "CRM-4711"}""")))
    @APIResponse(responseCode = "201", description = "Created (or the first answer, replayed for its Idempotency-Key)",
            content = @Content(schema = @Schema(implementation = OrganisationView.class), examples = @ExampleObject(name = "retailer", value = """
                    {"id": "0f8fad5b-d9cb-469f-a165-70867728950e", "name": "Acme Retail GmbH", "industry": "retail",
                     "sizeBand": "250-999", "region": "europe", "externalRef": "CRM-4711",
                     "createdAt": "2026-03-01T09:00:00Z"}""")),
            headers = @Header(name = IdempotencyKeys.REPLAYED, description = IdempotencyKeys.REPLAYED_DESCRIPTION,
                    schema = @Schema(type = SchemaType.STRING, enumeration = "true")))
    @APIResponse(responseCode = "400", description = "A field is missing or not on its list", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "unknown industry", value = """
                    {"type":"https://flowlens.io/problems/validation","title":"Request is not valid","status":400,
                     "detail":"/industry: 'mining' is not one of software, ...","errors":[{"pointer":"/industry","detail":"'mining' is not one of software, ..."}]}""")))
    @APIResponse(responseCode = "403", description = "The caller's role may not create organisations", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "A request with this Idempotency-Key is in flight (request-in-flight)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used with another body (idempotency-key-reused)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@HeaderParam(IdempotencyKeys.HEADER) @Parameter(description = IdempotencyKeys.KEY_DESCRIPTION,
            example = "5f0c7e9e-4d1b-4a53-9d0e-2b8f3c1a7d42") String idempotencyKey,
            @Valid @NotNull CreateOrganisation organisation) {
        String tenant = caller.tenant();
        IdempotencyKeys.Outcome<OrganisationView> outcome = idempotency.create(tenant, idempotencyKey,
                "POST /api/v1/organisations", organisation, claim -> organisations.create(tenant, organisation, claim),
                id -> organisations.get(tenant, id));
        return outcome.created("/api/v1/organisations/" + outcome.resource().id());
    }

    @GET
    @RolesAllowed(Roles.READER)
    @Extension(name = "x-flowlens-roles", value = "[\"reader\"]", parseValue = true)
    @Operation(operationId = "listOrganisations", summary = "List the tenant's organisations", description = "Newest first, cursor pagination.")
    @APIResponse(responseCode = "200", description = "A page of organisations")
    @APIResponse(responseCode = "400", description = "Bad limit or cursor", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<OrganisationView> list(@QueryParam("limit") @Parameter(description = "Page size, 1..500 (default 50)", schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "500", defaultValue = "50")) Integer limit,
            @QueryParam("cursor") @Parameter(description = "nextCursor of the previous page (opaque); omit for the first page") String cursor) {
        return organisations.list(caller.tenant(), limit, cursor);
    }

    @GET
    @Path("vocabulary")
    @RolesAllowed(Roles.READER)
    @Extension(name = "x-flowlens-roles", value = "[\"reader\"]", parseValue = true)
    @Operation(operationId = "getOrganisationVocabulary", summary = "The allowed industries, size bands and regions",
            description = "The lists an organisation's industry, sizeBand and region, and a benchmark's cohort keys, come from.")
    @APIResponse(responseCode = "200", description = "The lists")
    public VocabularyView vocabulary() {
        return new VocabularyView(Vocabulary.INDUSTRIES, Vocabulary.SIZE_BANDS, Vocabulary.REGIONS);
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.READER)
    @Extension(name = "x-flowlens-roles", value = "[\"reader\"]", parseValue = true)
    @Operation(operationId = "getOrganisation", summary = "Read one organisation", description = "One of the tenant's organisations.")
    @APIResponse(responseCode = "200", description = "The organisation", content = @Content(schema = @Schema(implementation = OrganisationView.class),
            examples = @ExampleObject(name = "retailer", value = """
                    {"id": "0f8fad5b-d9cb-469f-a165-70867728950e", "name": "Acme Retail GmbH", "industry": "retail",
                     "sizeBand": "250-999", "region": "europe", "externalRef": "CRM-4711",
                     "createdAt": "2026-03-01T09:00:00Z"}""")))
    @APIResponse(responseCode = "404", description = "No such organisation for this tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public OrganisationView get(@Parameter(description = "The organisation's id") @PathParam("id") UUID id) {
        return organisations.get(caller.tenant(), id);
    }
}
