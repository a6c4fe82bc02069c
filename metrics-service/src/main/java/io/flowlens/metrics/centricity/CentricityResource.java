package io.flowlens.metrics.centricity;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.flowlens.common.identity.CurrentCaller;
import io.flowlens.common.identity.Roles;
import io.flowlens.common.problem.Problem;
import io.flowlens.metrics.centricity.CentricityViews.LinkRequest;
import io.flowlens.metrics.centricity.CentricityViews.LinkView;
import io.flowlens.metrics.centricity.CentricityViews.SeriesView;

// Same class path as the other /api/v1/value-streams/{id}/... resources, so the router sees them all.
@Path("/api/v1")
@Tag(name = "Customer-centricity", description = "Link an assessment organisation's scores to a value stream or the portfolio")
@Produces(MediaType.APPLICATION_JSON)
public class CentricityResource {

    static final String LINK_EXAMPLE = """
            {"organisationId": "0f8fad5b-d9cb-469f-a165-70867728950e"}""";
    private static final String LINK = "Shows the organisation's scored assessments as the result category "
            + "customer-centricity (series index and one per dimension), the past ones at once and each new one within "
            + "seconds. Replaces any link there was; linking to the same organisation again changes nothing. An "
            + "organisation metrics has not received a scored assessment of yet is accepted: scoredAssessments is 0 "
            + "and the series fill when its first assessment is scored (metrics cannot tell a new organisation from a "
            + "mistyped id, so check the name in the answer).";

    @Inject
    CentricityService service;

    @Inject
    CurrentCaller caller;

    @PUT
    @Path("value-streams/{id}/customer-centricity-link")
    @RolesAllowed(Roles.MEMBER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "linkValueStreamCustomerCentricity", summary = "Link a value stream to an assessment organisation",
            description = LINK + " Role: member.")
    @Extension(name = "x-flowlens-roles", value = "[\"member\"]", parseValue = true)
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = LinkRequest.class),
            examples = @ExampleObject(name = "link", value = LINK_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Linked", content = @Content(schema = @Schema(implementation = LinkView.class)))
    @APIResponse(responseCode = "400", description = "No organisationId, or one that is not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller's role may not write",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such value stream in the caller's tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public LinkView linkStream(@PathParam("id") @Parameter(description = "The value stream's id") UUID id,
            @Valid @NotNull LinkRequest request) {
        return service.link(caller.tenant(), id, request.organisationId());
    }

    @GET
    @Path("value-streams/{id}/customer-centricity-link")
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "getValueStreamLinkedOrganisation", summary = "Read a value stream's customer-centricity link",
            description = "The linked organisation, its name and how many scored assessments metrics holds. Role: reader.")
    @Extension(name = "x-flowlens-roles", value = "[\"reader\"]", parseValue = true)
    @APIResponse(responseCode = "200", description = "The link", content = @Content(schema = @Schema(implementation = LinkView.class)))
    @APIResponse(responseCode = "404", description = "No such value stream in the caller's tenant, or it is not linked",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public LinkView getStreamLink(@PathParam("id") @Parameter(description = "The value stream's id") UUID id) {
        return service.get(caller.tenant(), id);
    }

    @DELETE
    @Path("value-streams/{id}/customer-centricity-link")
    @RolesAllowed(Roles.MEMBER)
    @Operation(operationId = "unlinkValueStreamCustomerCentricity", summary = "Unlink a value stream from its assessment organisation",
            description = "The customer-centricity series leave the stream (and its correlations) at once; the scores stay "
                    + "in metrics for other links and a later link. Idempotent: a stream without a link answers 204 too. Role: member.")
    @Extension(name = "x-flowlens-roles", value = "[\"member\"]", parseValue = true)
    @APIResponse(responseCode = "204", description = "Unlinked")
    @APIResponse(responseCode = "403", description = "The caller's role may not write",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such value stream in the caller's tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void unlinkStream(@PathParam("id") @Parameter(description = "The value stream's id") UUID id) {
        service.unlink(caller.tenant(), id);
    }

    @GET
    @Path("value-streams/{id}/customer-centricity")
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "getValueStreamCustomerCentricitySeries", summary = "Read a value stream's customer-centricity series",
            description = "Every scored assessment of the linked organisation, oldest first: the index and each dimension, "
                    + "dated by the local date of the stream's time zone (the dates a correlation uses). Role: reader.")
    @Extension(name = "x-flowlens-roles", value = "[\"reader\"]", parseValue = true)
    @APIResponse(responseCode = "200", description = "The series", content = @Content(schema = @Schema(implementation = SeriesView.class)))
    @APIResponse(responseCode = "404", description = "No such value stream in the caller's tenant, or it is not linked",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SeriesView streamSeries(@PathParam("id") @Parameter(description = "The value stream's id") UUID id) {
        return service.series(caller.tenant(), id);
    }

    @PUT
    @Path("portfolio/customer-centricity-link")
    @RolesAllowed(Roles.MEMBER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "linkPortfolioCustomerCentricity", summary = "Link the portfolio to an assessment organisation",
            description = LINK + " The portfolio's dates are UTC dates. Role: member.")
    @Extension(name = "x-flowlens-roles", value = "[\"member\"]", parseValue = true)
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = LinkRequest.class),
            examples = @ExampleObject(name = "link", value = LINK_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Linked", content = @Content(schema = @Schema(implementation = LinkView.class)))
    @APIResponse(responseCode = "400", description = "No organisationId, or one that is not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller's role may not write",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public LinkView linkPortfolio(@Valid @NotNull LinkRequest request) {
        return service.link(caller.tenant(), null, request.organisationId());
    }

    @GET
    @Path("portfolio/customer-centricity-link")
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "getPortfolioLinkedOrganisation", summary = "Read the portfolio's customer-centricity link",
            description = "Role: reader.")
    @Extension(name = "x-flowlens-roles", value = "[\"reader\"]", parseValue = true)
    @APIResponse(responseCode = "200", description = "The link", content = @Content(schema = @Schema(implementation = LinkView.class)))
    @APIResponse(responseCode = "404", description = "The portfolio is not linked",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public LinkView getPortfolioLink() {
        return service.get(caller.tenant(), null);
    }

    @DELETE
    @Path("portfolio/customer-centricity-link")
    @RolesAllowed(Roles.MEMBER)
    @Operation(operationId = "unlinkPortfolioCustomerCentricity", summary = "Unlink the portfolio from its assessment organisation",
            description = "Idempotent. Role: member.")
    @Extension(name = "x-flowlens-roles", value = "[\"member\"]", parseValue = true)
    @APIResponse(responseCode = "204", description = "Unlinked")
    @APIResponse(responseCode = "403", description = "The caller's role may not write",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void unlinkPortfolio() {
        service.unlink(caller.tenant(), null);
    }

    @GET
    @Path("portfolio/customer-centricity")
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "getPortfolioCustomerCentricitySeries", summary = "Read the portfolio's customer-centricity series",
            description = "As for a value stream, dated by UTC dates. Role: reader.")
    @Extension(name = "x-flowlens-roles", value = "[\"reader\"]", parseValue = true)
    @APIResponse(responseCode = "200", description = "The series", content = @Content(schema = @Schema(implementation = SeriesView.class)))
    @APIResponse(responseCode = "404", description = "The portfolio is not linked",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SeriesView portfolioSeries() {
        return service.series(caller.tenant(), null);
    }
}
