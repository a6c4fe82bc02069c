package io.flowlens.assessment.support;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.flowlens.common.identity.Caller;
import io.flowlens.common.identity.IdentityToken;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Requests as the gateway forwards them: a signed identity for a tenant and role. */
public final class Api {

    public static final String SECRET = "dev-only-identity-secret-change-me-0123456789";
    public static final String CCM = "ccm-2026.1";

    /** ccm-2026.1's statements per dimension, in order; '-' marks reverse statements. */
    public static final Map<String, List<String>> CCM_STATEMENTS = new LinkedHashMap<>();

    static {
        CCM_STATEMENTS.put("research", List.of("blend", "continuous", "role", "worth", "-opinion"));
        CCM_STATEMENTS.put("strategy", List.of("problems", "evidence", "delegation", "servant", "measures"));
        CCM_STATEMENTS.put("product", List.of("strategic", "backlog", "prototype", "balance", "-output"));
        CCM_STATEMENTS.put("communication", List.of("upward", "strategy", "crossteam", "vision", "onboarding"));
        CCM_STATEMENTS.put("teams", List.of("crossfunctional", "frontline", "-silos", "learning", "autonomy"));
        CCM_STATEMENTS.put("service", List.of("journey", "consistency", "stakeholders", "role", "internal"));
        CCM_STATEMENTS.put("enablement", List.of("repository", "patterns", "loop", "-governance", "automation"));
    }

    private Api() {
    }

    public static String token(String tenant, String role) {
        return new IdentityToken(SECRET).sign(new Caller(tenant, role, "test-" + role, null), Duration.ofMinutes(5));
    }

    public static RequestSpecification as(String tenant, String role) {
        return given().header(IdentityToken.HEADER, token(tenant, role)).contentType(ContentType.JSON);
    }

    public static RequestSpecification partner(String tenant) {
        return as(tenant, "partner");
    }

    public static String newTenant() {
        return "tenant-" + UUID.randomUUID();
    }

    public static String createOrganisation(String tenant, String industry, String size, String region) {
        return partner(tenant).body(Map.of("name", "Org " + UUID.randomUUID(), "industry", industry, "sizeBand", size,
                "region", region)).post("/api/v1/organisations").then().statusCode(201).extract().path("id");
    }

    /** Every ccm statement answered with the same value (reverse statements too). */
    public static Map<String, Integer> uniformAnswers(int value) {
        Map<String, Integer> answers = new LinkedHashMap<>();
        CCM_STATEMENTS.forEach((d, ss) -> ss.forEach(s -> answers.put(d + "." + s.replace("-", ""), value)));
        return answers;
    }

    /** Answers giving every ccm statement the statement score {@code (value − 1) × 25}, reverse-aware. */
    public static Map<String, Integer> scoring(int value) {
        Map<String, Integer> answers = new LinkedHashMap<>();
        CCM_STATEMENTS.forEach((d, ss) -> ss.forEach(s -> answers.put(d + "." + s.replace("-", ""),
                s.startsWith("-") ? 6 - value : value)));
        return answers;
    }

    public static Map<String, Object> submission(String organisationId, String version, Map<String, Integer> answers) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("organisationId", organisationId);
        body.put("questionnaireVersion", version);
        body.put("answers", answers);
        return body;
    }

    /**
     * Publishes a questionnaire version of its own (two dimensions of one statement each: an answer
     * v scores (v − 1) × 25), so that a test's benchmark cohorts hold only its own submissions.
     */
    public static String publishSmallVersion(String prefix) {
        String version = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        as(null, "platform").body(Map.of("id", version, "title", "Small test questionnaire", "scale", Map.of("min", 1, "max", 5),
                "levels", List.of(Map.of("level", 1, "name", "Low", "from", 0)),
                "dimensions", List.of(
                        Map.of("id", "a", "name", "A", "weight", 1, "statements", List.of(Map.of("id", "a.1", "text", "A"))),
                        Map.of("id", "b", "name", "B", "weight", 1, "statements", List.of(Map.of("id", "b.1", "text", "B"))))))
                .post("/api/v1/questionnaires").then().statusCode(201);
        return version;
    }

    public static String submit(String tenant, String organisationId, Map<String, Integer> answers) {
        return partner(tenant).body(submission(organisationId, CCM, answers)).post("/api/v1/assessments")
                .then().statusCode(201).extract().path("id");
    }
}
