package io.flowlens.ingestion.webhook;

import static io.flowlens.ingestion.support.Api.fixture;
import static io.flowlens.ingestion.support.Api.hmacHex;
import static io.flowlens.ingestion.support.Api.tracker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.flowlens.ingestion.support.Api;
import io.flowlens.ingestion.support.Db;
import io.quarkus.test.junit.QuarkusTest;

/**
 * While a connection is locked (a replay swapping its facts, a deletion), its deliveries wait
 * and are then written once; other tenants' deliveries do not wait for it.
 */
@QuarkusTest
class LockedConnectionDeliveriesTest {

    static final String SECRET = "gh-locked-secret";

    @Inject
    AgroalDataSource ds;

    static int deliver(String conn, String id) {
        byte[] body = fixture("github/issues-opened.json");
        return tracker().header("X-GitHub-Event", "issues").header("X-GitHub-Delivery", id)
                .header("X-Hub-Signature-256", "sha256=" + hmacHex(SECRET, body)).contentType("application/json")
                .body(body).post("/api/v1/webhooks/" + conn).statusCode();
    }

    @Test
    void aLockedConnectionsDeliveriesWaitWithoutHoldingUpOtherTenants() throws Exception {
        String busy = Api.connection(Api.newTenant(), "github", SECRET);
        String other = Api.connection(Api.newTenant(), "github", SECRET);
        assertEquals(200, deliver(busy, "locked-warmup"));
        CompletableFuture<Integer> waiting;
        // A transaction holding the row exclusively, as a replay's swap or a deletion does.
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("select id from connection where id = ?::uuid for update")) {
                ps.setString(1, busy);
                ps.executeQuery().close();
            }
            waiting = CompletableFuture.supplyAsync(() -> deliver(busy, "locked-during-swap"));
            long start = System.nanoTime();
            assertEquals(200, deliver(other, "locked-other-tenant"));
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertEquals(1, Db.rawEvents(ds, other), "the other tenant's delivery is written at once");
            Thread.sleep(300);
            assertFalse(waiting.isDone(), "the locked connection's delivery waits (other tenant answered in "
                    + tookMs + " ms)");
            c.rollback();
        }
        assertEquals(200, waiting.get(30, TimeUnit.SECONDS));
        assertEquals(2, Db.rawEvents(ds, busy));
        assertEquals(200, deliver(busy, "locked-during-swap")); // a redelivery stays one raw event
        assertEquals(2, Db.rawEvents(ds, busy));
    }
}
