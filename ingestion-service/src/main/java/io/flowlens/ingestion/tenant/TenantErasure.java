package io.flowlens.ingestion.tenant;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.agroal.api.AgroalDataSource;
import io.flowlens.ingestion.connection.ConnectionService;
import io.flowlens.ingestion.item.ItemFacts;

/** Erases every row of a tenant in ingestion, in one transaction (docs/contracts.md, "Erasing a tenant"). */
@ApplicationScoped
public class TenantErasure {

    @Inject
    ItemFacts facts;

    @Inject
    ConnectionService connections;

    @Inject
    AgroalDataSource dataSource;

    /** What was erased, by kind of row; a second call answers zeros. */
    public record Report(String tenantId, Map<String, Long> erased) {
    }

    @Transactional
    public Report erase(String tenantId) {
        ItemFacts.Erased e;
        List<UUID> ids;
        try (java.sql.Connection c = dataSource.getConnection()) {
            ids = connectionIds(c, tenantId);
            e = facts.forgetTenant(c, tenantId);
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot erase tenant " + tenantId, ex);
        }
        connections.forgetCached(ids);
        Map<String, Long> erased = new LinkedHashMap<>();
        erased.put("connections", e.connections());
        erased.put("rawEvents", e.rawEvents());
        erased.put("importFiles", e.importFiles());
        erased.put("items", e.items());
        erased.put("transitions", e.transitions());
        erased.put("jobs", e.jobs());
        erased.put("outboxEvents", e.outboxEvents());
        erased.put("parkedEvents", e.parkedEvents());
        return new Report(tenantId, erased);
    }

    private static List<UUID> connectionIds(java.sql.Connection c, String tenantId) throws SQLException {
        List<UUID> out = new java.util.ArrayList<>();
        try (var ps = c.prepareStatement("select id from connection where tenant_id = ?")) {
            ps.setString(1, tenantId);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return out;
    }
}
