package io.flowlens.metrics.result;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flowlens.common.identity.CurrentCaller;
import io.flowlens.common.identity.Roles;
import io.flowlens.common.problem.ApiException;
import io.flowlens.common.problem.Problem;
import io.flowlens.metrics.flow.WindowParams;
import io.flowlens.metrics.paging.Page;

// Same class path as the other /api/v1/value-streams/{id}/... resources, so the router sees them all.
@Path("/api/v1")
@Tag(name = "Business results")
@Produces(MediaType.APPLICATION_JSON)
public class ResultResource {

    static final String VALUE_STREAM_ID = "The value stream\'s id";

    static final String CSV = "text/csv";
    static final String EXAMPLE = """
            {"category": "value", "date": "2026-03-31", "value": 125000.5, "note": "Q1 revenue of the checkout"}""";
    static final String CSV_EXAMPLE = """
            category,date,value,note
            value,2026-01-31,98000,January revenue
            value,2026-02-28,104500.5,
            net-promoter-score,2026-03-31,42,Quarterly survey
            """;
    static final String JSON_EXAMPLE = """
            [{"category": "value", "date": "2026-01-31", "value": 98000, "note": "January revenue"},
             {"category": "net-promoter-score", "date": "2026-03-31", "value": 42}]""";
    private static final String UPLOAD = "All or nothing, in one transaction: every point is checked first and every "
            + "fault named, by line in CSV (the header is line 1; pointer /3/value) or by index in JSON (/2/value); "
            + "with any fault nothing is stored. The upload then **replaces** the stream's points on each (category, "
            + "date) it states, so sending the same file again leaves the same points (with new ids), and a corrected "
            + "file corrects them; a date may hold several points in one upload. CSV: header category,date,value or "
            + "category,date,value,note, RFC 4180 quoting, decimals with a point. JSON: an array of "
            + "{category, date, value, note?}, values JSON numbers. At most 50,000 points by default (413 beyond).";

    @Inject
    ResultService service;

    @Inject
    CurrentCaller caller;

    @Inject
    ObjectMapper mapper;

