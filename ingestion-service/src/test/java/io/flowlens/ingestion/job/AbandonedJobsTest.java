package io.flowlens.ingestion.job;

import static io.flowlens.ingestion.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.flowlens.ingestion.support.Api;
import io.flowlens.ingestion.support.Db;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A crash leaves jobs "running" in the database and their spool files on disk (simulated here:
 * rows written as a stopped process would have left them, nothing killed). Start-up recovery
 * fails this replica's and abandoned ones with a message to retry and removes their files; a job
 * another live replica runs is left alone.
 */
@QuarkusTest
class AbandonedJobsTest {

    @Inject
    AgroalDataSource ds;

    @Inject
    Jobs jobs;

    UUID job(String tenant, String conn, String status, String owner, String heartbeatAgo) {
        UUID id = UUID.randomUUID();
        Db.count(ds, "with j as (insert into job (id, tenant_id, connection_id, kind, status, format, created_at,"
                + " started_at, owner, heartbeat_at) values (?::uuid, ?, ?::uuid, 'import', ?, 'generic-ndjson', now(),"
                + " now(), ?, now() - ?::interval) returning 1) select count(*) from j", id.toString(), tenant, conn,
                status, owner, heartbeatAgo);
        return id;
    }

    @Test
    void jobsLeftRunningByAStoppedProcessAreFailedAndTheirFilesRemovedAtStartUp() throws Exception {
        String tenant = Api.newTenant();
        String conn = Api.connection(tenant, "generic", "generic-secret");
        // This replica's previous process: running, heartbeat fresh (it died a moment ago), its upload spooled.
        UUID crashedRunning = job(tenant, conn, "running", jobs.replica() + "/previous-process", "1 second");
        UUID crashedQueued = job(tenant, conn, "queued", jobs.replica() + "/previous-process", "1 second");
        Path spooled = jobs.spoolFile(crashedRunning);
        Files.createDirectories(spooled.getParent());
        Files.writeString(spooled, "{\"kind\":\"item\"}\n");
        Files.writeString(spooled.resolveSibling(spooled.getFileName() + ".gz"), "gz");
        // Another replica, alive (fresh heartbeat): not ours to touch.
        UUID elsewhereAlive = job(tenant, conn, "running", "other-replica/alive", "2 seconds");
        // Another replica that stopped beating long ago: abandoned.
        UUID elsewhereDead = job(tenant, conn, "running", "other-replica/dead", "10 minutes");
        // This process's own job: untouched.
        UUID mine = job(tenant, conn, "running", jobs.owner(), "0 seconds");

        jobs.recoverAbandoned(true);

        for (UUID failed : new UUID[] {crashedRunning, crashedQueued, elsewhereDead}) {
            as(tenant, "reader").get("/api/v1/jobs/" + failed).then().statusCode(200)
                    .body("status", equalTo("failed"))
                    .body("message", containsString("start it again"))
                    .body("finishedAt", org.hamcrest.Matchers.notNullValue());
        }
        as(tenant, "reader").get("/api/v1/jobs/" + elsewhereAlive).then().body("status", equalTo("running"));
        as(tenant, "reader").get("/api/v1/jobs/" + mine).then().body("status", equalTo("running"));
        assertFalse(Files.exists(spooled), "the spooled upload is gone");
        assertFalse(Files.exists(spooled.resolveSibling(spooled.getFileName() + ".gz")));

        // Later checks (the heartbeat's) find nothing more to do, and keep this process's job beating.
        assertEquals(0, jobs.recoverAbandoned(false));
        jobs.heartbeat();
        assertTrue(Db.count(ds, "select count(*) from job where id = ?::uuid and heartbeat_at > now() - interval '5 s'",
                mine.toString()) == 1);
        Db.count(ds, "with d as (update job set status = 'succeeded' where id = ?::uuid returning 1)"
                + " select count(*) from d", mine.toString());
    }
}
