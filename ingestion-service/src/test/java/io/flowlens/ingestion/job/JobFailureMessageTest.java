package io.flowlens.ingestion.job;

import static io.flowlens.ingestion.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.flowlens.ingestion.support.Api;
import io.quarkus.test.junit.QuarkusTest;

/** A failed job tells the caller what to do and which job to quote, never the database's or Java's words. */
@QuarkusTest
class JobFailureMessageTest {

    @Inject
    Jobs jobs;

    String awaitEnd(String tenant, UUID job) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            String status = as(tenant, "reader").get("/api/v1/jobs/" + job).then().extract().path("status");
            if ("failed".equals(status) || "succeeded".equals(status) || Instant.now().isAfter(deadline)) {
                return status;
            }
            Thread.sleep(50);
        }
    }

    @Test
    void aFailureInsideTheJobShowsAGenericMessageQuotingTheJob() throws Exception {
        String tenant = Api.newTenant();
        UUID conn = UUID.fromString(Api.connection(tenant, "generic", "generic-secret"));
        Job job = jobs.create(tenant, conn, "import", "generic-ndjson");
        jobs.start(job.id, id -> {
            throw new IllegalStateException("ERROR: invalid byte sequence for encoding \"UTF8\": 0x00;"
                    + " Where: COPY import_row, line 3");
        });
        awaitEnd(tenant, job.id);
        as(tenant, "reader").get("/api/v1/jobs/" + job.id).then().statusCode(200)
                .body("status", equalTo("failed"))
                .body("message", containsString("quoting job " + job.id))
                .body("message", not(containsString("COPY")))
                .body("message", not(containsString("ERROR")))
                .body("message", not(containsString("Exception")));
    }

    @Test
    void aFailureMeantForTheCallerKeepsItsOwnWords() throws Exception {
        String tenant = Api.newTenant();
        UUID conn = UUID.fromString(Api.connection(tenant, "generic", "generic-secret"));
        Job job = jobs.create(tenant, conn, "replay", null);
        jobs.start(job.id, id -> {
            throw new Jobs.JobFailure("the connection was deleted during the replay");
        });
        awaitEnd(tenant, job.id);
        as(tenant, "reader").get("/api/v1/jobs/" + job.id).then()
                .body("status", equalTo("failed"))
                .body("message", equalTo("the connection was deleted during the replay"));
    }
}