    @GET
    @Path("value-streams/{id}/results")
    @RolesAllowed(Roles.READER)
    @Extension(name = "x-flowlens-roles", value = "[\"reader\"]", parseValue = true)
    @Operation(operationId = "listResultPoints", summary = "List a value stream's result points", description = "By date (then id), optionally of one "
            + "category and within the period [from, to) of ISO dates (days as the stream's time zone counts them), "
            + "cursor-paginated.")
    @APIResponse(responseCode = "200", description = "One page")
    @APIResponse(responseCode = "400", description = "Bad from, to, limit or cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such value stream in the caller's tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Unknown category",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<PointView> list(@Parameter(description = VALUE_STREAM_ID) @PathParam("id") UUID id,
            @Parameter(description = "Only this category", example = "value") @QueryParam("category") String category,
            @Parameter(description = "First date, inclusive (yyyy-MM-dd)", example = "2026-01-01") @QueryParam("from") String from,
            @Parameter(description = "Date after the last, exclusive (yyyy-MM-dd)", example = "2026-04-01") @QueryParam("to") String to,
            @Parameter(description = "Page size, 1..500 (default 50)", schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page (opaque); omit for the first page") @QueryParam("cursor") String cursor) {
        return service.list(caller.tenant(), id, category, from, to, cursor, WindowParams.integer("limit", limit));
    }

    @GET
    @Path("value-streams/{id}/results/{pointId}")
    @RolesAllowed(Roles.READER)
    @Extension(name = "x-flowlens-roles", value = "[\"reader\"]", parseValue = true)
    @Operation(operationId = "getResultPoint", summary = "Get one result point", description = "Its category, date, value and note.")
    @APIResponse(responseCode = "200", description = "The point",
            content = @Content(schema = @Schema(implementation = PointView.class)))
    @APIResponse(responseCode = "404", description = "No such value stream in the tenant, or no such point in it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PointView get(@Parameter(description = VALUE_STREAM_ID) @PathParam("id") UUID id,
            @Parameter(description = "The result point's id") @PathParam("pointId") UUID pointId) {
        return service.get(caller.tenant(), id, pointId);
    }

    @POST
    @Path("value-streams/{id}/results")
    @RolesAllowed(Roles.MEMBER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = "x-flowlens-roles", value = "[\"member\"]", parseValue = true)
    @Operation(operationId = "createResultPoint", summary = "Add one result point", description = "Adds beside any points already on that date (a "
            + "correlation takes their mean). Not idempotent: to send points safely again, upload them.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "revenue", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = PointView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body (a date that is no yyyy-MM-dd, a value that is no "
            + "finite number, a control character in the note), each field named",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller's role may not write",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such value stream in the caller's tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Unknown category, or customer-centricity (fed from assessments)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@Parameter(description = VALUE_STREAM_ID) @PathParam("id") UUID id, @NotNull PointRequest request, @Context UriInfo uri) {
        PointView created = service.create(caller.tenant(), id, request);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                .entity(created).build();
    }

    @PUT
    @Path("value-streams/{id}/results/{pointId}")
    @RolesAllowed(Roles.MEMBER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = "x-flowlens-roles", value = "[\"member\"]", parseValue = true)
    @Operation(operationId = "correctResultPoint", summary = "Correct a result point", description = "Replaces its category, date, value and note.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "revenue", value = EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Corrected",
            content = @Content(schema = @Schema(implementation = PointView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body, each field named",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such value stream in the tenant, or no such point in it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Unknown category, or customer-centricity",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PointView correct(@Parameter(description = VALUE_STREAM_ID) @PathParam("id") UUID id,
            @Parameter(description = "The result point's id") @PathParam("pointId") UUID pointId,
            @NotNull PointRequest request) {
        return service.correct(caller.tenant(), id, pointId, request);
    }

    @DELETE
    @Path("value-streams/{id}/results/{pointId}")
    @RolesAllowed(Roles.MEMBER)
    @Extension(name = "x-flowlens-roles", value = "[\"member\"]", parseValue = true)
    @Operation(operationId = "deleteResultPoint", summary = "Delete a result point", description = "Only this point; others on the same date stay.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such value stream in the tenant, or no such point in it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void delete(@Parameter(description = VALUE_STREAM_ID) @PathParam("id") UUID id,
            @Parameter(description = "The result point's id") @PathParam("pointId") UUID pointId) {
        service.delete(caller.tenant(), id, pointId);
    }

    @POST
    @Path("value-streams/{id}/results/imports")
    @RolesAllowed(Roles.MEMBER)
    @Consumes({ CSV, MediaType.APPLICATION_JSON })
    @Extension(name = "x-flowlens-roles", value = "[\"member\"]", parseValue = true)
    @Operation(operationId = "importResultPoints", summary = "Upload many result points, as CSV or JSON", description = UPLOAD)
    @RequestBody(content = {
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "csv", value = CSV_EXAMPLE)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PointRequest[].class),
                    examples = @ExampleObject(name = "json", value = JSON_EXAMPLE)) })
    @APIResponse(responseCode = "200", description = "Imported",
            content = @Content(schema = @Schema(implementation = ImportReport.class)))
    @APIResponse(responseCode = "400", description = "invalid-import: every fault named by line or index (at most 100 "
            + "listed, errorsTotal says how many); nothing was stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such value stream in the caller's tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "More points than the limit (50,000 by default) or a body over 10 MB",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Neither text/csv nor application/json",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Every fault is an unknown (or not writable) category; nothing was stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ImportReport upload(@Parameter(description = VALUE_STREAM_ID) @PathParam("id") UUID id, byte[] body, @Context HttpHeaders headers) throws IOException {
        String tenant = caller.tenant();
        byte[] bytes = body == null ? new byte[0] : body;
        if (MediaType.APPLICATION_JSON_TYPE.isCompatible(headers.getMediaType())) {
            JsonNode root = mapper.readTree(bytes); // strict: a duplicate key or trailing content is a 400 here
            return service.importJson(tenant, id, root == null ? mapper.missingNode() : root);
        }
        return service.importCsv(tenant, id, utf8(bytes));
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ApiException(400, "invalid-import", "Import rejected", "the file is not UTF-8 text; save it as "
                    + "CSV UTF-8", null);
        }
    }
}
