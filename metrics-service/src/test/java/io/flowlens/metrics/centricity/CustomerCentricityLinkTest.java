package io.flowlens.metrics.centricity;

import static io.flowlens.metrics.Fixtures.as;
import static io.flowlens.metrics.Fixtures.newTenant;
import static io.flowlens.metrics.Fixtures.valueStream;
import static io.flowlens.metrics.centricity.AssessmentEvents.post;
import static io.flowlens.metrics.centricity.AssessmentEvents.scored;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.flowlens.common.identity.Roles;
import io.flowlens.metrics.outcome.ResultPoint;
import io.flowlens.metrics.outcome.ResultPointSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Linking a value stream (or the portfolio) to an organisation shows its scores as the category
 * customer-centricity, to callers and to correlations (the ResultPointSource); unlinking hides
 * them; roles and tenants are walls.
 */
@QuarkusTest
class CustomerCentricityLinkTest {

    @Inject
    @Any
    Instance<ResultPointSource> sources;

    ResultPointSource centricity() {
        return sources.stream().filter(s -> s.serves("customer-centricity")).findFirst().orElseThrow();
    }

    static String link(String tenant, String stream, UUID organisation) {
        return as(tenant, Roles.MEMBER).contentType("application/json").body(Map.of("organisationId", organisation.toString()))
                .put("/api/v1/value-streams/" + stream + "/customer-centricity-link").then().statusCode(200)
                .body("organisationId", equalTo(organisation.toString())).extract().asString();
    }

    @Test
    void aLinkShowsThePastScoresDatedInTheStreamsZoneAndAnUnlinkHidesThem() {
        String tenant = newTenant();
        // 23:30 UTC on 31 Jan is already 1 Feb in Berlin.
        String stream = valueStream(tenant, "Shop", "Europe/Berlin", List.of(Map.of("connectionId", "c1", "project", "shop")));
        UUID org = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        post(scored(tenant, first, org, 1, "2026-01-31T23:30:00Z", 40, 30, 50),
                scored(tenant, UUID.randomUUID(), org, 1, "2026-03-15T10:00:00Z", 55, 45, 65)).statusCode(200);
        assertEquals(List.of(), centricity().points(tenant, UUID.fromString(stream), "customer-centricity", "index"));

        link(tenant, stream, UUID.randomUUID()); // another organisation first: replaced below
        link(tenant, stream, org);
        as(tenant, Roles.READER).get("/api/v1/value-streams/" + stream + "/customer-centricity-link").then().statusCode(200)
                .body("organisationName", equalTo("Acme Retail")).body("scoredAssessments", equalTo(2))
                .body("valueStreamId", equalTo(stream)).body("latestScoredAt", equalTo("2026-03-15T10:00:00Z"));
        as(tenant, Roles.READER).get("/api/v1/value-streams/" + stream + "/customer-centricity").then().statusCode(200)
                .body("category", equalTo("customer-centricity")).body("timeZone", equalTo("Europe/Berlin"))
                .body("series.key", contains("index", "communication", "research"))
                .body("points.date", contains("2026-02-01", "2026-03-15"))
                .body("points[0].assessmentId", equalTo(first.toString()));

        UUID id = UUID.fromString(stream);
        assertEquals(List.of(new ResultPoint(LocalDate.parse("2026-02-01"), 40), new ResultPoint(LocalDate.parse("2026-03-15"), 55)),
                centricity().points(tenant, id, "customer-centricity", "index"));
        assertEquals(List.of(new ResultPoint(LocalDate.parse("2026-02-01"), 50), new ResultPoint(LocalDate.parse("2026-03-15"), 65)),
                centricity().points(tenant, id, "customer-centricity", "research"));
        assertEquals(List.of("index", "communication", "research"),
                centricity().available(tenant, id).stream().map(ResultPointSource.SeriesName::series).toList());

        as(tenant, Roles.MEMBER).delete("/api/v1/value-streams/" + stream + "/customer-centricity-link").then().statusCode(204);
        as(tenant, Roles.MEMBER).delete("/api/v1/value-streams/" + stream + "/customer-centricity-link").then().statusCode(204);
        as(tenant, Roles.READER).get("/api/v1/value-streams/" + stream + "/customer-centricity").then().statusCode(404)
                .contentType("application/problem+json");
        assertEquals(List.of(), centricity().points(tenant, id, "customer-centricity", "index"));
        assertEquals(List.of(), centricity().available(tenant, id));
    }

