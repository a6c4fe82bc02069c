package io.flowlens.ingestion.item;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.flowlens.common.identity.CurrentCaller;
import io.flowlens.common.identity.Roles;
import io.flowlens.common.problem.ApiException;
import io.flowlens.common.problem.Problem;
import io.flowlens.ingestion.api.Page;

@Path("/api/v1")
@Tag(name = "Items", description = "Canonical work items derived from trackers' events")
@Produces(MediaType.APPLICATION_JSON)
public class ItemResource {

    static final String ITEM = "{\"id\":\"0b8e5d7c-2f1a-4c3e-9d6b-5a4f3e2d1c0b\",\"connectionId\":"
            + "\"7d1f0c9e-4d7b-4d6e-9a53-2f6b7f0f3c11\",\"project\":\"acme/shop\",\"key\":\"#42\",\"title\":"
            + "\"Checkout fails on Safari\",\"trackerType\":null,\"flowType\":\"defect\",\"flowState\":\"done\","
            + "\"labels\":[\"bug\"],\"createdAt\":\"2025-12-01T09:00:00Z\",\"revision\":3,"
            + "\"updatedAt\":\"2025-12-04T16:00:01Z\"}";

    /** One page of items, as the document names it (Page is generic). */
    @Schema(name = "ItemPage", description = "One page of canonical items", requiredProperties = "items")
    record ItemPage(List<ItemView> items,
            @Schema(nullable = true, description = "Pass as `cursor` for the next page; null on the last")
            String nextCursor) {
    }

    @Inject
    ItemQueries items;

    @Inject
    CurrentCaller caller;

    @GET
    @Path("/items")
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "listItems", summary = "List canonical items", description = "Filters combine; cursor"
            + " pagination ordered by id. Deleted items are not listed.\n\nRole: reader.")
    @Extension(name = "x-flowlens-roles", value = "[\"reader\"]", parseValue = true)
    @APIResponse(responseCode = "200", description = "One page",
            content = @Content(schema = @Schema(implementation = ItemPage.class), examples = @ExampleObject(name = "page", value = "{\"items\":[" + ITEM
                    + "],\"nextCursor\":null}")))
    @APIResponse(responseCode = "400", description = "A filter, limit or cursor is wrong",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<ItemView> list(
            @Parameter(description = "Only items of this connection", example = "7d1f0c9e-4d7b-4d6e-9a53-2f6b7f0f3c11")
            @QueryParam("connectionId") UUID connectionId,
            @Parameter(description = "Only items of this repository, project or board key", example = "acme/shop")
            @QueryParam("project") String project,
            @Parameter(description = "Only items of this flow type", schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"feature", "defect", "risk", "debt"})) @QueryParam("flowType") String flowType,
            @Parameter(description = "Only items now in this flow state", schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"new", "active", "waiting", "done", "canceled"}))
            @QueryParam("flowState") String flowState,
            @Parameter(description = "Only items changed at or after this instant (ISO-8601, UTC)",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time"), example = "2026-01-05T10:00:00Z")
            @QueryParam("updatedSince") String updatedSince,
            @Parameter(description = "Page size, 1 to 500 (default 50)",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "500",
                            defaultValue = "50")) @QueryParam("limit") Integer limit,
            @Parameter(description = "`nextCursor` of the previous page; omit for the first page") @QueryParam("cursor") String cursor) {
        return items.list(caller.tenant(), new ItemQueries.Filter(connectionId, project, flowType, flowState,
                instant("updatedSince", updatedSince)), limit, cursor);
    }

    @GET
    @Path("/items/{id}")
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "getItem", summary = "Read an item",
            description = "The item's canonical attributes: flow type, flow state, labels and revision.\n\nRole: reader.")
    @Extension(name = "x-flowlens-roles", value = "[\"reader\"]", parseValue = true)

    @APIResponse(responseCode = "200", description = "The item",
            content = @Content(schema = @Schema(implementation = ItemView.class),
                    examples = @ExampleObject(name = "item", value = ITEM)))
    @APIResponse(responseCode = "404", description = "No such item for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ItemView get(@Parameter(description = "The item's id", example = "0b8e5d7c-2f1a-4c3e-9d6b-5a4f3e2d1c0b")
            @PathParam("id") UUID id) {
        return items.get(caller.tenant(), id);
    }

    @GET
    @Path("/items/{id}/timeline")
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "getItemTimeline", summary = "An item's timeline", description = "Every status change"
            + " the tracker reported, ordered by the instants in the payloads, with the flow state it means and the raw"
            + " event or import it came from.\n\nRole: reader.")
    @Extension(name = "x-flowlens-roles", value = "[\"reader\"]", parseValue = true)

    @APIResponse(responseCode = "200", description = "The timeline",
            content = @Content(schema = @Schema(implementation = TimelineView.class),
                    examples = @ExampleObject(name = "timeline", value = "{\"itemId\":"
                            + "\"0b8e5d7c-2f1a-4c3e-9d6b-5a4f3e2d1c0b\",\"key\":\"#42\",\"flowState\":\"done\","
                            + "\"transitions\":[{\"at\":\"2025-12-01T09:00:00Z\",\"trackerStatus\":\"open\","
                            + "\"flowState\":\"new\",\"mapped\":true,\"rawEventId\":"
                            + "\"5c0e7a1d-3b2f-4e6a-8d9c-1f2e3d4c5b6a\",\"importId\":null}],"
                            + "\"states\":[{\"at\":\"2025-12-01T09:00:00Z\",\"state\":\"new\"}]}")))
    @APIResponse(responseCode = "404", description = "No such item for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TimelineView timeline(
            @Parameter(description = "The item's id", example = "0b8e5d7c-2f1a-4c3e-9d6b-5a4f3e2d1c0b")
            @PathParam("id") UUID id) {
        return items.timeline(caller.tenant(), id);
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badParameter(name, "is not an ISO-8601 instant such as 2026-01-05T10:00:00Z");
        }
    }
}
