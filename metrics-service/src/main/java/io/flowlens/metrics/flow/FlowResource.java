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
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.flowlens.common.csv.CsvBodyWriter;
import io.flowlens.common.http.Revalidated;
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
@Produces({MediaType.APPLICATION_JSON, CsvBodyWriter.MEDIA_TYPE})
@RolesAllowed(Roles.READER)
@Revalidated
@APIResponse(responseCode = "400", description = "A bad parameter, named in errors[].pointer: from not before to, "
        + "a window over 5 years, an unknown zone or bucket, a bad limit or cursor",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "401", description = "No valid identity",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "304", description = "Not modified: the answer still has the ETag named in If-None-Match",
        headers = {@Header(name = "ETag", description = FlowResource.ETAG, schema = @Schema(type = SchemaType.STRING)),
                @Header(name = "Cache-Control", description = FlowResource.CACHE, schema = @Schema(type = SchemaType.STRING))})
@APIResponse(responseCode = "406", description = "Accept names neither JSON nor CSV",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class FlowResource {

    static final String VALUE_STREAM_ID = "The value stream\'s id";

    static final String FROM = "Start of the window (inclusive): ISO date (start of that day in the zone) or instant";
    static final String TO = "End of the window (exclusive): ISO date or instant; default: tomorrow's start";
    static final String ZONE = "IANA time zone the portfolio's days are counted in: UTC (default) or the zone of "
            + "one of the tenant's value streams";
    static final String NOT_FOUND = "No such value stream in the caller's tenant";
    static final String ETAG = "Tag of this answer (weak, changes whenever the answer does); send it in If-None-Match "
            + "to get 304 while it still holds";
    static final String CACHE = "private, no-cache: a client may keep the answer but asks again each time (ETag)";
    static final String DISPOSITION = "CSV only: attachment; filename=\"...\"";
    static final String LINK = "CSV only: <the next page>; rel=\"next\", absent on the last page";
    static final String FLOW_CSV = "start,end,label,partial,velocity,flow_time_count,flow_time_mean_days,"
            + "flow_time_min_days,flow_time_max_days,flow_time_p50_days,flow_time_p85_days,flow_time_p95_days,"
            + "efficiency_percent,load_mean,load_max,load_at_end\r\n"
            + "2026-03-02T00:00:00Z,2026-03-09T00:00:00Z,2026-W10,false,12,12,6.4,0.5,21.2,4.9,10.1,15.3,38.5,17.29,19,18\r\n";
    static final String ITEMS_CSV = "item_id,key,title,flow_type,completed_at,work_started_at,flow_time_days,"
            + "active_time_days\r\n"
            + "8f14e45f-ceea-4a7b-9f4a-0c1b2d3e4f50,SHOP-142,Pay by invoice,feature,2026-03-04T15:02:11Z,"
            + "2026-02-25T09:30:00Z,7.23,3.1\r\n";
    static final String AGING_CSV = "item_id,key,title,flow_type,state,work_started_at,age_days,beyond_p85\r\n"
            + "8f14e45f-ceea-4a7b-9f4a-0c1b2d3e4f50,SHOP-150,Saved carts,feature,waiting,2026-02-01T08:00:00Z,31.4,true\r\n";
    static final String CFD_JSON = """
            {"subject": {"kind": "value-stream", "valueStreamId": "5b1c8f7e-2f0e-4c8a-9d43-0c7f3f1b2a10",
                         "name": "Checkout", "countSubtasks": false},
             "window": {"from": "2026-03-02T00:00:00Z", "to": "2026-03-04T00:00:00Z", "timeZone": "UTC",
                        "sampledDays": 2},
             "definitions": "flowlens-flow-2",
             "days": [{"day": "2026-03-02", "new": 14, "active": 9, "waiting": 4, "done": 310, "canceled": 12},
                      {"day": "2026-03-03", "new": 15, "active": 8, "waiting": 5, "done": 313, "canceled": 12}]}""";
    static final String CFD_CSV = "day,new,active,waiting,done,canceled\r\n2026-03-02,14,9,4,310,12\r\n";

    @Inject
    FlowService service;

    @Inject
    CurrentCaller caller;

    @GET
    @Path("value-streams/{id}/flow")
    @Extension(name = "x-flowlens-roles", value = "[\"reader\"]", parseValue = true)
    @Operation(operationId = "getFlowMetrics", summary = "The five flow metrics of a value stream", description = Definitions.METRICS + " "
            + Definitions.WINDOW)
    @APIResponse(responseCode = "200", description = "The figures",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FlowReport.class)),
                    @Content(mediaType = CsvBodyWriter.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING),
                            examples = @ExampleObject(name = "csv", value = FLOW_CSV))},
            headers = {@Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Cache-Control", description = CACHE, schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Content-Disposition", description = DISPOSITION, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "404", description = NOT_FOUND,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public FlowReport flow(@Parameter(description = VALUE_STREAM_ID) @PathParam("id") UUID id, @Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to,
            @Parameter(description = "Adds series per day, week (ISO, from Monday) or month", schema = @Schema(type = SchemaType.STRING, enumeration = {"day", "week", "month"})) @QueryParam("bucket") String bucket) {
        Subject subject = service.valueStream(caller.tenant(), id);
        return service.flow(subject, service.window(subject, from, to), WindowParams.bucket(bucket));
    }

    @GET
    @Path("portfolio/flow")
    @Extension(name = "x-flowlens-roles", value = "[\"reader\"]", parseValue = true)
    @Operation(operationId = "getPortfolioFlowMetrics", summary = "The five flow metrics of the tenant's whole portfolio", description = Definitions.METRICS
            + " " + Definitions.WINDOW)
    @APIResponse(responseCode = "200", description = "The figures",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FlowReport.class)),
                    @Content(mediaType = CsvBodyWriter.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING),
                            examples = @ExampleObject(name = "csv", value = FLOW_CSV))},
            headers = {@Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Cache-Control", description = CACHE, schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Content-Disposition", description = DISPOSITION, schema = @Schema(type = SchemaType.STRING))})
    public FlowReport portfolioFlow(@Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to,
            @Parameter(description = ZONE) @QueryParam("zone") String zone,
            @Parameter(description = "Adds series per day, week (ISO, from Monday) or month", schema = @Schema(type = SchemaType.STRING, enumeration = {"day", "week", "month"})) @QueryParam("bucket") String bucket) {
        Subject subject = service.portfolio(caller.tenant(), zone);
        return service.flow(subject, service.window(subject, from, to), WindowParams.bucket(bucket));
    }

    @GET
    @Path("value-streams/{id}/flow/items")
    @Extension(name = "x-flowlens-roles", value = "[\"reader\"]", parseValue = true)
    @Operation(operationId = "listFlowItems", summary = "The items a value stream completed in the window",
            description = "By completion instant, cursor-paginated: for scatter plots. " + Definitions.TIMELINE)
    @APIResponse(responseCode = "200", description = "One page",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FlowItemsPage.class)),
                    @Content(mediaType = CsvBodyWriter.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING),
                            examples = @ExampleObject(name = "csv", value = ITEMS_CSV))},
            headers = {@Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Cache-Control", description = CACHE, schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Content-Disposition", description = DISPOSITION, schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Link", description = LINK, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "404", description = NOT_FOUND,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public FlowItemsPage items(@Parameter(description = VALUE_STREAM_ID) @PathParam("id") UUID id, @Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to,
            @Parameter(description = "Page size, 1..500 (default 50)", schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page (opaque); omit for the first page") @QueryParam("cursor") String cursor) {
        Subject subject = service.valueStream(caller.tenant(), id);
        return service.items(subject, service.window(subject, from, to), cursor, WindowParams.integer("limit", limit));
    }

    @GET
    @Path("portfolio/flow/items")
    @Extension(name = "x-flowlens-roles", value = "[\"reader\"]", parseValue = true)
    @Operation(operationId = "listPortfolioFlowItems", summary = "The items the portfolio completed in the window",
            description = "By completion instant, cursor-paginated. " + Definitions.TIMELINE)
    @APIResponse(responseCode = "200", description = "One page",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FlowItemsPage.class)),
                    @Content(mediaType = CsvBodyWriter.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING),
                            examples = @ExampleObject(name = "csv", value = ITEMS_CSV))},
            headers = {@Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Cache-Control", description = CACHE, schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Content-Disposition", description = DISPOSITION, schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Link", description = LINK, schema = @Schema(type = SchemaType.STRING))})
    public FlowItemsPage portfolioItems(@Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to,
            @Parameter(description = ZONE) @QueryParam("zone") String zone,
            @Parameter(description = "Page size, 1..500 (default 50)", schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page (opaque); omit for the first page") @QueryParam("cursor") String cursor) {
        Subject subject = service.portfolio(caller.tenant(), zone);
        return service.items(subject, service.window(subject, from, to), cursor, WindowParams.integer("limit", limit));
    }

    @GET
    @Path("value-streams/{id}/aging")
    @Extension(name = "x-flowlens-roles", value = "[\"reader\"]", parseValue = true)
    @Operation(operationId = "getWorkItemAge", summary = "Work item age of a value stream's load now",
            description = "Items in active or waiting, oldest work start first, with age = now - work start, beside "
                    + "the nearest-rank flow-time percentiles of items completed in the recent days (default 90).")
    @APIResponse(responseCode = "200", description = "One page",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AgingReport.class)),
                    @Content(mediaType = CsvBodyWriter.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING),
                            examples = @ExampleObject(name = "csv", value = AGING_CSV))},
            headers = {@Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Cache-Control", description = CACHE, schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Content-Disposition", description = DISPOSITION, schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Link", description = LINK, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "404", description = NOT_FOUND,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AgingReport aging(@Parameter(description = VALUE_STREAM_ID) @PathParam("id") UUID id,
            @Parameter(description = "Page size, 1..500 (default 50)", schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page (opaque); omit for the first page") @QueryParam("cursor") String cursor) {
        return service.aging(service.valueStream(caller.tenant(), id), cursor, WindowParams.integer("limit", limit));
    }

    @GET
    @Path("portfolio/aging")
    @Extension(name = "x-flowlens-roles", value = "[\"reader\"]", parseValue = true)
    @Operation(operationId = "getPortfolioWorkItemAge", summary = "Work item age of the portfolio's load now",
            description = "Items in active or waiting, oldest first, beside recent flow-time percentiles.")
    @APIResponse(responseCode = "200", description = "One page",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AgingReport.class)),
                    @Content(mediaType = CsvBodyWriter.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING),
                            examples = @ExampleObject(name = "csv", value = AGING_CSV))},
            headers = {@Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Cache-Control", description = CACHE, schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Content-Disposition", description = DISPOSITION, schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Link", description = LINK, schema = @Schema(type = SchemaType.STRING))})
    public AgingReport portfolioAging(@Parameter(description = ZONE) @QueryParam("zone") String zone,
            @Parameter(description = "Page size, 1..500 (default 50)", schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page (opaque); omit for the first page") @QueryParam("cursor") String cursor) {
        return service.aging(service.portfolio(caller.tenant(), zone), cursor, WindowParams.integer("limit", limit));
    }

    @GET
    @Path("value-streams/{id}/cfd")
    @Extension(name = "x-flowlens-roles", value = "[\"reader\"]", parseValue = true)
    @Operation(operationId = "getCumulativeFlow", summary = "Cumulative flow of a value stream",
            description = "For each day ending inside the window, the items in each flow state at the day's end. "
                    + Definitions.WINDOW)
    @APIResponse(responseCode = "200", description = "Per day",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CfdReport.class),
                    examples = @ExampleObject(name = "two days", value = CFD_JSON)),
                    @Content(mediaType = CsvBodyWriter.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING),
                            examples = @ExampleObject(name = "csv", value = CFD_CSV))},
            headers = {@Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Cache-Control", description = CACHE, schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Content-Disposition", description = DISPOSITION, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "404", description = NOT_FOUND,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CfdReport cfd(@Parameter(description = VALUE_STREAM_ID) @PathParam("id") UUID id, @Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to) {
        Subject subject = service.valueStream(caller.tenant(), id);
        return service.cfd(subject, service.window(subject, from, to));
    }

    @GET
    @Path("portfolio/cfd")
    @Extension(name = "x-flowlens-roles", value = "[\"reader\"]", parseValue = true)
    @Operation(operationId = "getPortfolioCumulativeFlow", summary = "Cumulative flow of the portfolio",
            description = "For each day ending inside the window, the items in each flow state at the day's end. "
                    + Definitions.WINDOW)
    @APIResponse(responseCode = "200", description = "Per day",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CfdReport.class),
                    examples = @ExampleObject(name = "two days", value = CFD_JSON)),
                    @Content(mediaType = CsvBodyWriter.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING),
                            examples = @ExampleObject(name = "csv", value = CFD_CSV))},
            headers = {@Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Cache-Control", description = CACHE, schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Content-Disposition", description = DISPOSITION, schema = @Schema(type = SchemaType.STRING))})
    public CfdReport portfolioCfd(@Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to,
            @Parameter(description = ZONE) @QueryParam("zone") String zone) {
        Subject subject = service.portfolio(caller.tenant(), zone);
        return service.cfd(subject, service.window(subject, from, to));
    }
}