    @Test
    void anOrganisationWithoutScoresYetIsAcceptedAndFillsWhenScored() {
        String tenant = newTenant();
        String stream = valueStream(tenant, "Shop", "UTC", List.of(Map.of("connectionId", "c1", "project", "shop")));
        UUID org = UUID.randomUUID();
        as(tenant, Roles.MEMBER).contentType("application/json").body(Map.of("organisationId", org.toString()))
                .put("/api/v1/value-streams/" + stream + "/customer-centricity-link").then().statusCode(200)
                .body("scoredAssessments", equalTo(0)).body("organisationName", nullValue());
        post(scored(tenant, UUID.randomUUID(), org, 1, "2026-01-10T09:00:00Z", 40, 30, 50)).statusCode(200);
        as(tenant, Roles.READER).get("/api/v1/value-streams/" + stream + "/customer-centricity-link").then()
                .body("scoredAssessments", equalTo(1));
    }

    @Test
    void thePortfolioHasALinkOfItsOwnDatedInUtc() {
        String tenant = newTenant();
        UUID org = UUID.randomUUID();
        post(scored(tenant, UUID.randomUUID(), org, 1, "2026-01-31T23:30:00Z", 40, 30, 50)).statusCode(200);
        as(tenant, Roles.READER).get("/api/v1/portfolio/customer-centricity-link").then().statusCode(404);
        as(tenant, Roles.MEMBER).contentType("application/json").body(Map.of("organisationId", org.toString()))
                .put("/api/v1/portfolio/customer-centricity-link").then().statusCode(200)
                .body("valueStreamId", nullValue()).body("scoredAssessments", equalTo(1));
        as(tenant, Roles.READER).get("/api/v1/portfolio/customer-centricity").then().statusCode(200)
                .body("timeZone", equalTo("UTC")).body("points.date", contains("2026-01-31"));
        assertEquals(List.of(new ResultPoint(LocalDate.parse("2026-01-31"), 40)),
                centricity().points(tenant, null, "customer-centricity", null));
        as(tenant, Roles.MEMBER).delete("/api/v1/portfolio/customer-centricity-link").then().statusCode(204);
        assertEquals(List.of(), centricity().points(tenant, null, "customer-centricity", "index"));
    }

    @Test
    void readersReadMembersWriteAndBadBodiesAreNamed() {
        String tenant = newTenant();
        String stream = valueStream(tenant, "Shop", "UTC", List.of(Map.of("connectionId", "c1", "project", "shop")));
        String path = "/api/v1/value-streams/" + stream + "/customer-centricity-link";
        as(tenant, Roles.READER).contentType("application/json").body(Map.of("organisationId", UUID.randomUUID().toString()))
                .put(path).then().statusCode(403);
        as(tenant, Roles.READER).delete(path).then().statusCode(403);
        as(tenant, Roles.MEMBER).contentType("application/json").body(Map.of("organisationId", "not-a-uuid"))
                .put(path).then().statusCode(400).contentType("application/problem+json");
        as(tenant, Roles.MEMBER).contentType("application/json").body("{}").put(path).then().statusCode(400)
                .contentType("application/problem+json");
        as(tenant, Roles.READER).get(path).then().statusCode(404);
        as(tenant, Roles.MEMBER).contentType("application/json").body(Map.of("organisationId", UUID.randomUUID().toString()))
                .put("/api/v1/value-streams/" + UUID.randomUUID() + "/customer-centricity-link").then().statusCode(404);
    }

    @Test
    void tenantsAreWalls() {
        String tenant = newTenant();
        String other = newTenant();
        String stream = valueStream(tenant, "Shop", "UTC", List.of(Map.of("connectionId", "c1", "project", "shop")));
        UUID org = UUID.randomUUID();
        post(scored(tenant, UUID.randomUUID(), org, 1, "2026-01-10T09:00:00Z", 40, 30, 50)).statusCode(200);
        link(tenant, stream, org);

        // Another tenant cannot see, link or unlink the stream...
        String path = "/api/v1/value-streams/" + stream + "/customer-centricity-link";
        as(other, Roles.READER).get(path).then().statusCode(404);
        as(other, Roles.READER).get("/api/v1/value-streams/" + stream + "/customer-centricity").then().statusCode(404);
        as(other, Roles.MEMBER).delete(path).then().statusCode(404);
        as(other, Roles.MEMBER).contentType("application/json").body(Map.of("organisationId", org.toString()))
                .put(path).then().statusCode(404);
        assertEquals(List.of(), centricity().points(other, UUID.fromString(stream), "customer-centricity", "index"));
        // ...and linking its own portfolio to this tenant's organisation shows nothing of it.
        as(other, Roles.MEMBER).contentType("application/json").body(Map.of("organisationId", org.toString()))
                .put("/api/v1/portfolio/customer-centricity-link").then().statusCode(200)
                .body("scoredAssessments", equalTo(0));
        as(other, Roles.READER).get("/api/v1/portfolio/customer-centricity").then().statusCode(200)
                .body("points.size()", equalTo(0));
        // An event naming the other tenant does not touch this tenant's assessment of the same id.
        as(tenant, Roles.READER).get(path).then().statusCode(200).body("scoredAssessments", equalTo(1));
    }
}
