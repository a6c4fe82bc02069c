package io.flowlens.metrics.flow;

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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.flowlens.common.identity.CurrentCaller;
import io.flowlens.common.identity.Roles;
import io.flowlens.common.problem.Problem;
import io.flowlens.metrics.timeline.Subject;

/**
 * Flow metrics for a value stream ({@code /value-streams/{id}/...}) or the tenant's whole
 * portfolio ({@code /portfolio/...}); the same computation behind both.
 */
@Path("/api/v1")
@Tag(name = "Flow metrics", description = Definitions.TIMELINE)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.READER)
@APIResponse(responseCode = "400", description = "A bad parameter, named in errors[].pointer: from not before to, "
        + "a window over 5 years, an unknown zone or bucket, a bad limit or cursor",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "401", description = "No valid identity",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class FlowResource {

    static final String FROM = "Start of the window (inclusive): ISO date (start of that day in the zone) or instant";
    static final String TO = "End of the window (exclusive): ISO date or instant; default: tomorrow's start";
    static final String ZONE = "IANA time zone the portfolio's days are counted in: UTC (default) or the zone of "
            + "one of the tenant's value streams";
    static final String NOT_FOUND = "No such value stream in the caller's tenant";

    @Inject
    FlowService service;

    @Inject
    CurrentCaller caller;

    @GET
    @Path("value-streams/{id}/flow")
    @Operation(summary = "The five flow metrics of a value stream", description = Definitions.METRICS + " "
            + Definitions.WINDOW)
    @APIResponse(responseCode = "200", description = "The figures",
            content = @Content(schema = @Schema(implementation = FlowReport.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public FlowReport flow(@PathParam("id") UUID id, @Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to,
            @Parameter(description = "Adds series per day, week (ISO, from Monday) or month") @QueryParam("bucket") String bucket) {
        Subject subject = service.valueStream(caller.tenant(), id);
        return service.flow(subject, service.window(subject, from, to), WindowParams.bucket(bucket));
    }

    @GET
    @Path("portfolio/flow")
    @Operation(summary = "The five flow metrics of the tenant's whole portfolio", description = Definitions.METRICS
            + " " + Definitions.WINDOW)
    @APIResponse(responseCode = "200", description = "The figures",
            content = @Content(schema = @Schema(implementation = FlowReport.class)))
    public FlowReport portfolioFlow(@Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to,
            @Parameter(description = ZONE) @QueryParam("zone") String zone,
            @Parameter(description = "Adds series per day, week (ISO, from Monday) or month") @QueryParam("bucket") String bucket) {
        Subject subject = service.portfolio(caller.tenant(), zone);
        return service.flow(subject, service.window(subject, from, to), WindowParams.bucket(bucket));
    }

    @GET
    @Path("value-streams/{id}/flow/items")
    @Operation(summary = "The items a value stream completed in the window",
            description = "By completion instant, cursor-paginated: for scatter plots. " + Definitions.TIMELINE)
    @APIResponse(responseCode = "200", description = "One page",
            content = @Content(schema = @Schema(implementation = FlowItemsPage.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public FlowItemsPage items(@PathParam("id") UUID id, @Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to,
            @Parameter(description = "Page size, 1..500 (default 50)") @QueryParam("limit") String limit,
            @Parameter(description = "Cursor from the previous page") @QueryParam("cursor") String cursor) {
        Subject subject = service.valueStream(caller.tenant(), id);
        return service.items(subject, service.window(subject, from, to), cursor, WindowParams.integer("limit", limit));
    }

    @GET
    @Path("portfolio/flow/items")
    @Operation(summary = "The items the portfolio completed in the window",
            description = "By completion instant, cursor-paginated. " + Definitions.TIMELINE)
    @APIResponse(responseCode = "200", description = "One page",
            content = @Content(schema = @Schema(implementation = FlowItemsPage.class)))
    public FlowItemsPage portfolioItems(@Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to,
            @Parameter(description = ZONE) @QueryParam("zone") String zone,
            @Parameter(description = "Page size, 1..500 (default 50)") @QueryParam("limit") String limit,
            @Parameter(description = "Cursor from the previous page") @QueryParam("cursor") String cursor) {
        Subject subject = service.portfolio(caller.tenant(), zone);
        return service.items(subject, service.window(subject, from, to), cursor, WindowParams.integer("limit", limit));
    }

    @GET
    @Path("value-streams/{id}/aging")
    @Operation(summary = "Work item age of a value stream's load now",
            description = "Items in active or waiting, oldest work start first, with age = now - work start, beside "
                    + "the nearest-rank flow-time percentiles of items completed in the recent days (default 90).")
    @APIResponse(responseCode = "200", description = "One page",
            content = @Content(schema = @Schema(implementation = AgingReport.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AgingReport aging(@PathParam("id") UUID id,
            @Parameter(description = "Page size, 1..500 (default 50)") @QueryParam("limit") String limit,
            @Parameter(description = "Cursor from the previous page") @QueryParam("cursor") String cursor) {
        return service.aging(service.valueStream(caller.tenant(), id), cursor, WindowParams.integer("limit", limit));
    }

    @GET
    @Path("portfolio/aging")
    @Operation(summary = "Work item age of the portfolio's load now",
            description = "Items in active or waiting, oldest first, beside recent flow-time percentiles.")
    @APIResponse(responseCode = "200", description = "One page",
            content = @Content(schema = @Schema(implementation = AgingReport.class)))
    public AgingReport portfolioAging(@Parameter(description = ZONE) @QueryParam("zone") String zone,
            @Parameter(description = "Page size, 1..500 (default 50)") @QueryParam("limit") String limit,
            @Parameter(description = "Cursor from the previous page") @QueryParam("cursor") String cursor) {
        return service.aging(service.portfolio(caller.tenant(), zone), cursor, WindowParams.integer("limit", limit));
    }

    @GET
    @Path("value-streams/{id}/cfd")
    @Operation(summary = "Cumulative flow of a value stream",
            description = "For each day ending inside the window, the items in each flow state at the day's end. "
                    + Definitions.WINDOW)
    @APIResponse(responseCode = "200", description = "Per day",
            content = @Content(schema = @Schema(implementation = CfdReport.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CfdReport cfd(@PathParam("id") UUID id, @Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to) {
        Subject subject = service.valueStream(caller.tenant(), id);
        return service.cfd(subject, service.window(subject, from, to));
    }

    @GET
    @Path("portfolio/cfd")
    @Operation(summary = "Cumulative flow of the portfolio",
            description = "For each day ending inside the window, the items in each flow state at the day's end. "
                    + Definitions.WINDOW)
    @APIResponse(responseCode = "200", description = "Per day",
            content = @Content(schema = @Schema(implementation = CfdReport.class)))
    public CfdReport portfolioCfd(@Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to,
            @Parameter(description = ZONE) @QueryParam("zone") String zone) {
        Subject subject = service.portfolio(caller.tenant(), zone);
        return service.cfd(subject, service.window(subject, from, to));
    }
}
