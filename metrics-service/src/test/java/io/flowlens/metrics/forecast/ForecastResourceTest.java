package io.flowlens.metrics.forecast;

import static io.flowlens.metrics.Fixtures.as;
import static io.flowlens.metrics.Fixtures.newTenant;
import static io.flowlens.metrics.Fixtures.scope;
import static io.flowlens.metrics.Fixtures.upsert;
import static io.flowlens.metrics.Fixtures.valueStream;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.flowlens.common.identity.Roles;
import io.flowlens.metrics.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Forecasts over HTTP: a history of exactly two completions every day makes every simulated
 * future identical, so the answers are known; seeds repeat; parameters are checked.
 */
@QuarkusTest
class ForecastResourceTest {

    /** Two items completed at noon UTC on each of the 90 days before today. */
    static String steadyTenant() {
        String t = newTenant();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<Map<String, Object>> events = new ArrayList<>();
        for (int d = 1; d <= 90; d++) {
            String day = today.minusDays(d).toString();
            for (int k = 0; k < 2; k++) {
                events.add(upsert(t, "i" + d + "-" + k, 1, "c1", "shop", "feature", List.of(),
                        day + "T08:00:00Z", day + "T09:00:00Z", "active", day + "T12:00:00Z", "done"));
            }
        }
        Fixtures.service().contentType(ContentType.JSON).body(Map.of("events", events))
                .post("/internal/v1/item-events").then().statusCode(200);
        return t;
    }

    static ValidatableResponse get(String tenant, String path) {
        return as(tenant, Roles.READER).get(path).then();
    }

    @Test
    void aSteadyHistoryGivesAKnownForecast() {
        String t = steadyTenant();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String vs = valueStream(t, "Shop", "UTC", List.of(scope("c1", "shop")));
        get(t, "/api/v1/value-streams/" + vs + "/forecast/how-many?until=" + today.plusDays(9)).statusCode(200)
                .body("definitions", equalTo("flowlens-flow-2"))
                .body("history.days", equalTo(90)).body("history.completions", equalTo(180))
                .body("history.to", equalTo(today.minusDays(1).toString()))
                .body("trials", equalTo(10_000)).body("seed", notNullValue())
                .body("start", equalTo(today.toString()))
                .body("results.confidencePercent", equalTo(List.of(50, 85, 95)))
                .body("results.items", equalTo(List.of(20, 20, 20)));
        get(t, "/api/v1/value-streams/" + vs + "/forecast/when?items=7").statusCode(200)
                .body("items", equalTo(7))
                .body("results.date", equalTo(List.of(today.plusDays(3).toString(), today.plusDays(3).toString(),
                        today.plusDays(3).toString())));
        get(t, "/api/v1/portfolio/forecast/when?items=7&historyDays=30").statusCode(200)
                .body("history.completions", equalTo(60)).body("results[2].date", equalTo(today.plusDays(3).toString()));
    }

    @Test
    void theSameSeedGivesTheSameForecast() {
        String t = newTenant();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<Map<String, Object>> events = new ArrayList<>();
        for (int d = 1; d <= 60; d += (d % 3) + 1) {
            String day = today.minusDays(d).toString();
            for (int k = 0; k < d % 4; k++) {
                events.add(upsert(t, "i" + d + "-" + k, 1, "c1", "shop", "defect", List.of(), day + "T08:00:00Z",
                        day + "T09:00:00Z", "active", day + "T10:00:00Z", "done"));
            }
        }
        Fixtures.service().contentType(ContentType.JSON).body(Map.of("events", events))
                .post("/internal/v1/item-events").then().statusCode(200);
        String path = "/api/v1/portfolio/forecast/how-many?until=" + today.plusDays(30) + "&seed=12345&trials=2000";
        List<Integer> first = get(t, path).statusCode(200).body("seed", equalTo(12345)).extract().path("results.items");
        get(t, path).statusCode(200).body("results.items", equalTo(first));
        String when = "/api/v1/portfolio/forecast/when?items=40&seed=99";
        List<String> dates = get(t, when).statusCode(200).extract().path("results.date");
        get(t, when).statusCode(200).body("results.date", equalTo(dates));
    }

    @Test
    void withoutThroughputNothingIsForecast() {
        String t = newTenant();
        get(t, "/api/v1/portfolio/forecast/when?items=5").statusCode(200)
                .body("history.completions", equalTo(0)).body("results[0].date", nullValue());
        get(t, "/api/v1/portfolio/forecast/how-many?until=" + LocalDate.now(ZoneOffset.UTC).plusDays(5))
                .statusCode(200).body("results.items", equalTo(List.of(0, 0, 0)));
    }

    @Test
    void badParametersAre400sNamingTheParameter() {
        String t = newTenant();
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(2).toString();
        Map<String, String> cases = Map.of(
                "/api/v1/portfolio/forecast/how-many", "until",
                "/api/v1/portfolio/forecast/how-many?until=soon", "until",
                "/api/v1/portfolio/forecast/how-many?until=" + yesterday, "until",
                "/api/v1/portfolio/forecast/how-many?until=2099-01-01", "until",
                "/api/v1/portfolio/forecast/when", "items",
                "/api/v1/portfolio/forecast/when?items=0", "items",
                "/api/v1/portfolio/forecast/when?items=5&trials=lots", "trials",
                "/api/v1/portfolio/forecast/when?items=5&trials=0", "trials",
                "/api/v1/portfolio/forecast/when?items=5&historyDays=0", "historyDays",
                "/api/v1/portfolio/forecast/when?items=5&seed=x", "seed");
        cases.forEach((path, parameter) -> get(t, path).statusCode(400).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo(parameter)));
        get(t, "/api/v1/portfolio/forecast/when?items=5&zone=Atlantis").statusCode(400)
                .body("errors[0].pointer", equalTo("zone"));
    }
}
