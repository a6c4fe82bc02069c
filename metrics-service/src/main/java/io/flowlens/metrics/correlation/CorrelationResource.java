package io.flowlens.metrics.correlation;

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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.flowlens.common.identity.CurrentCaller;
import io.flowlens.common.identity.Roles;
import io.flowlens.common.problem.Problem;
import io.flowlens.metrics.calc.Bucket;
import io.flowlens.metrics.correlation.CorrelationViews.CorrelationReport;
import io.flowlens.metrics.correlation.CorrelationViews.RankingReport;
import io.flowlens.metrics.correlation.CorrelationViews.ResultSeriesList;
import io.flowlens.metrics.correlation.CorrelationViews.SummaryPage;
import io.flowlens.metrics.flow.FlowService;
import io.flowlens.metrics.flow.WindowParams;
import io.flowlens.metrics.timeline.Subject;

/**
 * Flow against outcomes: a flow series beside a result series (correlation, ranking, the result
 * series to choose from), for a value stream or the portfolio, and value streams side by side.
 */
// Same class path as the other /api/v1/value-streams/{id}/... resources, so the router sees them all.
@Path("/api/v1")
@Tag(name = "Flow against outcomes", description = "How strongly flow metrics and business results move together: "
        + "correlation, not cause")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.READER)
