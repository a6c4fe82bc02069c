package io.flowlens.metrics.bottleneck;

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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.flowlens.common.identity.CurrentCaller;
import io.flowlens.common.identity.Roles;
import io.flowlens.common.problem.Problem;
import io.flowlens.metrics.calc.Window;
import io.flowlens.metrics.flow.FlowService;
import io.flowlens.metrics.timeline.Subject;

/**
 * Where the time goes: time in status for a value stream or the whole portfolio. Windows, zones
 * and the stream's scopes are read exactly as the flow metrics read them.
 */
@Path("/api/v1")
@Tag(name = "Flow metrics")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.READER)
public class TimeInStatusResource {

    static final String DEFINITION = "Time in status is the time each item spent in each tracker status between its "
            + "work start and its completion (for the items completed in the window) or `to` (for the items in the "
            + "load at `to`), by the rules of flow time: the timeline its instants describe, the last transition at "
            + "an instant decides, time moved back to `new` after work start counts. Per status: total, mean per item "
            + "that held it, items, its flow state and its share of the summed flow time; the waiting statuses ranked "
            + "by total time; the same per flow type. An item whose events carried no tracker statuses shows its time "
            + "by flow state, without `status`, and is counted in `itemsWithoutStatuses`. Days are rounded to 4 "
            + "decimals and percentages to 2, once, half away from zero. Role: reader.";
    static final String FROM = "Start of the window (inclusive): an ISO date (the start of that day in the zone) or an "
            + "instant; default: 90 days before `to`";
    static final String TO = "End of the window (exclusive): an ISO date or an instant; default: the start of tomorrow "
            + "in the zone";
    static final String BAD = "A bad parameter, named in errors[].pointer: a from or to that is neither a date nor an "
            + "instant, from not before to, a window over 5 years, an unknown zone";

    @Inject
    FlowService flow;

    @Inject
    StatusTimeQueries queries;

    @Inject
    CurrentCaller caller;

    @GET
    @Path("value-streams/{id}/time-in-status")
    @Operation(operationId = "getValueStreamTimeInStatus", summary = "Where the time goes in a value stream",
            description = DEFINITION + " Dates are read in the value stream's time zone.")
    @Extension(name = "x-flowlens-roles", value = "[\"reader\"]", parseValue = true)
    @APIResponse(responseCode = "200", description = "Time in status",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TimeInStatusReport.class)))
    @APIResponse(responseCode = "400", description = BAD,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid identity",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller's role may not read",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such value stream in the caller's tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TimeInStatusReport valueStream(
            @Parameter(description = "The value stream", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("id") UUID id,
            @Parameter(description = FROM, schema = @Schema(type = SchemaType.STRING), example = "2026-01-01")
            @QueryParam("from") String from,
            @Parameter(description = TO, schema = @Schema(type = SchemaType.STRING), example = "2026-04-01")
            @QueryParam("to") String to) {
        Subject subject = flow.valueStream(caller.tenant(), id);
        return report(subject, flow.window(subject, from, to));
    }

    @GET
    @Path("portfolio/time-in-status")
    @Operation(operationId = "getPortfolioTimeInStatus", summary = "Where the time goes in the whole portfolio",
            description = DEFINITION + " Covers every item of the tenant (sub-tasks counted in their parents).")
    @Extension(name = "x-flowlens-roles", value = "[\"reader\"]", parseValue = true)
    @APIResponse(responseCode = "200", description = "Time in status",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TimeInStatusReport.class)))
    @APIResponse(responseCode = "400", description = BAD,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid identity",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller's role may not read",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TimeInStatusReport portfolio(
            @Parameter(description = FROM, schema = @Schema(type = SchemaType.STRING), example = "2026-01-01")
            @QueryParam("from") String from,
            @Parameter(description = TO, schema = @Schema(type = SchemaType.STRING), example = "2026-04-01")
            @QueryParam("to") String to,
            @Parameter(description = "IANA time zone the dates are read in: UTC (default) or the zone of one of the "
                    + "tenant's value streams", schema = @Schema(type = SchemaType.STRING), example = "Europe/Berlin")
            @QueryParam("zone") String zone) {
        Subject subject = flow.portfolio(caller.tenant(), zone);
        return report(subject, flow.window(subject, from, to));
    }

    private TimeInStatusReport report(Subject subject, Window window) {
        return TimeInStatusReport.of(subject.valueStreamId(), subject.zone().getId(), window.from(), window.to(),
                queries.completed(subject, window.from(), window.to()), queries.loadAt(subject, window.to()));
    }
}
