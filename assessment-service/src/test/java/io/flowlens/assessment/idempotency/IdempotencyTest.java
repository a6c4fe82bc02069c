package io.flowlens.assessment.idempotency;

import static io.flowlens.assessment.support.Api.partner;
import static io.flowlens.assessment.support.Api.submission;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.flowlens.assessment.submission.AssessmentDtos.SubmitAssessment;
import io.flowlens.assessment.support.Api;
import io.flowlens.assessment.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Idempotency-Key on every creating POST: a retry is answered from the first request and creates
 * nothing, a reused key with another body changes nothing, a concurrent retry does not create a
 * second record, keys are the tenant's own, and a refused request frees its key.
 */
@QuarkusTest
class IdempotencyTest {

    @Inject
    AgroalDataSource db;

    @Inject
    IdempotencyKeys keys;

    private long assessments(String organisationId) {
        return Db.count(db, "select count(*) from assessment where organisation_id = ?", UUID.fromString(organisationId));
    }

    private long organisations(String tenant) {
        return Db.count(db, "select count(*) from organisation where tenant_id = ?", tenant);
    }

    private static Map<String, Object> organisation(String name) {
        return Map.of("name", name, "industry", "retail", "sizeBand", "1-49", "region", "europe");
    }

    @Test
    void aRetriedSubmissionReturnsTheFirstResult() {
        String tenant = Api.newTenant();
        String org = Api.createOrganisation(tenant, "retail", "1-49", "europe");
        Map<String, Object> body = submission(org, Api.CCM, Api.uniformAnswers(4));
        String first = partner(tenant).header("Idempotency-Key", "k-1").body(body).post("/api/v1/assessments")
                .then().statusCode(201).header("Idempotent-Replayed", nullValue()).extract().path("id");
        partner(tenant).header("Idempotency-Key", "k-1").body(body).post("/api/v1/assessments").then().statusCode(201)
                .header("Idempotent-Replayed", "true").header("Location", "/api/v1/assessments/" + first)
                .body("id", equalTo(first));
        assertEquals(1, assessments(org));
        // Another tenant's key space is its own.
        String otherTenant = Api.newTenant();
        String otherOrg = Api.createOrganisation(otherTenant, "retail", "1-49", "europe");
        partner(otherTenant).header("Idempotency-Key", "k-1").body(submission(otherOrg, Api.CCM, Api.uniformAnswers(4)))
                .post("/api/v1/assessments").then().statusCode(201).header("Idempotent-Replayed", nullValue());
    }

    @Test
    void aRetriedOrganisationIsCreatedOnce() {
        String tenant = Api.newTenant();
        // The same fields in another order and spacing are the same request.
        String first = partner(tenant).header("Idempotency-Key", "org-1").body(organisation("Acme"))
                .post("/api/v1/organisations").then().statusCode(201).extract().path("id");
        partner(tenant).header("Idempotency-Key", "org-1")
                .body("{ \"region\":\"europe\", \"sizeBand\":\"1-49\",\n \"industry\":\"retail\", \"name\":\"Acme\" }")
                .post("/api/v1/organisations").then().statusCode(201).header("Idempotent-Replayed", "true")
                .header("Location", "/api/v1/organisations/" + first).body("id", equalTo(first)).body("name", equalTo("Acme"));
        partner(tenant).header("Idempotency-Key", "org-1").body(organisation("Acme Two")).post("/api/v1/organisations")
                .then().statusCode(422).body("type", equalTo("https://flowlens.io/problems/idempotency-key-reused"))
                .body("errors[0].pointer", equalTo("Idempotency-Key"));
        assertEquals(1, organisations(tenant));
        // The same key on another operation is another request, refused.
        partner(tenant).header("Idempotency-Key", "org-1").body(Map.of("url", "https://partner.example.com/hooks"))
                .post("/api/v1/partner-webhooks").then().statusCode(422);
        assertEquals(0, Db.count(db, "select count(*) from partner_webhook where tenant_id = ?", tenant));
    }

    @Test
    void aRetriedDraftAndDraftSubmissionCreateOnce() {
        String tenant = Api.newTenant();
        String org = Api.createOrganisation(tenant, "retail", "1-49", "europe");
        Map<String, Object> draft = Map.of("organisationId", org, "questionnaireVersion", Api.CCM,
                "answers", Api.uniformAnswers(3));
        String id = partner(tenant).header("Idempotency-Key", "d-1").body(draft).post("/api/v1/assessments/drafts")
                .then().statusCode(201).extract().path("id");
        partner(tenant).header("Idempotency-Key", "d-1").body(draft).post("/api/v1/assessments/drafts").then()
                .statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(id));
        assertEquals(1, Db.count(db, "select count(*) from draft where tenant_id = ?", tenant));

