package io.flowlens.assessment.questionnaire;

import static io.flowlens.assessment.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.flowlens.assessment.support.Api;
import io.flowlens.assessment.support.Db;
import io.quarkus.test.junit.QuarkusTest;

/** The seeded questionnaire as served, immutability of published versions, and publishing a new one. */
@QuarkusTest
class QuestionnaireTest {

    @Inject
    AgroalDataSource db;

    @Test
    void theSeedIsServedExactly() {
        as(Api.newTenant(), "reader").get("/api/v1/questionnaires").then().statusCode(200)
                .body("items.version", hasItem("ccm-2026.1"));
        as(Api.newTenant(), "reader").get("/api/v1/questionnaires/ccm-2026.1").then().statusCode(200)
                .body("title", equalTo("Customer-centricity maturity self-assessment"))
                .body("scale.labels.'3'", equalTo("Neither agree nor disagree"))
                .body("dimensions.id", equalTo(List.of("research", "strategy", "product", "communication", "teams",
                        "service", "enablement")))
                .body("dimensions.weight", equalTo(List.of(1.0f, 1.0f, 1.0f, 1.5f, 1.0f, 1.0f, 1.0f)))
                .body("dimensions.statements.flatten()", hasSize(35))
                .body("dimensions.statements.flatten().findAll { it.reverse }.id", equalTo(List.of("research.opinion",
                        "product.output", "teams.silos", "enablement.governance")))
                .body("levels.from", equalTo(List.of(0, 20, 40, 60, 80)))
                .body("levels.name", equalTo(List.of("Nascent", "Emerging", "Developing", "Established", "Leading")));
        as(Api.newTenant(), "reader").get("/api/v1/questionnaires/ccm-1999.1").then().statusCode(404);
    }

    @Test
    void aPublishedVersionNeverChanges() {
        assertThrows(IllegalStateException.class, () -> Db.execute(db,
                "update questionnaire set title = 'changed' where version = 'ccm-2026.1'"));
        assertThrows(IllegalStateException.class, () -> Db.execute(db,
                "delete from questionnaire where version = 'ccm-2026.1'"));
    }

    @Test
    void theListingNamesEveryPublishedVersionOldestFirstIncludingOnesAnotherReplicaPublished() throws Exception {
        String ours = "pilot-" + UUID.randomUUID().toString().substring(0, 8);
        as(null, "platform").body(definition(ours)).post("/api/v1/questionnaires").then().statusCode(201);
        as(Api.newTenant(), "reader").get("/api/v1/questionnaires").then().statusCode(200)
                .body("items[0].version", equalTo("ccm-2026.1"))
                .body("items[-1].version", equalTo(ours));

        // Published through another instance of this service: in the database, not in our cache.
        String theirs = "pilot-" + UUID.randomUUID().toString().substring(0, 8);
        Db.execute(db, "insert into questionnaire (version, title, definition, published_at) values (?, 'Pilot', ?::jsonb, now())",
                theirs, new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(definition(theirs)));
        as(Api.newTenant(), "reader").get("/api/v1/questionnaires").then().statusCode(200)
                .body("items[-2].version", equalTo(ours))
                .body("items[-1].version", equalTo(theirs))
                .body("items[-1].dimensions", equalTo(1))
                .body("items[-1].statements", equalTo(2));
    }

    static Map<String, Object> definition(String id) {
        return Map.of("id", id, "title", "Pilot", "scale", Map.of("min", 1, "max", 5),
                "levels", List.of(Map.of("level", 1, "name", "Low", "from", 0), Map.of("level", 2, "name", "High", "from", 50)),
                "dimensions", List.of(Map.of("id", "a", "name", "A", "weight", 1, "statements",
                        List.of(Map.of("id", "a.1", "text", "One"), Map.of("id", "a.2", "text", "Two", "reverse", true)))));
    }

    @Test
    void platformAdminsPublishNewVersionsWithoutTouchingPastOnes() {
        String tenant = Api.newTenant();
        String org = Api.createOrganisation(tenant, "software", "1-49", "europe");
        String before = Api.submit(tenant, org, Api.uniformAnswers(3));
        String id = "pilot-" + UUID.randomUUID().toString().substring(0, 8);
        as(null, "platform").body(definition(id)).post("/api/v1/questionnaires").then().statusCode(201)
                .body("id", equalTo(id));
        as(null, "platform").body(definition(id)).post("/api/v1/questionnaires").then().statusCode(409);
        as(tenant, "admin").body(definition(id + "x")).post("/api/v1/questionnaires").then().statusCode(403);
        Map<String, Object> duplicate = new java.util.HashMap<>(definition(id + "-dup"));
        duplicate.put("dimensions", List.of(Map.of("id", "a", "name", "A", "weight", 1, "statements",
                List.of(Map.of("id", "a.1", "text", "One"), Map.of("id", "a.1", "text", "Again")))));
        as(null, "platform").body(duplicate).post("/api/v1/questionnaires").then().statusCode(400)
                .body("errors[0].pointer", equalTo("/dimensions/0/statements/1/id"));

        // The new version scores on its own terms; the earlier result is unchanged.
        Api.partner(tenant).body(Api.submission(org, id, Map.of("a.1", 5, "a.2", 5))).post("/api/v1/assessments").then()
                .statusCode(201).body("index", equalTo(50.0f)).body("level.name", equalTo("High"));
        as(tenant, "reader").get("/api/v1/assessments/" + before).then().statusCode(200)
                .body("questionnaireVersion", equalTo("ccm-2026.1")).body("index", equalTo(50.0f));
    }
}
