package io.flowlens.ingestion.outbox;

import static io.flowlens.ingestion.outbox.OutboxRelayTest.await;
import static io.flowlens.ingestion.outbox.OutboxRelayTest.deliver;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.flowlens.ingestion.support.Api;
import io.flowlens.ingestion.support.Db;
import io.flowlens.ingestion.support.FakeMetricsService;
import io.quarkus.test.junit.QuarkusTest;

/** One tenant's backlog takes its share of each batch and no more: another tenant's event leaves with the next one. */
@QuarkusTest
class TenantsAreRelayedFairlyTest {

    static final int BACKLOG = 4_000;

    @Inject
    AgroalDataSource ds;

    /** A backlog as a large import leaves it: valid events, all due, older than anything else. */
    void backlog(String tenant, int events) throws Exception {
        String conn = UUID.randomUUID().toString();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("insert into outbox"
                + " (event_id, tenant_id, item_id, revision, payload, created_at, next_attempt_at)"
                + " select e, ?, i, 1, jsonb_build_object('eventId', e, 'tenantId', ?, 'type', 'item.upserted',"
                + " 'revision', 1, 'emittedAt', '2026-01-05T10:00:00Z', 'item', jsonb_build_object('itemId', i,"
                + " 'connectionId', ?, 'project', 'bulk', 'key', 'B-' || g, 'title', 'bulk ' || g, 'flowType', 'feature',"
                + " 'labels', '[]'::jsonb, 'createdAt', '2025-01-01T00:00:00Z', 'transitions', '[]'::jsonb)),"
                + " now() - interval '1 hour', now() - interval '1 hour'"
                + " from (select g, gen_random_uuid() as e, gen_random_uuid() as i from generate_series(1, ?) g) s")) {
            ps.setString(1, tenant);
            ps.setString(2, tenant);
            ps.setString(3, conn);
            ps.setInt(4, events);
            ps.executeUpdate();
        }
    }

    @Test
    void anotherTenantsEventIsNotQueuedBehindABacklog() throws Exception {
        FakeMetricsService metrics = FakeMetricsService.get();
        metrics.setDown(true);
        String busy = Api.newTenant();
        String quiet = Api.newTenant();
        String quietConn = Api.connection(quiet, "github", OutboxRelayTest.SECRET);
        try {
            backlog(busy, BACKLOG);
            deliver(quietConn, "issues-opened.json", "fair-1");
            int before = metrics.batches.size();
            metrics.setDown(false);
            await("the quiet tenant's event arrived", () -> metrics.batches.stream().anyMatch(b -> b.contains(quiet)));
            // It travelled in the first or second batch after recovery (a tick may start between two
            // batches), alongside the busy tenant's share — never after the busy tenant's whole backlog.
            List<List<String>> all = new java.util.ArrayList<>(metrics.batches);
            List<List<String>> since = all.subList(before, all.size());
            int busyBefore = 0;
            for (List<String> batch : since) {
                if (batch.contains(quiet)) {
                    break;
                }
                busyBefore += (int) batch.stream().filter(busy::equals).count();
            }
            assertTrue(busyBefore <= 1_000, "the busy tenant's events delivered first: " + busyBefore);
            assertTrue(since.stream().filter(b -> b.contains(quiet)).findFirst().orElseThrow().contains(busy),
                    "the batch shared between both tenants");
            await("the backlog drained too", () -> Db.count(ds, "select count(*) from outbox where tenant_id = ?", busy) == 0);
        } finally {
            metrics.setDown(false);
        }
    }
}
