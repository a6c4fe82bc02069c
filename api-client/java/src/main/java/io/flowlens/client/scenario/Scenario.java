package io.flowlens.client.scenario;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;

import io.flowlens.client.ApiClient;
import io.flowlens.client.ApiException;
import io.flowlens.client.ApiResponse;
import io.flowlens.client.api.AssessmentsApi;
import io.flowlens.client.api.BenchmarksApi;
import io.flowlens.client.api.FlowMetricsApi;
import io.flowlens.client.api.ForecastsApi;
import io.flowlens.client.api.OrganisationsApi;
import io.flowlens.client.api.QuestionnairesApi;
import io.flowlens.client.model.AssessmentResult;
import io.flowlens.client.model.Benchmark;
import io.flowlens.client.model.CfdReport;
import io.flowlens.client.model.CreateOrganisation;
import io.flowlens.client.model.FlowReport;
import io.flowlens.client.model.Forecast;
import io.flowlens.client.model.ForecastResult;
import io.flowlens.client.model.Organisation;
import io.flowlens.client.model.Problem;
import io.flowlens.client.model.Questionnaire;
import io.flowlens.client.model.QuestionnaireDimension;
import io.flowlens.client.model.QuestionnaireStatement;
import io.flowlens.client.model.SubmitAssessment;

/**
 * The partner scenario of api-client/README.md with the Java client that openapi-generator
 * generates from the merged OpenAPI document (java.net.http, Jackson).
 *
 * <p>Env: FLOWLENS_BASE_URL (the gateway), FLOWLENS_API_KEY (a partner's key),
 * FLOWLENS_VALUE_STREAM_ID (a value stream of the key's tenant). Prints one
 * {@code scenario <step>: key=value ...} line per step; exits 1 on anything unexpected.
 */
public final class Scenario {

    static final String QUESTIONNAIRE = "ccm-2026.1";

    public static void main(String[] args) {
        try {
            run(env("FLOWLENS_BASE_URL"), env("FLOWLENS_API_KEY"), UUID.fromString(env("FLOWLENS_VALUE_STREAM_ID")));
        } catch (ApiException e) {
            System.err.println("HTTP " + e.getCode() + ": " + e.getResponseBody());
            System.exit(1);
        }
    }

    static void run(String baseUrl, String apiKey, UUID valueStream) throws ApiException {
        ApiClient client = new ApiClient();
        client.updateBaseUri(baseUrl);
        // Authentication: the API key as a bearer token on every request (the native library
        // leaves credentials to a request interceptor).
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + apiKey));
        OrganisationsApi organisations = new OrganisationsApi(client);
        QuestionnairesApi questionnaires = new QuestionnairesApi(client);
        AssessmentsApi assessments = new AssessmentsApi(client);
        BenchmarksApi benchmarks = new BenchmarksApi(client);
        FlowMetricsApi flowMetrics = new FlowMetricsApi(client);
        ForecastsApi forecasts = new ForecastsApi(client);

        // 1. An organisation to assess; industry, size band and region come from the documented lists.
        Organisation organisation = organisations.createOrganisation(new CreateOrganisation()
                .name("Acme Insurance (Java client)")
                .industry(CreateOrganisation.IndustryEnum.INSURANCE)
                .sizeBand(CreateOrganisation.SizeBandEnum._250_999)
                .region(CreateOrganisation.RegionEnum.EUROPE), null);
        step("organisation", Map.of("id", organisation.getId()));

        // 2. Every statement of the questionnaire answered (4 = mostly true).
        Questionnaire questionnaire = questionnaires.getQuestionnaire(QUESTIONNAIRE);
        List<String> statements = questionnaire.getDimensions().stream().map(QuestionnaireDimension::getStatements)
                .flatMap(List::stream).map(QuestionnaireStatement::getId).toList();
        Map<String, Integer> answers = new LinkedHashMap<>();
        statements.forEach(statement -> answers.put(statement, 4));

        // 3. Submitted with an Idempotency-Key, then the same request again, as a retry after a lost
        //    answer would: the second answer is the first result, marked Idempotent-Replayed: true.
        String key = UUID.randomUUID().toString();
        SubmitAssessment submission = new SubmitAssessment().organisationId(organisation.getId())
                .questionnaireVersion(QUESTIONNAIRE).answers(answers);
        ApiResponse<AssessmentResult> first = assessments.submitAssessmentWithHttpInfo(submission, key);
        step("assessment", Map.of("id", first.getData().getId(), "index", first.getData().getIndex(),
                "replayed", replayed(first)));
        ApiResponse<AssessmentResult> again = assessments.submitAssessmentWithHttpInfo(submission, key);
        step("replay", Map.of("id", again.getData().getId(), "replayed", replayed(again)));

        // 4. How the result compares with others (figures only for a large enough cohort).
        Benchmark benchmark = benchmarks.getBenchmark(first.getData().getId(), null, null, null);
        step("benchmark", Map.of("status", benchmark.getStatus().getValue(), "percentileRank",
                benchmark.getOverall() == null ? "null" : benchmark.getOverall().getPercentileRank()));

        // 5. The value stream's flow metrics, cumulative flow and a forecast, over the last 30 days.
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String from = today.minusDays(30).toString();
        String to = today.plusDays(1).toString();
        FlowReport flow = flowMetrics.getFlowMetrics(valueStream, null, from, to);
        step("flow", Map.of("velocity", flow.getTotal().getVelocity(), "from", from, "to", to));
        CfdReport cfd = flowMetrics.getCumulativeFlow(valueStream, from, to);
        step("cfd", Map.of("days", cfd.getDays().size()));
        LocalDate until = today.plusDays(14);
        long seed = 42;
        Forecast forecast = forecasts.forecastHowMany(valueStream, until, null, seed, 1000);
        Object p85 = forecast.getResults().stream().filter(r -> r.getConfidencePercent() == 85).map(ForecastResult::getItems)
                .findFirst().map(Object.class::cast).orElse("null");
        step("forecast", Map.of("until", until, "seed", seed, "completions", forecast.getHistory().getCompletions(), "p85", p85));

        // 6. A bad request: an assessment that answers one statement only. The answer is a typed
        //    problem (application/problem+json) naming each unanswered statement by JSON pointer.
        try {
            assessments.submitAssessment(new SubmitAssessment().organisationId(organisation.getId())
                    .questionnaireVersion(QUESTIONNAIRE).answers(Map.of(statements.get(0), 4)), null);
            System.err.println("an incomplete assessment was accepted");
            System.exit(1);
        } catch (ApiException refused) {
            Problem problem;
            try {
                problem = client.getObjectMapper().readValue(refused.getResponseBody(), Problem.class);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("not a problem document: " + refused.getResponseBody(), e);
            }
            List<?> errors = problem.getErrors() == null ? List.of() : problem.getErrors();
            step("problem", Map.of("status", problem.getStatus(), "type", problem.getType(), "errors", errors.size(),
                    "pointer", errors.isEmpty() ? "null" : problem.getErrors().get(0).getPointer()));
        }
    }

    static boolean replayed(ApiResponse<?> response) {
        return response.getHeaders().entrySet().stream()
                .anyMatch(h -> h.getKey().equalsIgnoreCase("Idempotent-Replayed") && h.getValue().contains("true"));
    }

    static void step(String name, Map<String, ?> fields) {
        StringJoiner line = new StringJoiner(" ", "scenario " + name + ": ", "");
        fields.forEach((k, v) -> line.add(k + "=" + v));
        System.out.println(line);
    }

    static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            System.err.println(name + " is not set");
            System.exit(2);
        }
        return value;
    }

    private Scenario() {
    }
}
