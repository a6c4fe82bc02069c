package io.flowlens.ingestion.backfill;

import static io.flowlens.ingestion.support.Api.as;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.flowlens.ingestion.job.Jobs;
import io.flowlens.ingestion.support.Api;
import io.flowlens.ingestion.support.Db;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What an import's job could not write is refused before it starts (400 naming the line); nothing
 * is kept, not even in the spool directory.
 */
@QuarkusTest
class ImportHygieneTest {

    @Inject
    AgroalDataSource ds;

    @Inject
    Jobs jobs;

    @Test
    void anInstantTheDatabaseCannotStoreIsRefusedNamingItsLine() {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "generic", "generic-secret");
        String file = "{\"kind\":\"item\",\"id\":\"A-1\",\"title\":\"fine\",\"createdAt\":\"2024-01-02T09:00:00Z\"}\n"
                + "{\"kind\":\"transition\",\"item\":\"A-1\",\"at\":\"+294277-01-01T00:00:00Z\",\"status\":\"Done\"}\n";
        as(tenant, "member").contentType("application/x-ndjson").body(file.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/connections/" + conn + "/imports").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.pointer", hasItem(startsWith("/2")));
        assertEquals(0, Db.count(ds, "select count(*) from job where connection_id = ?::uuid", conn));
        assertEquals(0, Db.items(ds, conn));
        assertEquals(0, Db.count(ds, "select count(*) from import_file where connection_id = ?::uuid", conn));
    }

    @Test
    void anImportLeavesNoSpooledFileBehindWhetherRefusedOrWritten() throws Exception {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "generic", "generic-secret");
        Set<Path> before = spooled();
        String bad = "{\"kind\":\"item\",\"id\":\"A-1\",\"title\":\"fine\",\"createdAt\":\"2024-01-02T09:00:00Z\"}\n"
                + "{\"kind\":\"transition\",\"item\":\"A-1\",\"status\":\"Done\"}\n";
        as(tenant, "member").contentType("application/x-ndjson").body(bad.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/connections/" + conn + "/imports").then().statusCode(400);
        // The compressed copy is removed when its compression ends, which may be just after the 400.
        Set<Path> afterRefusal = spooled();
        afterRefusal.removeAll(before);
        for (int i = 0; i < 100 && !afterRefusal.isEmpty(); i++) {
            Thread.sleep(50);
            afterRefusal = spooled();
            afterRefusal.removeAll(before);
        }
        assertEquals(Set.of(), afterRefusal, "a refused import's upload and its compressed copy are removed");

        String good = "{\"kind\":\"item\",\"id\":\"A-1\",\"title\":\"fine\",\"createdAt\":\"2024-01-02T09:00:00Z\"}\n"
                + "{\"kind\":\"transition\",\"item\":\"A-1\",\"at\":\"2024-01-03T09:00:00Z\",\"status\":\"Done\"}\n";
        String jobId = as(tenant, "member").contentType("application/x-ndjson").body(good.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/connections/" + conn + "/imports").then().statusCode(202).extract().path("id");
        String status = "queued";
        for (int i = 0; i < 200 && !"succeeded".equals(status) && !"failed".equals(status); i++) {
            Thread.sleep(50);
            status = as(tenant, "reader").get("/api/v1/jobs/" + jobId).then().extract().path("status");
        }
        assertEquals("succeeded", status);
        try (Stream<Path> files = Files.list(jobs.spoolDirectory())) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().contains(jobId)).toList(),
                    "a written import's spool files are removed");
        }
        assertEquals(1, Db.count(ds, "select count(*) from import_file where job_id = ?::uuid", jobId));
    }

    private Set<Path> spooled() throws IOException {
        if (!Files.isDirectory(jobs.spoolDirectory())) {
            return new HashSet<>();
        }
        try (Stream<Path> files = Files.list(jobs.spoolDirectory())) {
            return files.collect(Collectors.toCollection(HashSet::new));
        }
    }
}
