package io.flowlens.assessment.benchmark;

import static io.flowlens.assessment.support.Api.as;
import static io.flowlens.assessment.support.Api.partner;
import static io.flowlens.assessment.support.Api.submission;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.flowlens.assessment.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Benchmarks across tenants: the 10-others threshold, the broader cohort suggested, and percentile
 * rank and quartiles on a hand-computed cohort. Each test publishes its own questionnaire version so
 * that no other test's submissions join its cohorts.
 */
@QuarkusTest
class BenchmarkTest {

    private String version;

    @BeforeEach
    void ownVersion() {
        version = Api.publishSmallVersion("bench");
    }

    private String scored(String tenant, String industry, String size, int answer) {
        String org = Api.createOrganisation(tenant, industry, size, "europe");
        return partner(tenant).body(submission(org, version, Map.of("a.1", answer, "b.1", answer)))
                .post("/api/v1/assessments").then().statusCode(201).extract().path("id");
    }

    private ValidatableResponse benchmark(String tenant, String assessment, String industry, String size) {
        return as(tenant, "reader").queryParam("industry", industry).queryParam("size", size)
                .get("/api/v1/assessments/" + assessment + "/benchmark").then().statusCode(200);
    }

    @Test
    void nineOthersIsTooSmallTenIsShown() {
        String us = Api.newTenant();
        String peers = Api.newTenant(); // the cohort spans tenants; no answers are revealed
        String ours = scored(us, "software", "50-249", 3); // 50
        for (int i = 0; i < 4; i++) {
            scored(peers, "software", "50-249", 1); // 0
        }
        for (int i = 0; i < 3; i++) {
            scored(peers, "software", "50-249", 3); // 50
        }
        for (int i = 0; i < 2; i++) {
            scored(peers, "software", "50-249", 5); // 100
        }
        for (int i = 0; i < 5; i++) {
            scored(peers, "software", "1-49", 4); // same industry, another size
        }
        scored(peers, "retail", "50-249", 2); // another industry, same size

        // Nine others in software × 50-249: too small, no figures; software alone holds 14 others.
        benchmark(us, ours, "software", "50-249")
                .body("status", equalTo("cohort-too-small"))
                .body("message", containsString("fewer than 10 other organisations"))
                .body("overall", nullValue()).body("dimensions", equalTo(List.of()))
                .body("cohort.size", nullValue())
                .body("suggestedCohort.industry", equalTo("software")).body("suggestedCohort.sizeBand", nullValue())
                .body("suggestedCohort.size", equalTo(15))
                .body("note", containsString("self-reported and self-selected"));

        scored(peers, "software", "50-249", 5); // the tenth other

        // Sorted cohort (n = 11): 0,0,0,0,50,50,50,50,100,100,100 with ours among the 50s.
        // Rank: (4 below + 0.5 × 4 equal) / 11 × 100 = 54.545… → 54.5
        // Quartiles (linear interpolation): h = 10 × 0.25 = 2.5 → 0; median x[5] = 50; h = 7.5 → 50 + 0.5 × 50 = 75
        benchmark(us, ours, "software", "50-249")
                .body("status", equalTo("shown"))
                .body("cohort.size", equalTo(11)).body("suggestedCohort", nullValue())
                .body("overall.score", equalTo(50.0f)).body("overall.percentileRank", equalTo(54.5f))
                .body("overall.lowerQuartile", equalTo(0.0f)).body("overall.median", equalTo(50.0f))
                .body("overall.upperQuartile", equalTo(75.0f))
                .body("overall", not(hasKey("min"))).body("overall", not(hasKey("max")))
                .body("dimensions.id", equalTo(List.of("a", "b")))
                .body("dimensions[1].percentileRank", equalTo(54.5f));
    }

