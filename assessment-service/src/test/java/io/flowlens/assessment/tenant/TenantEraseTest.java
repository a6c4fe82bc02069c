package io.flowlens.assessment.tenant;

import static io.flowlens.assessment.support.Api.as;
import static io.flowlens.assessment.support.Api.partner;
import static io.flowlens.assessment.support.Api.submission;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.flowlens.assessment.support.Api;
import io.flowlens.assessment.support.Db;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Erasing a tenant removes every row it had, in one call, idempotently; its organisations leave
 * the benchmark cohorts (through the same removal marks every replica reads); other tenants'
 * data and benchmarks stay as they were.
 */
@QuarkusTest
class TenantEraseTest {

    @Inject
    AgroalDataSource db;

    private static final List<String> TENANT_TABLES = List.of("organisation", "assessment", "draft", "idempotency_key",
            "partner_webhook", "webhook_delivery");

    private String scored(String tenant, String version, int answer) {
        String org = Api.createOrganisation(tenant, "software", "50-249", "europe");
        return partner(tenant).body(submission(org, version, Map.of("a.1", answer, "b.1", answer)))
                .post("/api/v1/assessments").then().statusCode(201).extract().path("id");
    }

    private Map<String, Long> rowsOf(String tenant) {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : TENANT_TABLES) {
            rows.put(table, Db.count(db, "select count(*) from " + table + " where tenant_id = ?", tenant));
        }
        return rows;
    }

    @Test
    void everyRowOfTheTenantIsErasedAndItsOrganisationsLeaveTheBenchmarks() {
        String version = Api.publishSmallVersion("erase");
        String kept = Api.newTenant();
        String peers = Api.newTenant();
        String erased = Api.newTenant();
        String ours = scored(kept, version, 3);
        for (int i = 0; i < 10; i++) {
            scored(peers, version, 1 + i % 5);
        }
        partner(erased).body(Map.of("url", "http://127.0.0.1:9/hooks")).post("/api/v1/partner-webhooks").then().statusCode(201);
        String erasedOrg = null;
        for (int i = 0; i < 5; i++) {
            erasedOrg = Api.createOrganisation(erased, "software", "50-249", "europe");
            partner(erased).header("Idempotency-Key", "erase-" + i)
                    .body(submission(erasedOrg, version, Map.of("a.1", 5, "b.1", 5))).post("/api/v1/assessments")
                    .then().statusCode(201);
        }
        partner(erased).body(Map.of("organisationId", erasedOrg, "questionnaireVersion", version,
                "answers", Map.of("a.1", 2))).post("/api/v1/assessments/drafts").then().statusCode(201);
        as(kept, "reader").get("/api/v1/assessments/" + ours + "/benchmark").then().statusCode(200)
                .body("status", equalTo("shown")).body("cohort.size", equalTo(16));
        Map<String, Long> peersBefore = rowsOf(peers);

        as(null, "service").delete("/internal/v1/tenants/" + erased).then().statusCode(200)
                .body("tenantId", equalTo(erased))
                .body("erased.organisations", equalTo(5)).body("erased.assessments", equalTo(5))
                .body("erased.drafts", equalTo(1)).body("erased.benchmarkEntries", equalTo(5))
                .body("erased.idempotencyKeys", equalTo(5)).body("erased.partnerWebhooks", equalTo(1))
                .body("erased.webhookDeliveries", equalTo(5));

        rowsOf(erased).forEach((table, rows) -> assertEquals(0L, rows, table));
        assertEquals(0, Db.count(db, "select count(*) from latest_score where organisation_id = ?",
                java.util.UUID.fromString(erasedOrg)));
        as(erased, "reader").get("/api/v1/organisations/" + erasedOrg).then().statusCode(404);
        partner(erased).body(submission(erasedOrg, version, Map.of("a.1", 5, "b.1", 5))).post("/api/v1/assessments")
                .then().statusCode(404);

        // The others are untouched, and the cohort counts only them.
        assertEquals(peersBefore, rowsOf(peers));
        as(kept, "reader").get("/api/v1/assessments/" + ours).then().statusCode(200);
        as(kept, "reader").get("/api/v1/assessments/" + ours + "/benchmark").then().statusCode(200)
                .body("status", equalTo("shown")).body("cohort.size", equalTo(11));

        // Again: nothing left to erase, the same answer shape.
        as(null, "service").delete("/internal/v1/tenants/" + erased).then().statusCode(200)
                .body("erased.organisations", equalTo(0)).body("erased.assessments", equalTo(0))
                .body("erased.webhookDeliveries", equalTo(0));
    }

    @Test
    void onlyAnotherServiceMayErase() {
        String tenant = Api.newTenant();
        String org = Api.createOrganisation(tenant, "retail", "1-49", "europe");
        as(tenant, "admin").delete("/internal/v1/tenants/" + tenant).then().statusCode(403);
        as(null, "platform").delete("/internal/v1/tenants/" + tenant).then().statusCode(403);
        io.restassured.RestAssured.given().delete("/internal/v1/tenants/" + tenant).then().statusCode(401);
        as(tenant, "reader").get("/api/v1/organisations/" + org).then().statusCode(200);
    }
}