        String scored = partner(tenant).header("Idempotency-Key", "s-1").post("/api/v1/assessments/drafts/" + id + "/submit")
                .then().statusCode(201).extract().path("id");
        partner(tenant).header("Idempotency-Key", "s-1").post("/api/v1/assessments/drafts/" + id + "/submit").then()
                .statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(scored));
        // Without the key a second submit is still refused as before.
        partner(tenant).post("/api/v1/assessments/drafts/" + id + "/submit").then().statusCode(409);
        assertEquals(1, assessments(org));
    }

    @Test
    void aRetriedWebhookRegistrationAnswersTheSameEndpointAndSecret() {
        String tenant = Api.newTenant();
        Map<String, Object> body = Map.of("url", "http://127.0.0.1:9/hooks", "description", "CRM");
        Response first = partner(tenant).header("Idempotency-Key", "w-1").body(body).post("/api/v1/partner-webhooks");
        first.then().statusCode(201).body("secret", startsWith("whsec_"));
        partner(tenant).header("Idempotency-Key", "w-1").body(body).post("/api/v1/partner-webhooks").then()
                .statusCode(201).header("Idempotent-Replayed", "true")
                .body("id", equalTo(first.path("id"))).body("secret", equalTo(first.path("secret")));
        assertEquals(1, Db.count(db, "select count(*) from partner_webhook where tenant_id = ?", tenant));
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
        assertEquals(1, assessments(org));
        assertEquals(1, Db.count(db, "select count(*) from idempotency_key where tenant_id = ? and resource_id = ?",
                tenant, UUID.fromString(first)));
    }

    @Test
    void aRetryWhileTheFirstIsInFlightIsAConflict() {
        String tenant = Api.newTenant();
        String org = Api.createOrganisation(tenant, "retail", "1-49", "europe");
        Map<String, Object> body = submission(org, Api.CCM, Api.uniformAnswers(4));
        String digest = IdempotencyKeys.digest("POST /api/v1/assessments",
                new SubmitAssessment(UUID.fromString(org), Api.CCM, Api.uniformAnswers(4), null));
        // The first request's claim, committed before its work: exactly what a concurrent retry finds.
        Db.execute(db, "insert into idempotency_key (tenant_id, key, operation, request_digest, created_at)"
                + " values (?, ?, ?, ?, ?)", tenant, "k-3", "POST /api/v1/assessments", digest, Timestamp.from(Instant.now()));
        partner(tenant).header("Idempotency-Key", "k-3").body(body).post("/api/v1/assessments").then().statusCode(409)
                .body("type", equalTo("https://flowlens.io/problems/request-in-flight"));
        assertEquals(0, assessments(org));
        // A claim whose request died long ago is taken over.
        Db.execute(db, "update idempotency_key set created_at = ? where tenant_id = ? and key = ?",
                Timestamp.from(Instant.now().minusSeconds(600)), tenant, "k-3");
        partner(tenant).header("Idempotency-Key", "k-3").body(body).post("/api/v1/assessments").then().statusCode(201);
        assertEquals(1, assessments(org));
    }

    /** Fires the same request from eight threads at once; every success names one and the same record. */
    private static Set<String> race(Supplier<Response> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(pool.submit(() -> {
                start.await();
                return request.get();
            }));
        }
        start.countDown();
        Set<String> ids = new HashSet<>();
        for (Future<Response> call : calls) {
            Response r = call.get();
            assertTrue(r.statusCode() == 201 || r.statusCode() == 409, "status " + r.statusCode());
            if (r.statusCode() == 201) {
                ids.add(r.path("id"));
            }
        }
        pool.shutdown();
        return ids;
    }

    @Test
    void concurrentRetriesStoreOneAssessment() throws Exception {
        String tenant = Api.newTenant();
        String org = Api.createOrganisation(tenant, "retail", "1-49", "europe");
        Map<String, Object> body = submission(org, Api.CCM, Api.uniformAnswers(5));
        Set<String> ids = race(() -> partner(tenant).header("Idempotency-Key", "k-race").body(body).post("/api/v1/assessments"));
        assertEquals(1, ids.size(), "every success names the same assessment");
        assertEquals(1, assessments(org));
    }

    @Test
    void concurrentRetriesStoreOneOrganisation() throws Exception {
        String tenant = Api.newTenant();
        Set<String> ids = race(() -> partner(tenant).header("Idempotency-Key", "org-race").body(organisation("Raced"))
                .post("/api/v1/organisations"));
        assertEquals(1, ids.size(), "every success names the same organisation");
        assertEquals(1, organisations(tenant));
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
        assertEquals(1, assessments(org));

        partner(tenant).header("Idempotency-Key", "o-4").body(Map.of("name", "X", "industry", "mining", "sizeBand", "1-49",
                "region", "europe")).post("/api/v1/organisations").then().statusCode(400);
        partner(tenant).header("Idempotency-Key", "o-4").body(organisation("X")).post("/api/v1/organisations").then()
                .statusCode(201).header("Idempotent-Replayed", nullValue());
    }

    @Test
    void keysAreForgottenAfterTheirRetention() {
        String tenant = Api.newTenant();
        partner(tenant).header("Idempotency-Key", "old").body(organisation("Old")).post("/api/v1/organisations").then()
                .statusCode(201);
        partner(tenant).header("Idempotency-Key", "new").body(organisation("New")).post("/api/v1/organisations").then()
                .statusCode(201);
        Db.execute(db, "update idempotency_key set created_at = ? where tenant_id = ? and key = ?",
                Timestamp.from(Instant.now().minusSeconds(25 * 3600)), tenant, "old");
        keys.purge();
        assertEquals(0, Db.count(db, "select count(*) from idempotency_key where tenant_id = ? and key = 'old'", tenant));
        assertEquals(1, Db.count(db, "select count(*) from idempotency_key where tenant_id = ? and key = 'new'", tenant));
        // Past its retention a key is new again: the request creates.
        partner(tenant).header("Idempotency-Key", "old").body(organisation("Old")).post("/api/v1/organisations").then()
                .statusCode(201).header("Idempotent-Replayed", nullValue());
        assertEquals(3, organisations(tenant));
    }

    @Test
    void aKeyMustBePrintableAndAtMost255Characters() {
        String tenant = Api.newTenant();
        partner(tenant).header("Idempotency-Key", "x".repeat(256)).body(organisation("Long")).post("/api/v1/organisations")
                .then().statusCode(400).body("errors[0].pointer", equalTo("Idempotency-Key"));
        partner(tenant).header("Idempotency-Key", "caf\u00e9").body(organisation("Accent")).post("/api/v1/organisations")
                .then().statusCode(400).body("errors[0].pointer", equalTo("Idempotency-Key"));
        assertEquals(0, organisations(tenant));
    }
}
