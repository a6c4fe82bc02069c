package io.flowlens.e2e;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Tenants are walls: through every service's endpoints, tenant B can neither see nor change
 * anything of tenant A. B's calls with A's ids answer 404, never 403, so existence is not revealed.
 */
class TenantWallsIT {

    static Gateway.Tenant a;
    static Gateway.Tenant b;
    static Map<String, String> ids = new HashMap<>();

    @BeforeAll
    static void tenantAHasSomethingOfEverything() {
        Suite.ensureStarted();
        a = Gateway.newTenant("admin", "partner");
        b = Gateway.newTenant("admin", "partner");

        ids.put("connection", a.as("admin").contentType(ContentType.JSON)
                .body(Map.of("kind", "github", "name", "A's issues", "secret", "a-webhook-secret"))
                .post("/api/v1/connections").then().statusCode(201).extract().path("id"));
        ids.put("valueStream", a.as("admin").contentType(ContentType.JSON)
                .body(Map.of("name", "A's stream", "timeZone", "UTC",
                        "scopes", List.of(Map.of("connectionId", ids.get("connection"), "project", "a/shop"))))
                .post("/api/v1/value-streams").then().statusCode(201).extract().path("id"));
        ids.put("organisation", a.as("partner").contentType(ContentType.JSON)
                .body(Map.of("name", "A's client", "industry", "retail", "sizeBand", "50-249", "region", "europe"))
                .post("/api/v1/organisations").then().statusCode(201).extract().path("id"));
        List<String> statements = a.as("partner").get("/api/v1/questionnaires/ccm-2026.1")
                .then().statusCode(200).extract().jsonPath().getList("dimensions.statements.flatten().id");
        Map<String, Integer> answers = statements.stream().collect(Collectors.toMap(s -> s, s -> 4));
        ids.put("assessment", a.as("partner").contentType(ContentType.JSON)
                .body(Map.of("organisationId", ids.get("organisation"), "questionnaireVersion", "ccm-2026.1",
                        "answers", answers))
                .post("/api/v1/assessments").then().statusCode(201).extract().path("id"));
        ids.put("key", a.as("admin").contentType(ContentType.JSON)
                .body(Map.of("name", "A's dashboard", "role", "reader"))
                .post("/api/v1/tenants/" + a.id() + "/api-keys").then().statusCode(201).extract().path("id"));
    }

    @Test
    void bCannotReadAnythingOfA() {
        for (String role : List.of("admin", "partner")) {
            RequestSpecification spec = b.as(role);
            for (String path : List.of(
                    "/api/v1/connections/" + ids.get("connection"),
                    "/api/v1/connections/" + ids.get("connection") + "/mapping",
                    "/api/v1/value-streams/" + ids.get("valueStream"),
                    "/api/v1/value-streams/" + ids.get("valueStream") + "/flow?from=2026-01-01&to=2026-02-01",
                    "/api/v1/value-streams/" + ids.get("valueStream") + "/cfd?from=2026-01-01&to=2026-02-01",
                    "/api/v1/organisations/" + ids.get("organisation"),
                    "/api/v1/organisations/" + ids.get("organisation") + "/assessments",
                    "/api/v1/assessments/" + ids.get("assessment"),
                    "/api/v1/assessments/" + ids.get("assessment") + "/benchmark",
                    "/api/v1/tenants/" + a.id() + "/api-keys",
                    "/api/v1/tenants/" + a.id() + "/api-keys/" + ids.get("key"))) {
                if (role.equals("partner") && path.startsWith("/api/v1/tenants")) {
                    continue; // a partner key may not manage keys at all (403 whatever the tenant)
                }
                spec.get(path).then().statusCode(404).contentType("application/problem+json");
            }
        }
        b.as("admin").get("/api/v1/connections").then().statusCode(200)
                .body("items.id", not(hasItem(ids.get("connection"))));
        b.as("admin").get("/api/v1/value-streams").then().statusCode(200)
                .body("items.id", not(hasItem(ids.get("valueStream"))));
        b.as("admin").get("/api/v1/organisations").then().statusCode(200)
                .body("items.id", not(hasItem(ids.get("organisation"))));
        b.as("admin").get("/api/v1/items").then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void bCannotChangeAnythingOfA() {
        b.as("admin").contentType(ContentType.JSON)
                .body(Map.of("name", "taken over"))
                .put("/api/v1/connections/" + ids.get("connection")).then().statusCode(404);
        b.as("admin").queryParam("confirm", "true").delete("/api/v1/connections/" + ids.get("connection"))
                .then().statusCode(404);
        b.as("admin").contentType("application/x-ndjson").body(new byte[0])
                .post("/api/v1/connections/" + ids.get("connection") + "/imports").then().statusCode(404);
        b.as("admin").contentType(ContentType.JSON)
                .body(Map.of("name", "taken over", "timeZone", "UTC",
                        "scopes", List.of(Map.of("connectionId", ids.get("connection"), "project", "a/shop"))))
                .put("/api/v1/value-streams/" + ids.get("valueStream")).then().statusCode(404);
        b.as("admin").delete("/api/v1/value-streams/" + ids.get("valueStream")).then().statusCode(404);
        b.as("partner").contentType(ContentType.JSON)
                .body(Map.of("organisationId", ids.get("organisation"), "questionnaireVersion", "ccm-2026.1",
                        "answers", Map.of("research.blend", 1)))
                .post("/api/v1/assessments").then().statusCode(404);
        b.as("admin").delete("/api/v1/tenants/" + a.id() + "/api-keys/" + ids.get("key")).then().statusCode(404);
        b.as("admin").contentType(ContentType.JSON).body(Map.of("name", "mine now", "role", "admin"))
                .post("/api/v1/tenants/" + a.id() + "/api-keys").then().statusCode(404);

        // A still has all of it, unchanged.
        a.as("admin").get("/api/v1/connections/" + ids.get("connection")).then().statusCode(200)
                .body("name", equalTo("A's issues"));
        a.as("admin").get("/api/v1/value-streams/" + ids.get("valueStream")).then().statusCode(200)
                .body("name", equalTo("A's stream"));
        a.as("admin").get("/api/v1/organisations/" + ids.get("organisation")).then().statusCode(200);
        a.as("admin").get("/api/v1/tenants/" + a.id() + "/api-keys/" + ids.get("key")).then().statusCode(200)
                .body("revokedAt", equalTo(null));
    }
}
