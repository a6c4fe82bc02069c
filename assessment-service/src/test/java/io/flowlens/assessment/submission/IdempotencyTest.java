package io.flowlens.assessment.submission;

import static io.flowlens.assessment.support.Api.partner;
import static io.flowlens.assessment.support.Api.submission;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.flowlens.assessment.support.Api;
import io.flowlens.assessment.support.Db;
import io.quarkus.test.junit.QuarkusTest;

/** Idempotency-Key: a retry is safe, a reused key with another body changes nothing, a concurrent retry waits. */
@QuarkusTest
class IdempotencyTest {

    @Inject
    AgroalDataSource db;

    private long stored(String organisationId) {
        return Db.count(db, "select count(*) from assessment where organisation_id = ?", UUID.fromString(organisationId));
    }

    @Test
    void aRetryWithTheSameBodyReturnsTheFirstResult() {
        String tenant = Api.newTenant();
        String org = Api.createOrganisation(tenant, "retail", "1-49", "europe");
        Map<String, Object> body = submission(org, Api.CCM, Api.uniformAnswers(4));
        String first = partner(tenant).header("Idempotency-Key", "k-1").body(body).post("/api/v1/assessments")
                .then().statusCode(201).extract().path("id");
        partner(tenant).header("Idempotency-Key", "k-1").body(body).post("/api/v1/assessments").then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", equalTo(first));
        assertEquals(1, stored(org));
        // Another tenant's key space is its own.
        String otherTenant = Api.newTenant();
        String otherOrg = Api.createOrganisation(otherTenant, "retail", "1-49", "europe");
        partner(otherTenant).header("Idempotency-Key", "k-1").body(submission(otherOrg, Api.CCM, Api.uniformAnswers(4)))
                .post("/api/v1/assessments").then().statusCode(201);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedAndChangesNothing() {
        String tenant = Api.newTenant();
        String org = Api.createOrganisation(tenant, "retail", "1-49", "europe");
        String first = partner(tenant).header("Idempotency-Key", "k-2").body(submission(org, Api.CCM, Api.uniformAnswers(4)))
                .post("/api/v1/assessments").then().statusCode(201).extract().path("id");
        partner(tenant).header("Idempotency-Key", "k-2").body(submission(org, Api.CCM, Api.uniformAnswers(2)))
                .post("/api/v1/assessments").then().statusCode(422)
                .body("type", equalTo("https://flowlens.io/problems/idempotency-key-reused"))
                .body("errors[0].pointer", equalTo("Idempotency-Key"));
        assertEquals(1, stored(org));
        assertEquals(1, Db.count(db, "select count(*) from idempotency_key where tenant_id = ? and assessment_id = ?",
                tenant, UUID.fromString(first)));
    }

    @Test
    void aRetryWhileTheFirstIsInFlightIsAConflict() {
        String tenant = Api.newTenant();
        String org = Api.createOrganisation(tenant, "retail", "1-49", "europe");
        Map<String, Object> body = submission(org, Api.CCM, Api.uniformAnswers(4));
        String digest = IdempotencyKeys.digest("POST /api/v1/assessments", org, Api.CCM,
                Answers.toJson(Api.uniformAnswers(4)), "null");
        // The first request's claim, committed before its work: exactly what a concurrent retry finds.
        Db.execute(db, "insert into idempotency_key (tenant_id, key, request_digest, created_at) values (?, ?, ?, ?)",
                tenant, "k-3", digest, Timestamp.from(Instant.now()));
        partner(tenant).header("Idempotency-Key", "k-3").body(body).post("/api/v1/assessments").then().statusCode(409)
                .body("type", equalTo("https://flowlens.io/problems/request-in-flight"));
        assertEquals(0, stored(org));
        // A claim whose request died long ago is taken over.
        Db.execute(db, "update idempotency_key set created_at = ? where tenant_id = ? and key = ?",
                Timestamp.from(Instant.now().minusSeconds(600)), tenant, "k-3");
        partner(tenant).header("Idempotency-Key", "k-3").body(body).post("/api/v1/assessments").then().statusCode(201);
        assertEquals(1, stored(org));
    }

    @Test
    void concurrentRetriesStoreOneAssessment() throws Exception {
        String tenant = Api.newTenant();
        String org = Api.createOrganisation(tenant, "retail", "1-49", "europe");
        Map<String, Object> body = submission(org, Api.CCM, Api.uniformAnswers(5));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<io.restassured.response.Response>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(pool.submit(() -> partner(tenant).header("Idempotency-Key", "k-race").body(body)
                    .post("/api/v1/assessments")));
        }
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (var call : calls) {
            io.restassured.response.Response r = call.get();
            assertTrue(r.statusCode() == 201 || r.statusCode() == 409, "status " + r.statusCode());
            if (r.statusCode() == 201) {
                ids.add(r.path("id"));
            }
        }
        pool.shutdown();
        assertEquals(1, ids.size(), "every success names the same assessment");
        assertEquals(1, stored(org));
    }

    @Test
    void aRefusedRequestFreesItsKeyForTheCorrectedRetry() {
        String tenant = Api.newTenant();
        String org = Api.createOrganisation(tenant, "retail", "1-49", "europe");
        Map<String, Integer> bad = Api.uniformAnswers(4);
        bad.put("research.blend", 9);
        partner(tenant).header("Idempotency-Key", "k-4").body(submission(org, Api.CCM, bad)).post("/api/v1/assessments")
                .then().statusCode(422);
        assertEquals(0, Db.count(db, "select count(*) from idempotency_key where tenant_id = ?", tenant));
        partner(tenant).header("Idempotency-Key", "k-4").body(submission(org, Api.CCM, Api.uniformAnswers(4)))
                .post("/api/v1/assessments").then().statusCode(201);
        assertEquals(1, stored(org));
    }
}