    @Test
    void theSuggestionWalksIndustryThenSizeThenEveryone() {
        String us = Api.newTenant();
        String peers = Api.newTenant();
        String ours = scored(us, "energy", "5000+", 3);
        for (int i = 0; i < 10; i++) {
            scored(peers, i % 2 == 0 ? "education" : "media", "5000+", 2); // same size, other industries
        }
        // energy × 5000+ and energy alone hold nobody else; size 5000+ holds 10 others.
        benchmark(us, ours, "energy", "5000+").body("status", equalTo("cohort-too-small"))
                .body("suggestedCohort.industry", nullValue()).body("suggestedCohort.sizeBand", equalTo("5000+"))
                .body("suggestedCohort.size", equalTo(11));
        // The whole version's population is the same 11 here: everyone is shown.
        benchmark(us, ours, null, null).body("status", equalTo("shown")).body("cohort.size", equalTo(11))
                .body("overall.percentileRank", equalTo(95.5f)); // (10 + 0.5) / 11
    }

    @Test
    void anOlderAssessmentIsComparedWithoutCountingTheOrganisationTwice() {
        String us = Api.newTenant();
        String peers = Api.newTenant();
        String org = Api.createOrganisation(us, "software", "1-49", "europe");
        String older = partner(us).body(submission(org, version, Map.of("a.1", 1, "b.1", 1))).post("/api/v1/assessments")
                .then().statusCode(201).extract().path("id");
        partner(us).body(submission(org, version, Map.of("a.1", 5, "b.1", 5))).post("/api/v1/assessments").then()
                .statusCode(201);
        for (int i = 0; i < 10; i++) {
            scored(peers, "software", "1-49", 3);
        }
        // Ours (0) against ten 50s: n = 11, rank (0 + 0.5) / 11 = 4.5; our newer 100 is not in the cohort.
        benchmark(us, older, null, null).body("cohort.size", equalTo(11)).body("overall.percentileRank", equalTo(4.5f))
                .body("overall.upperQuartile", equalTo(50.0f));
    }

    @Test
    void aBackDatedAssessmentDoesNotReplaceTheLatest() {
        String us = Api.newTenant();
        String org = Api.createOrganisation(us, "software", "1-49", "europe");
        Map<String, Object> newer = submission(org, version, Map.of("a.1", 5, "b.1", 5));
        newer.put("assessedAt", "2026-01-01T00:00:00Z");
        String newest = partner(us).body(newer).post("/api/v1/assessments").then().statusCode(201).extract().path("id");
        Map<String, Object> older = submission(org, version, Map.of("a.1", 1, "b.1", 1));
        older.put("assessedAt", "2024-01-01T00:00:00Z");
        String historical = partner(us).body(older).post("/api/v1/assessments").then().statusCode(201).extract().path("id");
        String peers = Api.newTenant();
        for (int i = 0; i < 10; i++) {
            scored(peers, "retail", "1-49", 3);
        }
        // The cohort holds our 2026 score (100), so the 2024 one (0) is ranked against ten 50s only.
        benchmark(us, newest, null, null).body("cohort.size", equalTo(11)).body("overall.percentileRank", equalTo(95.5f));
        benchmark(us, historical, null, null).body("cohort.size", equalTo(11)).body("overall.percentileRank", equalTo(4.5f))
                .body("overall.median", equalTo(50.0f));
    }

    @Test
    void cohortKeysComeFromTheDocumentedLists() {
        String us = Api.newTenant();
        String ours = scored(us, "software", "1-49", 3);
        as(us, "reader").queryParam("industry", "mining").get("/api/v1/assessments/" + ours + "/benchmark").then()
                .statusCode(400).body("errors[0].pointer", equalTo("industry"));
        as(us, "reader").queryParam("size", "5000+").queryParam("region", "europe")
                .get("/api/v1/assessments/" + ours + "/benchmark").then().statusCode(200)
                .body("cohort.sizeBand", equalTo("5000+")).body("cohort.region", equalTo("europe"));
    }
}
