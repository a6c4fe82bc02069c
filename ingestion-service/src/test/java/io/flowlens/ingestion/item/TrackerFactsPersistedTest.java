package io.flowlens.ingestion.item;

import static io.flowlens.ingestion.support.Api.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.flowlens.ingestion.connection.ConnectionService;
import io.flowlens.ingestion.domain.StatusChange;
import io.flowlens.ingestion.mapping.ConnectionMappings;
import io.flowlens.ingestion.support.Api;
import io.flowlens.ingestion.tracker.ItemChange;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A status change's resolution and tracker order, an item's parent and hierarchy: kept by both
 * write paths (webhook batches and imports), merged newest observation first like the other
 * attributes, and shown on the item and its timeline.
 */
@QuarkusTest
class TrackerFactsPersistedTest {

    static final Instant T1 = Instant.parse("2025-02-01T09:00:00Z");
    static final Instant T2 = Instant.parse("2025-02-03T09:00:00Z");
    static final Instant T3 = Instant.parse("2025-02-05T09:00:00Z");

    @Inject
    AgroalDataSource ds;

    @Inject
    ItemStore items;

    @Inject
    ConnectionService connections;

    /** The older observation names parent and hierarchy; the newer one names another parent only. */
    static List<ItemChange> observations() {
        ItemChange older = new ItemChange("JIRA-1", "SHOP-1", "SHOP", "Sub-task", "Sub-task", List.of(), T1, T1,
                List.of(new StatusChange(T1, "To Do", "new", null, 100L)), false, "JIRA-PARENT-OLD", "subtask");
        ItemChange newer = new ItemChange("JIRA-1", null, null, null, null, null, null, T3,
                List.of(new StatusChange(T2, "Done", "done", "Won't Do", 101L)), false, "JIRA-PARENT-NEW", null);
        return List.of(newer, older); // out of order on purpose
    }

    @Test
    void webhookBatchesKeepResolutionOrderParentAndHierarchy() throws Exception {
        String tenant = Api.newTenant();
        UUID conn = UUID.fromString(Api.connection(tenant, "jira", "jira-facts-secret"));
        var mapping = ConnectionMappings.effective(connections.require(tenant, conn));
        QuarkusTransaction.requiringNew().call(() -> {
            try (var c = ds.getConnection()) {
                return items.apply(c, tenant, conn, observations(), java.util.Arrays.asList(null, null), mapping);
            }
        });
        assertShown(tenant, conn);
    }

    @Test
    void importsKeepResolutionOrderParentAndHierarchy() throws Exception {
        String tenant = Api.newTenant();
        UUID conn = UUID.fromString(Api.connection(tenant, "jira", "jira-facts-secret"));
        var mapping = ConnectionMappings.effective(connections.require(tenant, conn));
        QuarkusTransaction.requiringNew().call(() -> {
            try (var c = ds.getConnection(); BulkStage stage = items.bulk(c, tenant, conn, UUID.randomUUID())) {
                for (ItemChange ch : observations()) {
                    stage.add(ch);
                }
                stage.finish();
                return items.derive(c, tenant, conn, mapping, items.dirtyItems(c, tenant, conn, null, 10));
            }
        });
        assertShown(tenant, conn);
    }

    private static void assertShown(String tenant, UUID conn) {
        String id = as(tenant, "reader").get("/api/v1/items?connectionId=" + conn).then().statusCode(200)
                .body("items.parentExternalId", contains("JIRA-PARENT-NEW"))
                .body("items.hierarchy", contains("subtask"))
                .extract().path("items[0].id");
        as(tenant, "reader").get("/api/v1/items/" + id + "/timeline").then().statusCode(200)
                .body("transitions.trackerStatus", contains("To Do", "Done"))
                .body("transitions[0].resolution", nullValue())
                .body("transitions[0].trackerOrder", equalTo(100))
                .body("transitions[1].resolution", equalTo("Won't Do"))
                .body("transitions[1].trackerOrder", equalTo(101));
    }
}
