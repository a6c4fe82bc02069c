package io.flowlens.metrics.forecast;

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
import io.flowlens.metrics.flow.FlowService;
import io.flowlens.metrics.flow.WindowParams;

/** Monte Carlo forecasts for a value stream or the portfolio. */
@Path("/api/v1")
@Tag(name = "Forecasts", description = "Monte Carlo over the daily throughput of a recent period (default 90 days, "
        + "today excluded), 10,000 simulated futures by default, answered at 50/85/95% confidence; seed makes a "
        + "forecast repeatable (the response names the seed it used).")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.READER)
@APIResponse(responseCode = "400", description = "A bad parameter, named in errors[].pointer",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "200", description = "The forecast",
        content = @Content(schema = @Schema(implementation = Forecast.class)))
public class ForecastResource {

    static final String HISTORY = "Days of throughput history to draw from, 1..1830 (default 90)";
    static final String TRIALS = "Simulated futures (default 10,000)";
    static final String SEED = "Seed of the random draws: the same seed gives the same forecast";

    @Inject
    ForecastService forecasts;

    @Inject
    FlowService flows;

    @Inject
    CurrentCaller caller;

    @GET
    @Path("value-streams/{id}/forecast/how-many")
    @Operation(summary = "How many items will a value stream finish by a date?",
            description = "Simulates each day from today through `until` (inclusive).")
    @APIResponse(responseCode = "404", description = "No such value stream in the caller's tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Forecast howMany(@PathParam("id") UUID id,
            @Parameter(description = "Last day, ISO date, today or later", required = true) @QueryParam("until") String until,
            @Parameter(description = HISTORY) @QueryParam("historyDays") String historyDays,
            @Parameter(description = TRIALS) @QueryParam("trials") String trials,
            @Parameter(description = SEED) @QueryParam("seed") String seed) {
        return forecasts.howMany(flows.valueStream(caller.tenant(), id), WindowParams.date("until", until), WindowParams.integer("historyDays", historyDays),
                WindowParams.integer("trials", trials), WindowParams.number("seed", seed));
    }

    @GET
    @Path("portfolio/forecast/how-many")
    @Operation(summary = "How many items will the portfolio finish by a date?",
            description = "Simulates each day from today through `until` (inclusive).")
    public Forecast portfolioHowMany(
            @Parameter(description = "Last day, ISO date, today or later", required = true) @QueryParam("until") String until,
            @Parameter(description = "IANA time zone: UTC (default) or the zone of one of the tenant's value streams") @QueryParam("zone") String zone,
            @Parameter(description = HISTORY) @QueryParam("historyDays") String historyDays,
            @Parameter(description = TRIALS) @QueryParam("trials") String trials,
            @Parameter(description = SEED) @QueryParam("seed") String seed) {
        return forecasts.howMany(flows.portfolio(caller.tenant(), zone), WindowParams.date("until", until), WindowParams.integer("historyDays", historyDays),
                WindowParams.integer("trials", trials), WindowParams.number("seed", seed));
    }

    @GET
    @Path("value-streams/{id}/forecast/when")
    @Operation(summary = "When will a value stream have finished N more items?",
            description = "Day 1 is today; the answer is the earliest date by which the given share of simulated futures has finished.")
    @APIResponse(responseCode = "404", description = "No such value stream in the caller's tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Forecast when(@PathParam("id") UUID id,
            @Parameter(description = "Items to finish, ≥ 1", required = true) @QueryParam("items") String items,
            @Parameter(description = HISTORY) @QueryParam("historyDays") String historyDays,
            @Parameter(description = TRIALS) @QueryParam("trials") String trials,
            @Parameter(description = SEED) @QueryParam("seed") String seed) {
        return forecasts.when(flows.valueStream(caller.tenant(), id), WindowParams.number("items", items),
                WindowParams.integer("historyDays", historyDays), WindowParams.integer("trials", trials),
                WindowParams.number("seed", seed));
    }

    @GET
    @Path("portfolio/forecast/when")
    @Operation(summary = "When will the portfolio have finished N more items?",
            description = "Day 1 is today; the answer is the earliest date by which the given share of simulated futures has finished.")
    public Forecast portfolioWhen(
            @Parameter(description = "Items to finish, ≥ 1", required = true) @QueryParam("items") String items,
            @Parameter(description = "IANA time zone: UTC (default) or the zone of one of the tenant's value streams") @QueryParam("zone") String zone,
            @Parameter(description = HISTORY) @QueryParam("historyDays") String historyDays,
            @Parameter(description = TRIALS) @QueryParam("trials") String trials,
            @Parameter(description = SEED) @QueryParam("seed") String seed) {
        return forecasts.when(flows.portfolio(caller.tenant(), zone), WindowParams.number("items", items),
                WindowParams.integer("historyDays", historyDays), WindowParams.integer("trials", trials),
                WindowParams.number("seed", seed));
    }
}
