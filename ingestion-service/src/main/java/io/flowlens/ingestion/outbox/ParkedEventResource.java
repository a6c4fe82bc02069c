package io.flowlens.ingestion.outbox;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import io.flowlens.common.problem.Problem;
import io.flowlens.ingestion.api.Page;

@Path("/api/v1/connections/{id}/parked-events")
@Tag(name = "Items")
@Produces(MediaType.APPLICATION_JSON)
public class ParkedEventResource {

    static final String EXAMPLE = "{\"eventId\":\"3f0c2a7e-9b1d-4c51-8f0e-2a7d3c9b1e55\",\"itemId\":"
            + "\"0b5e8f5c-6a7d-4f0e-9d3c-1b2a3c4d5e6f\",\"revision\":7,\"errors\":[{\"pointer\":\"/item/flowType\","
            + "\"detail\":\"must be one of feature, defect, risk, debt\"}],\"parkedAt\":\"2026-01-05T10:00:01Z\","
            + "\"attempts\":1,\"event\":{\"eventId\":\"3f0c2a7e-9b1d-4c51-8f0e-2a7d3c9b1e55\",\"type\":\"item.upserted\"}}";

    /** How many parked events were put back into the outbox. */
    @Schema(name = "RequeuedParkedEvents", description = "How many parked events were put back into the outbox",
            requiredProperties = "requeued")
    public record Requeued(@Schema(description = "Events put back into the outbox", example = "3") int requeued) {
    }

    /** One page of parked events, as the document names it (Page is generic). */
    @Schema(name = "ParkedEventPage", description = "One page of parked events", requiredProperties = "items")
    record ParkedEventPage(List<ParkedEventView> items,
            @Schema(nullable = true, description = "Pass as `cursor` for the next page; null on the last")
            String nextCursor) {
    }

    @Inject
    ParkedEvents parked;

    @Inject
    CurrentCaller caller;

    @GET
    @RolesAllowed(Roles.READER)
    @Operation(operationId = "listParkedEvents", summary = "Events of a connection that metrics-service refused",
            description = "Each with the reason (JSON Pointers into the event). A refused event is parked so that every"
                    + " other change keeps reaching the metrics; a newer revision of the same item supersedes it once"
                    + " delivered. Cursor pagination, ordered by event id.\n\nRole: reader.")
    @Extension(name = "x-flowlens-roles", value = "[\"reader\"]", parseValue = true)
    @APIResponse(responseCode = "200", description = "One page",
            content = @Content(schema = @Schema(implementation = ParkedEventPage.class), examples = @ExampleObject(name = "page", value = "{\"items\":[" + EXAMPLE
                    + "],\"nextCursor\":null}")))
    @APIResponse(responseCode = "400", description = "Bad limit or cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such connection for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<ParkedEventView> list(@Parameter(description = "The connection's id", example = "7d1f0c9e-4d7b-4d6e-9a53-2f6b7f0f3c11") @PathParam("id") UUID id,
            @Parameter(description = "Page size, 1 to 500 (default 50)",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "500",
                            defaultValue = "50")) @QueryParam("limit") Integer limit,
            @Parameter(description = "`nextCursor` of the previous page; omit for the first page") @QueryParam("cursor") String cursor) {
        return parked.list(caller.tenant(), id, limit, cursor);
    }

    @POST
    @Path("/retry")
    @RolesAllowed(Roles.MEMBER)
    @Operation(operationId = "retryParkedEvents", summary = "Send a connection's parked events again",
            description = "Puts every parked event of the connection back into the outbox, for after a fix (metrics-service"
                    + " upgraded to know a new flow type, say). An event refused again is parked again with the new reason."
                    + "\n\nRole: member.")
    @Extension(name = "x-flowlens-roles", value = "[\"member\"]", parseValue = true)

    @APIResponse(responseCode = "200", description = "How many were put back",
            content = @Content(schema = @Schema(implementation = Requeued.class),
                    examples = @ExampleObject(name = "requeued", value = "{\"requeued\":3}")))
    @APIResponse(responseCode = "404", description = "No such connection for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Requeued retry(@Parameter(description = "The connection's id", example = "7d1f0c9e-4d7b-4d6e-9a53-2f6b7f0f3c11") @PathParam("id") UUID id) {
        return new Requeued(parked.retry(caller.tenant(), id));
    }
}
