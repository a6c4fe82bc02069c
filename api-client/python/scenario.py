"""The partner scenario of api-client/README.md with the Python client that openapi-generator
generates from the merged OpenAPI document (package flowlens_client, in target/generated).

Env: FLOWLENS_BASE_URL (the gateway), FLOWLENS_API_KEY (a partner's key),
FLOWLENS_VALUE_STREAM_ID (a value stream of the key's tenant).
Prints one "scenario <step>: key=value ..." line per step; exits 1 on anything unexpected.
"""
import os
import sys
import uuid
from datetime import datetime, timedelta, timezone

import flowlens_client as flowlens
from flowlens_client.exceptions import ApiException

QUESTIONNAIRE = "ccm-2026.1"


def main() -> int:
    # Authentication: the API key as the bearer token of the document's "bearer" scheme.
    config = flowlens.Configuration(host=env("FLOWLENS_BASE_URL"), access_token=env("FLOWLENS_API_KEY"))
    value_stream = env("FLOWLENS_VALUE_STREAM_ID")
    with flowlens.ApiClient(config) as client:
        organisations = flowlens.OrganisationsApi(client)
        questionnaires = flowlens.QuestionnairesApi(client)
        assessments = flowlens.AssessmentsApi(client)
        benchmarks = flowlens.BenchmarksApi(client)
        flow_metrics = flowlens.FlowMetricsApi(client)
        forecasts = flowlens.ForecastsApi(client)

        # 1. An organisation to assess; industry, size band and region come from the documented lists.
        organisation = organisations.create_organisation(flowlens.CreateOrganisation(
            name="Acme Insurance (Python client)", industry="insurance", size_band="250-999", region="europe"))
        step("organisation", id=organisation.id)

        # 2. Every statement of the questionnaire answered (4 = mostly true).
        questionnaire = questionnaires.get_questionnaire(QUESTIONNAIRE)
        statements = [s.id for d in questionnaire.dimensions for s in d.statements]
        answers = {statement: 4 for statement in statements}

        # 3. Submitted with an Idempotency-Key, then the same request again, as a retry after a lost
        #    answer would: the second answer is the first result, marked Idempotent-Replayed: true.
        key = str(uuid.uuid4())
        submission = flowlens.SubmitAssessment(
            organisation_id=organisation.id, questionnaire_version=QUESTIONNAIRE, answers=answers)
        first = assessments.submit_assessment_with_http_info(submission, idempotency_key=key)
        step("assessment", id=first.data.id, index=first.data.index, replayed=replayed(first.headers))
        again = assessments.submit_assessment_with_http_info(submission, idempotency_key=key)
        step("replay", id=again.data.id, replayed=replayed(again.headers))

        # 4. How the result compares with others (figures only for a large enough cohort).
        benchmark = benchmarks.get_benchmark(first.data.id)
        step("benchmark", status=benchmark.status,
             percentileRank=benchmark.overall.percentile_rank if benchmark.overall else None)

        # 5. The value stream's flow metrics, cumulative flow and a forecast, over the last 30 days.
        today = datetime.now(timezone.utc).date()
        window = {"var_from": (today - timedelta(days=30)).isoformat(), "to": (today + timedelta(days=1)).isoformat()}
        flow = flow_metrics.get_flow_metrics(value_stream, **window)
        step("flow", velocity=flow.total.velocity, **{"from": window["var_from"], "to": window["to"]})
        cfd = flow_metrics.get_cumulative_flow(value_stream, **window)
        step("cfd", days=len(cfd.days or []))
        until, seed = (today + timedelta(days=14)).isoformat(), 42
        forecast = forecasts.forecast_how_many(value_stream, until=until, seed=seed, trials=1000)
        p85 = next((r.items for r in forecast.results or [] if r.confidence_percent == 85), None)
        step("forecast", until=until, seed=seed, completions=forecast.history.completions, p85=p85)

        # 6. A bad request: an assessment that answers one statement only. The answer is a typed
        #    problem (application/problem+json) naming each unanswered statement by JSON pointer.
        try:
            assessments.submit_assessment(flowlens.SubmitAssessment(
                organisation_id=organisation.id, questionnaire_version=QUESTIONNAIRE,
                answers={statements[0]: 4}))
            print("an incomplete assessment was accepted", file=sys.stderr)
            return 1
        except ApiException as refused:
            problem = flowlens.Problem.from_json(refused.body)
            step("problem", status=problem.status, type=problem.type, errors=len(problem.errors or []),
                 pointer=problem.errors[0].pointer if problem.errors else None)
    return 0


def replayed(headers) -> bool:
    return (headers or {}).get("Idempotent-Replayed") == "true"


def step(name: str, **fields) -> None:
    pairs = " ".join(f"{k}={fmt(v)}" for k, v in fields.items())
    print(f"scenario {name}: {pairs}", flush=True)


def fmt(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def env(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        print(f"{name} is not set", file=sys.stderr)
        sys.exit(2)
    return value


if __name__ == "__main__":
    try:
        sys.exit(main())
    except ApiException as failure:
        print(f"HTTP {failure.status}: {failure.body}", file=sys.stderr)
        sys.exit(1)
