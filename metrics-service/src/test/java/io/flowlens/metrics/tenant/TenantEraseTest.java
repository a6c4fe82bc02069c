package io.flowlens.metrics.tenant;

import static io.flowlens.metrics.Fixtures.as;
import static io.flowlens.metrics.Fixtures.newTenant;
import static io.flowlens.metrics.Fixtures.awaitDayCounts;
import static io.flowlens.metrics.Fixtures.post;
import static io.flowlens.metrics.Fixtures.scope;
import static io.flowlens.metrics.Fixtures.service;
import static io.flowlens.metrics.Fixtures.upsert;
import static io.flowlens.metrics.Fixtures.valueStream;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.flowlens.common.identity.Roles;
import io.quarkus.test.junit.QuarkusTest;

/** Erasing a tenant: every row of it in one go, a report of what went, idempotent, others untouched. */
@QuarkusTest
class TenantEraseTest {

    @Inject
    DataSource dataSource;

    long rows(String table, String tenant) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select count(*) from " + table + " where tenant_id = ?")) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static void seed(String tenant) {
        post(upsert(tenant, "a", 1, "c1", "shop", "feature", List.of("x"), "2025-06-01T08:00:00Z",
                "2025-06-02T08:00:00Z", "active", "2025-06-03T08:00:00Z", "done"),
                // In the label stream too, in progress: its time in status sums of the load.
                upsert(tenant, "b", 1, "c1", "shop", "defect", List.of("x"), "2025-06-01T08:00:00Z",
                        "2025-06-02T08:00:00Z", "active"));
        // Narrowed by labels: the stream has day counts of its own, prepared by the job.
        String stream = valueStream(tenant, "Shop", "Europe/Paris",
                List.of(java.util.Map.of("connectionId", "c1", "project", "shop", "labels", List.of("x"))));
        awaitDayCounts(tenant, stream);
        as(tenant, Roles.MEMBER).contentType("application/json")
                .body(Map.of("name", "nps", "label", "NPS", "higherIsBetter", true)).post("/api/v1/result-categories")
                .then().statusCode(201);
        as(tenant, Roles.MEMBER).contentType("application/json")
                .body(Map.of("category", "nps", "date", "2025-06-30", "value", 41))
                .post("/api/v1/value-streams/" + stream + "/results").then().statusCode(201);
        java.util.UUID organisation = java.util.UUID.randomUUID();
        io.flowlens.metrics.centricity.AssessmentEvents.post(io.flowlens.metrics.centricity.AssessmentEvents.scored(
                tenant, java.util.UUID.randomUUID(), organisation, 1, "2025-06-15T10:00:00Z", 50, 40, 60))
                .statusCode(200).body("accepted", equalTo(1));
        as(tenant, Roles.MEMBER).contentType("application/json").body(Map.of("organisationId", organisation.toString()))
                .put("/api/v1/value-streams/" + stream + "/customer-centricity-link").then().statusCode(200);
    }

    @Test
    void everyRowOfTheTenantIsErasedOnceAndAnotherTenantsStay() throws SQLException {
        String gone = newTenant();
        String stays = newTenant();
        seed(gone);
        seed(stays);
        service().delete("/internal/v1/tenants/" + gone).then().statusCode(200)
                .body("tenantId", equalTo(gone))
                .body("erased.items", equalTo(2)).body("erased.valueStreams", equalTo(1))
                .body("erased.resultPoints", equalTo(1)).body("erased.resultCategories", equalTo(1))
                .body("erased.customerCentricityLinks", equalTo(1)).body("erased.customerCentricityAssessments", equalTo(1))
                .body("erased.timeZones", equalTo(2)) // UTC and the value stream's zone
                .body("erased.dayCounts", greaterThan(0)).body("erased.monthCounts", greaterThan(0))
                .body("erased.loadChanges", greaterThan(0)).body("erased.completionHistogram", greaterThan(0))
                .body("erased.streamDayCounts", greaterThan(0)).body("erased.streamCounts", equalTo(1))
                .body("erased.streamStatusDays", greaterThan(0)).body("erased.streamStatusSums", greaterThan(0));
        for (String table : TenantEraser.TABLES.values()) {
            assertEquals(0, rows(table, gone), table);
            org.junit.jupiter.api.Assertions.assertTrue(rows(table, stays) > 0, table + " of another tenant");
        }
        as(gone, Roles.READER).get("/api/v1/value-streams").then().statusCode(200).body("items.size()", equalTo(0));
        as(stays, Roles.READER).get("/api/v1/value-streams").then().statusCode(200).body("items.size()", equalTo(1));
        as(stays, Roles.READER).get("/api/v1/portfolio/flow?from=2025-06-01&to=2025-07-01").then().statusCode(200)
                .body("total.velocity", equalTo(1));

        // Again: nothing left, zeros, still 200.
        service().delete("/internal/v1/tenants/" + gone).then().statusCode(200)
                .body("erased", equalTo(Map.ofEntries(Map.entry("resultPoints", 0), Map.entry("resultCategories", 0),
                        Map.entry("customerCentricityLinks", 0), Map.entry("customerCentricityAssessments", 0),
                        Map.entry("valueStreams", 0), Map.entry("items", 0), Map.entry("dayCounts", 0),
                        Map.entry("monthCounts", 0), Map.entry("loadChanges", 0), Map.entry("completionHistogram", 0),
                        Map.entry("completedStatusTimes", 0),
                        Map.entry("loadStatusTimes", 0), Map.entry("completedStatusDays", 0),
                        Map.entry("loadStatusSums", 0), Map.entry("streamStatusDays", 0),
                        Map.entry("streamStatusSums", 0), Map.entry("streamDayCounts", 0),
                        Map.entry("streamMonthCounts", 0), Map.entry("streamCounts", 0), Map.entry("timeZones", 0))));
    }

    @Test
    void onlyAServiceMayEraseAndTheTenantIdIsChecked() {
        String tenant = newTenant();
        seed(tenant);
        as(tenant, Roles.ADMIN).delete("/internal/v1/tenants/" + tenant).then().statusCode(403);
        as(null, Roles.PLATFORM).delete("/internal/v1/tenants/" + tenant).then().statusCode(403);
        as(tenant, Roles.READER).get("/api/v1/value-streams").then().body("items.size()", equalTo(1));
        service().delete("/internal/v1/tenants/" + "t".repeat(65)).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].pointer", equalTo("tenantId"));
    }
}
