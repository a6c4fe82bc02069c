package io.flowlens.metrics.result;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
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
import io.flowlens.common.problem.ApiException;
import io.flowlens.common.problem.Problem;
import io.flowlens.metrics.flow.WindowParams;
import io.flowlens.metrics.paging.Page;

@Path("/api/v1")
@Tag(name = "Business results", description = "Data points (date, value) per value stream in result categories: the "
        + "built-in value, cost, quality and happiness, categories a tenant defines (name, unit, whether higher is "
        + "better), and customer-centricity, reserved for the series fed from assessments (never written by hand).")
@Produces(MediaType.APPLICATION_JSON)
public class CategoryResource {

    static final String EXAMPLE = """
            {"name": "net-promoter-score", "label": "Net Promoter Score", "unit": "points", "higherIsBetter": true}""";
    static final String CHANGE_EXAMPLE = """
            {"label": "NPS (quarterly survey)", "unit": "points", "higherIsBetter": true}""";

    @Inject
    CategoryService service;

    @Inject
    CurrentCaller caller;

    @GET
    @Path("result-categories")
    @RolesAllowed(Roles.READER)
    @Extension(name = "x-flowlens-roles", value = "[\"reader\"]", parseValue = true)
    @Operation(operationId = "listResultCategories", summary = "List result categories", description = "The built-ins (value, cost, quality, happiness, "
            + "customer-centricity) and the tenant's own, by name, cursor-paginated.")
    @APIResponse(responseCode = "200", description = "One page")
    @APIResponse(responseCode = "400", description = "Bad limit or cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<CategoryView> list(@Parameter(description = "Page size, 1..500 (default 50)", schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page (opaque); omit for the first page") @QueryParam("cursor") String cursor) {
        return service.list(caller.tenant(), cursor, WindowParams.integer("limit", limit));
    }

    @GET
    @Path("result-categories/{name}")
    @RolesAllowed(Roles.READER)
    @Extension(name = "x-flowlens-roles", value = "[\"reader\"]", parseValue = true)
    @Operation(operationId = "getResultCategory", summary = "Get a result category", description = "A built-in or one of the tenant's own, by name.")
    @APIResponse(responseCode = "200", description = "The category",
            content = @Content(schema = @Schema(implementation = CategoryView.class)))
    @APIResponse(responseCode = "404", description = "Neither built-in nor the tenant's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CategoryView get(@Parameter(description = "The category's name (a lowercase slug)", example = "net-promoter-score") @PathParam("name") String name) {
        return service.get(caller.tenant(), name);
    }

    @POST
    @Path("result-categories")
    @RolesAllowed(Roles.MEMBER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = "x-flowlens-roles", value = "[\"member\"]", parseValue = true)
    @Operation(operationId = "createResultCategory", summary = "Define a result category of the tenant's own",
            description = "A lowercase slug name, a label, an optional unit and whether higher is better; the name is "
                    + "the key and never changes.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "nps", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = CategoryView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body (e.g. a name that is no lowercase slug), each field named",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller's role may not write",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "A built-in or an existing category has that name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A name reserved for assessment-fed series (customer-centricity-...)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@NotNull CategoryRequest request, @Context UriInfo uri) {
        CategoryView created = service.create(caller.tenant(), request);
        return Response.created(uri.getAbsolutePathBuilder().path(created.name()).build()).entity(created).build();
    }

    @PUT
    @Path("result-categories/{name}")
    @RolesAllowed(Roles.MEMBER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = "x-flowlens-roles", value = "[\"member\"]", parseValue = true)
    @Operation(operationId = "replaceResultCategory", summary = "Replace a tenant category's label, unit and direction", description = "The name is the key "
            + "and stays; the points keep their category. Built-ins are read-only (409).")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "nps", value = CHANGE_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Replaced",
            content = @Content(schema = @Schema(implementation = CategoryView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body, each field named",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such category of the tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "A built-in category",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CategoryView replace(@Parameter(description = "The category's name (a lowercase slug)", example = "net-promoter-score") @PathParam("name") String name, @NotNull CategoryChange change) {
        return service.replace(caller.tenant(), name, change);
    }

    @DELETE
    @Path("result-categories/{name}")
    @RolesAllowed(Roles.MEMBER)
    @Extension(name = "x-flowlens-roles", value = "[\"member\"]", parseValue = true)
    @Operation(operationId = "deleteResultCategory", summary = "Delete a tenant category", description = "Refused with 409 (saying how many points in how "
            + "many value streams) while points use it; with confirm=true its points in every value stream go with it.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such category of the tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "A built-in category, or points use it and confirm is not true",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void delete(@Parameter(description = "The category's name (a lowercase slug)", example = "net-promoter-score") @PathParam("name") String name,
            @Parameter(description = "true: delete the category's points too", schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false")) @QueryParam("confirm") String confirm) {
        service.delete(caller.tenant(), name, confirmed(confirm));
    }

    static boolean confirmed(String confirm) {
        if (confirm == null || confirm.isEmpty() || confirm.equals("false")) {
            return false;
        }
        if (confirm.equals("true")) {
            return true;
        }
        throw ApiException.badParameter("confirm", "must be true or false");
    }
}
