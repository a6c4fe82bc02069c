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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.flowlens.common.http.Revalidated;
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
@Revalidated
@APIResponse(responseCode = "400", description = "A bad parameter, named in errors[].pointer",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "200", description = "The forecast",
        content = @Content(schema = @Schema(implementation = Forecast.class), examples = @ExampleObject(name = "how many",
                value = """
                        {"subject": {"kind": "portfolio", "countSubtasks": false}, "definitions": "flowlens-flow-2",
                         "timeZone": "UTC", "history": {"from": "2025-12-02", "to": "2026-03-01", "days": 90, "completions": 412},
                         "trials": 10000, "seed": 42, "start": "2026-03-02", "until": "2026-03-31",
                         "results": [{"confidencePercent": 50, "items": 139}, {"confidencePercent": 85, "items": 126},
                                     {"confidencePercent": 95, "items": 119}]}""")),
        headers = {@Header(name = "ETag", description = "Tag of this answer (weak); a forecast without seed draws a "
                + "new one, so only a seeded forecast repeats its tag", schema = @Schema(type = SchemaType.STRING)),
                @Header(name = "Cache-Control", description = "private, no-cache", schema = @Schema(type = SchemaType.STRING))})
@APIResponse(responseCode = "304", description = "Not modified: the answer still has the ETag named in If-None-Match")
public class ForecastResource {

    static final String VALUE_STREAM_ID = "The value stream\'s id";

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
    @Extension(name = "x-flowlens-roles", value = "[\"reader\"]", parseValue = true)
    @Operation(operationId = "forecastHowMany", summary = "How many items will a value stream finish by a date?",
            description = "Simulates each day from today through `until` (inclusive).")
    @APIResponse(responseCode = "404", description = "No such value stream in the caller's tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Forecast howMany(@Parameter(description = VALUE_STREAM_ID) @PathParam("id") UUID id,
            @Parameter(description = "Last day, ISO date, today or later", required = true, schema = @Schema(type = SchemaType.STRING, format = "date"), example = "2026-12-31") @QueryParam("until") String until,
            @Parameter(description = HISTORY, schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "1830", defaultValue = "90")) @QueryParam("historyDays") String historyDays,
            @Parameter(description = TRIALS, schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "100000", defaultValue = "10000")) @QueryParam("trials") String trials,
            @Parameter(description = SEED, schema = @Schema(type = SchemaType.INTEGER, format = "int64"), example = "42") @QueryParam("seed") String seed) {
        return forecasts.howMany(flows.valueStream(caller.tenant(), id), WindowParams.date("until", until), WindowParams.integer("historyDays", historyDays),
                WindowParams.integer("trials", trials), WindowParams.number("seed", seed));
    }

    @GET
    @Path("portfolio/forecast/how-many")
    @Extension(name = "x-flowlens-roles", value = "[\"reader\"]", parseValue = true)
    @Operation(operationId = "forecastPortfolioHowMany", summary = "How many items will the portfolio finish by a date?",
            description = "Simulates each day from today through `until` (inclusive).")
    public Forecast portfolioHowMany(
            @Parameter(description = "Last day, ISO date, today or later", required = true, schema = @Schema(type = SchemaType.STRING, format = "date"), example = "2026-12-31") @QueryParam("until") String until,
            @Parameter(description = "IANA time zone: UTC (default) or the zone of one of the tenant's value streams") @QueryParam("zone") String zone,
            @Parameter(description = HISTORY, schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "1830", defaultValue = "90")) @QueryParam("historyDays") String historyDays,
            @Parameter(description = TRIALS, schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "100000", defaultValue = "10000")) @QueryParam("trials") String trials,
            @Parameter(description = SEED, schema = @Schema(type = SchemaType.INTEGER, format = "int64"), example = "42") @QueryParam("seed") String seed) {
        return forecasts.howMany(flows.portfolio(caller.tenant(), zone), WindowParams.date("until", until), WindowParams.integer("historyDays", historyDays),
                WindowParams.integer("trials", trials), WindowParams.number("seed", seed));
    }

    @GET
    @Path("value-streams/{id}/forecast/when")
    @Extension(name = "x-flowlens-roles", value = "[\"reader\"]", parseValue = true)
    @Operation(operationId = "forecastWhen", summary = "When will a value stream have finished N more items?",
            description = "Day 1 is today; the answer is the earliest date by which the given share of simulated futures has finished.")
    @APIResponse(responseCode = "404", description = "No such value stream in the caller's tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Forecast when(@Parameter(description = VALUE_STREAM_ID) @PathParam("id") UUID id,
            @Parameter(description = "Items to finish, 1..10,000,000", required = true, schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1", maximum = "10000000"), example = "30") @QueryParam("items") String items,
            @Parameter(description = HISTORY, schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "1830", defaultValue = "90")) @QueryParam("historyDays") String historyDays,
            @Parameter(description = TRIALS, schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "100000", defaultValue = "10000")) @QueryParam("trials") String trials,
            @Parameter(description = SEED, schema = @Schema(type = SchemaType.INTEGER, format = "int64"), example = "42") @QueryParam("seed") String seed) {
        return forecasts.when(flows.valueStream(caller.tenant(), id), WindowParams.number("items", items),
                WindowParams.integer("historyDays", historyDays), WindowParams.integer("trials", trials),
                WindowParams.number("seed", seed));
    }

    @GET
    @Path("portfolio/forecast/when")
    @Extension(name = "x-flowlens-roles", value = "[\"reader\"]", parseValue = true)
    @Operation(operationId = "forecastPortfolioWhen", summary = "When will the portfolio have finished N more items?",
            description = "Day 1 is today; the answer is the earliest date by which the given share of simulated futures has finished.")
    public Forecast portfolioWhen(
            @Parameter(description = "Items to finish, 1..10,000,000", required = true, schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1", maximum = "10000000"), example = "30") @QueryParam("items") String items,
            @Parameter(description = "IANA time zone: UTC (default) or the zone of one of the tenant's value streams") @QueryParam("zone") String zone,
            @Parameter(description = HISTORY, schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "1830", defaultValue = "90")) @QueryParam("historyDays") String historyDays,
            @Parameter(description = TRIALS, schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "100000", defaultValue = "10000")) @QueryParam("trials") String trials,
            @Parameter(description = SEED, schema = @Schema(type = SchemaType.INTEGER, format = "int64"), example = "42") @QueryParam("seed") String seed) {
        return forecasts.when(flows.portfolio(caller.tenant(), zone), WindowParams.number("items", items),
                WindowParams.integer("historyDays", historyDays), WindowParams.integer("trials", trials),
                WindowParams.number("seed", seed));
    }
}