@APIResponse(responseCode = "401", description = "No valid identity",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The caller's role may not read",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class CorrelationResource {

    static final String ROLES = "[\"reader\"]";
    static final String FROM = "Start of the window: ISO date (start of that day in the zone) or instant; moved back "
            + "to the start of its bucket. Default: 730 days before to";
    static final String TO = "End of the window (exclusive): ISO date or instant; moved back to the start of its "
            + "bucket, and never past the start of the current bucket (still running). Default: the start of the "
            + "current bucket";
    static final String ZONE = "IANA time zone the portfolio's days, weeks and months are counted in: UTC (default) "
            + "or the zone of one of the tenant's value streams";
    static final String BUCKET = "Weeks (ISO, from Monday) or calendar months, in the stream's time zone";
    static final String LAG = "How many buckets after the flow the result is taken (0: the same bucket)";
    static final String FLOW = "The flow series: velocity (items completed), flowTimeP50 / flowTimeP85 (days, "
            + "nearest rank), efficiency (percent), loadMean (items), distribution (percent share of flowType among "
            + "the completed items)";
    static final String FLOW_TYPE = "The type whose share flow=distribution is; required with it, refused with the "
            + "other metrics";
    static final String CATEGORY = "The result category: value, cost, quality, happiness, customer-centricity or one "
            + "the tenant defined (GET .../result-series lists those with points)";
    static final String SERIES = "The series within the category when it holds several (customer-centricity: index "
            + "or a dimension); omit for a category that is one series";
    static final String HOW = "Both series per bucket (week or month) in the stream's time zone, over whole buckets "
            + "only: the window is moved back to bucket starts and ends before the current bucket. The flow series "
            + "comes from the same rules as the /flow series (unrounded); buckets before the first one with any work "
            + "(completions or load) are in no flow series. The result per bucket is the mean of its points, carried "
            + "forward from the last bucket with points where a bucket has none (also from before the window), never "
            + "before the first point. The flow of bucket i is paired with the result of bucket i + lag, both inside "
            + "the window. With at least 6 pairs: Spearman's ρ (average ranks for ties) and Pearson's r, each with "
            + "a 95% interval by Fisher's z, tanh(atanh(r) ± 1.96 / sqrt(n − 3)); fewer: no coefficient, \"too few "
            + "points\"; a series with one value in every pair: \"a series does not vary\". Coefficients are rounded "
            + "once to 4 decimals, half away from zero. Every answer carries the words \"correlation, not cause\".";
    static final String NOT_FOUND = "No such value stream in the caller's tenant";
    static final String BAD = "A bad parameter, named in errors[].pointer: from not before to, a window over 5 years "
            + "or without a whole ended bucket, an unknown bucket, lag outside 0..6, a missing or unknown flow or "
            + "flowType, a missing category, an unknown zone";
    static final String UNKNOWN = "An unknown category, or a series the category does not hold here "
            + "(errors[].pointer category or series)";

    @Inject
    CorrelationService service;

    @Inject
    SummaryService summaries;

    @Inject
    FlowService flow;

    @Inject
    CurrentCaller caller;

    @GET
    @Path("value-streams/{id}/correlation")
    @Operation(operationId = "getValueStreamFlowCorrelation", summary = "Correlate a flow series with a result series",
            description = HOW + " Role: reader.")
    @Extension(name = "x-flowlens-roles", value = ROLES, parseValue = true)
    @APIResponse(responseCode = "200", description = "The coefficients with n, intervals and the pairs",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CorrelationReport.class)))
    @APIResponse(responseCode = "400", description = BAD,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = UNKNOWN,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CorrelationReport correlation(
            @Parameter(description = "The value stream's id", required = true) @PathParam("id") UUID id,
            @Parameter(description = FLOW, required = true, schema = @Schema(type = SchemaType.STRING, enumeration = {
                    "velocity", "flowTimeP50", "flowTimeP85", "efficiency", "loadMean", "distribution" }))
            @QueryParam("flow") String flowMetric,
            @Parameter(description = FLOW_TYPE, schema = @Schema(type = SchemaType.STRING, enumeration = {
                    "feature", "defect", "risk", "debt" })) @QueryParam("flowType") String flowType,
            @Parameter(description = CATEGORY, required = true, example = "happiness") @QueryParam("category") String category,
            @Parameter(description = SERIES, example = "index") @QueryParam("series") String series,
            @Parameter(description = BUCKET, schema = @Schema(type = SchemaType.STRING, enumeration = { "week", "month" },
                    defaultValue = "week")) @QueryParam("bucket") String bucket,
            @Parameter(description = LAG, schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "6",
                    defaultValue = "0")) @QueryParam("lag") String lag,
            @Parameter(description = FROM, example = "2024-06-01") @QueryParam("from") String from,
            @Parameter(description = TO, example = "2026-06-01") @QueryParam("to") String to) {
        Subject subject = flow.valueStream(caller.tenant(), id);
        return correlate(subject, flowMetric, flowType, category, series, bucket, lag, from, to);
    }

    @GET
    @Path("portfolio/correlation")
    @Operation(operationId = "getPortfolioFlowCorrelation", summary = "Correlate the portfolio's flow with a result series",
            description = HOW + " The portfolio's result series are those a source keeps for the whole portfolio "
                    + "(the customer-centricity of an organisation linked to it); business results are kept per "
                    + "value stream. Role: reader.")
    @Extension(name = "x-flowlens-roles", value = ROLES, parseValue = true)
    @APIResponse(responseCode = "200", description = "The coefficients with n, intervals and the pairs",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CorrelationReport.class)))
    @APIResponse(responseCode = "400", description = BAD,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = UNKNOWN,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CorrelationReport portfolioCorrelation(
            @Parameter(description = FLOW, required = true, schema = @Schema(type = SchemaType.STRING, enumeration = {
                    "velocity", "flowTimeP50", "flowTimeP85", "efficiency", "loadMean", "distribution" }))
            @QueryParam("flow") String flowMetric,
            @Parameter(description = FLOW_TYPE, schema = @Schema(type = SchemaType.STRING, enumeration = {
                    "feature", "defect", "risk", "debt" })) @QueryParam("flowType") String flowType,
            @Parameter(description = CATEGORY, required = true, example = "customer-centricity") @QueryParam("category") String category,
            @Parameter(description = SERIES, example = "index") @QueryParam("series") String series,
            @Parameter(description = BUCKET, schema = @Schema(type = SchemaType.STRING, enumeration = { "week", "month" },
                    defaultValue = "week")) @QueryParam("bucket") String bucket,
            @Parameter(description = LAG, schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "6",
                    defaultValue = "0")) @QueryParam("lag") String lag,
            @Parameter(description = FROM, example = "2024-06-01") @QueryParam("from") String from,
            @Parameter(description = TO, example = "2026-06-01") @QueryParam("to") String to,
            @Parameter(description = ZONE, example = "Europe/Berlin") @QueryParam("zone") String zone) {
        Subject subject = flow.portfolio(caller.tenant(), zone);
        return correlate(subject, flowMetric, flowType, category, series, bucket, lag, from, to);
    }

    private CorrelationReport correlate(Subject subject, String flowMetric, String flowType, String category,
            String series, String bucket, String lag, String from, String to) {
        Bucket b = CorrelationParams.bucket(bucket);
        int k = CorrelationParams.lag(lag);
        return service.correlate(subject, from, to, b, k, CorrelationParams.flow(flowMetric, flowType), category,
                series);
    }

    static final String RANKING = "For one result series, every flow series (velocity, flow time p50 and p85, "
            + "efficiency, mean load, the share of each of the four types: 9) at every lag 0..6, ranked by |ρ|, with n, "
            + "both coefficients and their 95% intervals beside each, and couldBeChance where Spearman's interval "
            + "contains 0 or there is no coefficient. 63 correlations tested at once: some look strong by chance "
            + "alone, more so on few points; the answer says how to read it. The pairs of one entry: GET "
            + ".../correlation. Each correlation computed as there: ";

    @GET
    @Path("value-streams/{id}/correlation-ranking")
    @Operation(operationId = "rankValueStreamCorrelations", summary = "Which flow metric moves with this result",
            description = RANKING + HOW + " Role: reader.")
    @Extension(name = "x-flowlens-roles", value = ROLES, parseValue = true)
    @APIResponse(responseCode = "200", description = "Every flow series × lag, strongest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RankingReport.class)))
    @APIResponse(responseCode = "400", description = BAD,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = UNKNOWN,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RankingReport ranking(@Parameter(description = "The value stream's id", required = true) @PathParam("id") UUID id,
            @Parameter(description = CATEGORY, required = true, example = "happiness") @QueryParam("category") String category,
            @Parameter(description = SERIES, example = "index") @QueryParam("series") String series,
            @Parameter(description = BUCKET, schema = @Schema(type = SchemaType.STRING, enumeration = { "week", "month" },
                    defaultValue = "week")) @QueryParam("bucket") String bucket,
            @Parameter(description = FROM, example = "2024-06-01") @QueryParam("from") String from,
            @Parameter(description = TO, example = "2026-06-01") @QueryParam("to") String to) {
        Subject subject = flow.valueStream(caller.tenant(), id);
        return service.rank(subject, from, to, CorrelationParams.bucket(bucket), category, series);
    }

    @GET
    @Path("portfolio/correlation-ranking")
    @Operation(operationId = "rankPortfolioCorrelations", summary = "Which portfolio flow metric moves with this result",
            description = RANKING + HOW + " Role: reader.")
    @Extension(name = "x-flowlens-roles", value = ROLES, parseValue = true)
    @APIResponse(responseCode = "200", description = "Every flow series × lag, strongest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RankingReport.class)))
    @APIResponse(responseCode = "400", description = BAD,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = UNKNOWN,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RankingReport portfolioRanking(
            @Parameter(description = CATEGORY, required = true, example = "customer-centricity") @QueryParam("category") String category,
            @Parameter(description = SERIES, example = "index") @QueryParam("series") String series,
            @Parameter(description = BUCKET, schema = @Schema(type = SchemaType.STRING, enumeration = { "week", "month" },
                    defaultValue = "week")) @QueryParam("bucket") String bucket,
            @Parameter(description = FROM, example = "2024-06-01") @QueryParam("from") String from,
            @Parameter(description = TO, example = "2026-06-01") @QueryParam("to") String to,
            @Parameter(description = ZONE, example = "Europe/Berlin") @QueryParam("zone") String zone) {
        Subject subject = flow.portfolio(caller.tenant(), zone);
        return service.rank(subject, from, to, CorrelationParams.bucket(bucket), category, series);
    }

    @GET
    @Path("value-streams/{id}/result-series")
    @Operation(operationId = "listValueStreamResultSeries", summary = "The result series a correlation can use",
            description = "Every result series with points for the value stream, from every source (the tenant's "
                    + "business results; the customer-centricity index and dimensions of the linked organisation), "
                    + "by category then series, with the number of points and their first and last date. Not "
                    + "paginated: one entry per series. Role: reader.")
    @Extension(name = "x-flowlens-roles", value = ROLES, parseValue = true)
    @APIResponse(responseCode = "200", description = "The series",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ResultSeriesList.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ResultSeriesList resultSeries(
            @Parameter(description = "The value stream's id", required = true) @PathParam("id") UUID id) {
        return service.available(flow.valueStream(caller.tenant(), id));
    }

    @GET
    @Path("portfolio/result-series")
    @Operation(operationId = "listPortfolioResultSeries", summary = "The portfolio's result series",
            description = "Every result series a source keeps for the whole portfolio (the customer-centricity of an "
                    + "organisation linked to it; business results are per value stream), with the number of points "
                    + "and their first and last date. Role: reader.")
    @Extension(name = "x-flowlens-roles", value = ROLES, parseValue = true)
    @APIResponse(responseCode = "200", description = "The series",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ResultSeriesList.class)))
    @APIResponse(responseCode = "400", description = "An unknown zone",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ResultSeriesList portfolioResultSeries(
            @Parameter(description = ZONE, example = "Europe/Berlin") @QueryParam("zone") String zone) {
        return service.available(flow.portfolio(caller.tenant(), zone));
    }

    @GET
    @Path("portfolio/value-stream-summaries")
    @Operation(operationId = "listValueStreamSummaries", summary = "Value streams side by side",
            description = "The flow summary of several value streams for one window, each exactly as its own /flow "
                    + "gives it (without series; from and to read in each stream's time zone, default the 90 days up "
                    + "to today): the valueStreamId given, in that order (at most 50; an id not in the tenant is a 404), "
                    + "or without any, all of the tenant's value streams in creation order, cursor-paginated (limit "
                    + "1..50, default 20). Role: reader.")
    @Extension(name = "x-flowlens-roles", value = ROLES, parseValue = true)
    @APIResponse(responseCode = "200", description = "One flow summary per value stream",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SummaryPage.class)))
    @APIResponse(responseCode = "400", description = "A bad parameter, named in errors[].pointer: from not before to, "
            + "a window over 5 years, a bad id, more than 50 ids, a bad limit or cursor, limit or cursor with ids",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "A valueStreamId that is no value stream of the caller's tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SummaryPage valueStreamSummaries(
            @Parameter(description = "Value stream ids, repeated or comma-separated (at most 50); none: all of the "
                    + "tenant's", schema = @Schema(type = SchemaType.ARRAY, implementation = UUID.class))
            @QueryParam("valueStreamId") List<String> ids,
            @Parameter(description = "Start of the window (inclusive): ISO date (start of that day in each stream's "
                    + "zone) or instant", example = "2026-01-01") @QueryParam("from") String from,
            @Parameter(description = "End of the window (exclusive): ISO date or instant; default: tomorrow's start",
                    example = "2026-04-01") @QueryParam("to") String to,
            @Parameter(description = "Streams per page, 1..50 (default 20); only without valueStreamId",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "50", defaultValue = "20"))
            @QueryParam("limit") String limit,
            @Parameter(description = "Cursor from the previous page; only without valueStreamId")
            @QueryParam("cursor") String cursor) {
        return summaries.summaries(caller.tenant(), ids, from, to, cursor, WindowParams.integer("limit", limit));
    }
}
