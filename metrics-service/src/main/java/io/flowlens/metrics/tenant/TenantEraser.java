package io.flowlens.metrics.tenant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.flowlens.metrics.timeline.TimelineStore;

/**
 * Erases every row of one tenant (docs/contracts.md, "Erasing a tenant"), in one transaction:
 * all of it or nothing. A second call finds nothing and answers zeros.
 */
@ApplicationScoped
public class TenantEraser {

    /** What is erased, under the name the report gives it, and its table: every table with tenant_id. */
    static final Map<String, String> TABLES = tables();

    @Inject
    TimelineStore store;

    private static Map<String, String> tables() {
        Map<String, String> t = new LinkedHashMap<>();
        // Before value streams, whose delete would take the points with it (uncounted).
        t.put("resultPoints", "business_result");
        t.put("customerCentricityLinks", "centricity_link");
        t.put("customerCentricityAssessments", "centricity_assessment");
        t.put("resultCategories", "result_category");
        t.put("valueStreams", "value_stream");
        t.put("items", "flow_item");
        t.put("dayCounts", "day_state_delta");
        t.put("monthCounts", "month_state_delta");
        t.put("loadChanges", "load_change");
        t.put("completionHistogram", "completion_histogram");
        t.put("completedStatusTimes", "completed_status_time");
        t.put("loadStatusTimes", "load_status_time");
        t.put("completedStatusDays", "completed_status_day");
        t.put("loadStatusSums", "load_status_sum");
        t.put("streamStatusDays", "stream_status_day");
        t.put("streamStatusSums", "stream_status_sum");
        t.put("streamDayCounts", "stream_day_delta");
        t.put("streamMonthCounts", "stream_month_delta");
        t.put("streamCounts", "stream_counts");
        t.put("timeZones", "tenant_zone");
        return t;
    }

    @Transactional
    public Map<String, Long> erase(String tenantId) {
        Map<String, Long> erased = new LinkedHashMap<>();
        try (Connection c = store.connection()) {
            // Waits for an item-event batch of this tenant in flight, and keeps the next one out until
            // the erase commits: no half-erased tenant is ever seen, and no delta outlives its items.
            store.lockTenant(c, tenantId);
            for (Map.Entry<String, String> table : TABLES.entrySet()) {
                try (PreparedStatement ps = c.prepareStatement("delete from " + table.getValue() + " where tenant_id = ?")) {
                    ps.setString(1, tenantId);
                    erased.put(table.getKey(), (long) ps.executeUpdate());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("erasing the tenant failed", e);
        }
        return erased;
    }
}
