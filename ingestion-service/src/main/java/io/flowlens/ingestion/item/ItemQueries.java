package io.flowlens.ingestion.item;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.flowlens.common.problem.ApiException;
import io.flowlens.ingestion.api.Cursors;
import io.flowlens.ingestion.api.Page;
import io.flowlens.ingestion.connection.ConnectionService;
import io.flowlens.ingestion.domain.FlowMapping;
import io.flowlens.ingestion.domain.FlowState;
import io.flowlens.ingestion.domain.FlowType;
import io.flowlens.ingestion.domain.StatusChange;
import io.flowlens.ingestion.domain.StatusSuggestion;
import io.flowlens.ingestion.domain.Timeline;
import io.flowlens.ingestion.mapping.ConnectionMappings;
import io.flowlens.ingestion.mapping.SeenCategories;

/** Reads canonical items, always within one tenant. */
@ApplicationScoped
public class ItemQueries {

    private static final String COLUMNS = "id, connection_id, project, item_key, title, tracker_type, flow_type,"
            + " flow_state, labels, created_at, revision, updated_at, parent_external_id, hierarchy";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper json;

    @Inject
    ConnectionService connections;

    @Inject
    SeenCategories seen;

    /** Filters of the item list; null means "any". */
    public record Filter(UUID connectionId, String project, String flowType, String flowState, Instant updatedSince) {
    }

    public Page<ItemView> list(String tenantId, Filter f, Integer limit, String cursor) {
        int n = Cursors.limit(limit);
        UUID after = Cursors.decode(cursor);
        if (f.flowType() != null && FlowType.fromWord(f.flowType()).isEmpty()) {
            throw ApiException.badParameter("flowType", "must be one of feature, defect, risk, debt");
        }
        if (f.flowState() != null && FlowState.fromWord(f.flowState()).isEmpty()) {
            throw ApiException.badParameter("flowState", "must be one of new, active, waiting, done, canceled");
        }
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from item where tenant_id = ? and not deleted"
                + " and created_at is not null");
        List<Object> args = new ArrayList<>();
        args.add(tenantId);
        if (f.connectionId() != null) {
            sql.append(" and connection_id = ?");
            args.add(f.connectionId());
        }
        if (f.project() != null) {
            sql.append(" and project = ?");
            args.add(f.project());
        }
        if (f.flowType() != null) {
            sql.append(" and flow_type = ?");
            args.add(f.flowType().toLowerCase());
        }
        if (f.flowState() != null) {
            sql.append(" and flow_state = ?");
            args.add(f.flowState().toLowerCase());
        }
        if (f.updatedSince() != null) {
            sql.append(" and updated_at >= ?");
            args.add(f.updatedSince().atOffset(ZoneOffset.UTC));
        }
        if (after != null) {
            sql.append(" and id > ?");
            args.add(after);
        }
        sql.append(" order by id limit ?");
        args.add(n + 1);
        List<ItemView> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(view(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        List<ItemView> page = rows.stream().limit(n).toList();
        return new Page<>(page, rows.size() > n ? Cursors.encode(page.get(n - 1).id()) : null);
    }

    public ItemView get(String tenantId, UUID id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select " + COLUMNS + " from item where tenant_id = ? and id = ? and not deleted")) {
            ps.setString(1, tenantId);
            ps.setObject(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw ApiException.notFound("item", id);
                }
                return view(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every reported status change of the item, with what it means under the connection's current mapping. */
    public TimelineView timeline(String tenantId, UUID id) {
        ItemView item = get(tenantId, id);
        FlowMapping base = ConnectionMappings.effective(connections.require(tenantId, item.connectionId()));
        FlowMapping mapping;
        List<StatusChange> changes = new ArrayList<>();
        List<UUID[]> sources = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            mapping = seen.withSeen(c, item.connectionId(), base);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select at, status, category, resolution, tracker_order, raw_event_id, import_id from transition"
                        + " where tenant_id = ? and item_id = ? order by at, id")) {
            ps.setString(1, tenantId);
            ps.setObject(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    changes.add(ItemStore.statusChange(rs, 1));
                    sources.add(new UUID[] {rs.getObject(6, UUID.class), rs.getObject(7, UUID.class)});
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        Timeline t = Timeline.derive(item.createdAt(), changes, mapping, Instant.now());
        List<TimelineView.Entry> entries = t.entries().stream().map(e -> new TimelineView.Entry(e.at(), e.status(),
                changes.get(e.source()).resolution(), changes.get(e.source()).order(), e.state().word(), e.mapped(),
                sources.get(e.source())[0], sources.get(e.source())[1])).toList();
        List<TimelineView.Point> points = t.states().stream()
                .map(p -> new TimelineView.Point(p.at(), p.state().word())).toList();
        return new TimelineView(id, item.key(), item.flowState(), entries, points);
    }

    public DataQualityView dataQuality(String tenantId, UUID connectionId) {
        io.flowlens.ingestion.connection.Connection connection = connections.require(tenantId, connectionId);
        try (Connection c = dataSource.getConnection()) {
            long[] n = new long[6];
            try (PreparedStatement ps = c.prepareStatement(
                    "select count(*) filter (where not deleted), coalesce(sum(dq_future) filter (where not deleted), 0),"
                            + " coalesce(sum(dq_before_creation) filter (where not deleted), 0),"
                            + " coalesce(sum(dq_unmapped) filter (where not deleted), 0),"
                            + " count(*) filter (where dq_done_without_start and not deleted),"
                            + " count(*) filter (where deleted)"
                            + " from item where tenant_id = ? and connection_id = ?")) {
                ps.setString(1, tenantId);
                ps.setObject(2, connectionId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    for (int i = 0; i < n.length; i++) {
                        n[i] = rs.getLong(i + 1);
                    }
                }
            }
            FlowMapping mapping = seen.withSeen(c, connectionId, ConnectionMappings.effective(connection));
            return new DataQualityView(connectionId, n[0], n[1], n[2], n[3], n[4], n[5],
                    n[3] == 0 ? List.of() : unmapped(c, connection, mapping));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The statuses of the connection's items that the mapping in force (with the categories the
     * connection has seen) does not cover, with how much uses them and a suggested flow state.
     * Only items counted with unmapped changes are read.
     */
    private List<UnmappedStatusView> unmapped(Connection c, io.flowlens.ingestion.connection.Connection connection,
            FlowMapping mapping) throws SQLException {
        String scope = " from transition t join item i on i.id = t.item_id where i.tenant_id = ?"
                + " and i.connection_id = ? and not i.deleted and i.dq_unmapped > 0";
        List<String> statuses = new ArrayList<>();
        List<String> categories = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select t.status, t.category" + scope + " group by 1, 2")) {
            ps.setString(1, connection.tenantId);
            ps.setObject(2, connection.id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (mapping.stateOf(rs.getString(1), rs.getString(2)).isEmpty()) {
                        statuses.add(rs.getString(1));
                        categories.add(rs.getString(2) == null ? "" : rs.getString(2));
                    }
                }
            }
        }
        if (statuses.isEmpty()) {
            return List.of();
        }
        record Use(String key, String status, long items, long transitions) {
        }
        List<Use> uses = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select lower(btrim(t.status)), min(t.status), count(distinct"
                + " t.item_id), count(*)" + scope + " and (t.status, coalesce(t.category, '')) in"
                + " (select * from unnest(?::text[], ?::text[])) group by 1 order by 4 desc, 2")) {
            ps.setString(1, connection.tenantId);
            ps.setObject(2, connection.id);
            ps.setArray(3, c.createArrayOf("text", statuses.toArray()));
            ps.setArray(4, c.createArrayOf("text", categories.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    uses.add(new Use(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)));
                }
            }
        }
        // Where the tenant's other connections of the same tracker saw these statuses with a category, latest first.
        java.util.Map<String, List<StatusSuggestion.Sighting>> elsewhere = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select s.status_key, s.category, s.name from ("
                + " select distinct on (s.connection_id, s.status_key) s.status_key, s.category, s.seen_at, o.name"
                + " from status_category_seen s join connection o on o.id = s.connection_id"
                + " where o.tenant_id = ? and o.kind = ? and o.id <> ? and s.status_key = any(?)"
                + " order by s.connection_id, s.status_key, s.seen_at desc, s.category desc) s"
                + " order by s.seen_at desc, s.name")) {
            ps.setString(1, connection.tenantId);
            ps.setString(2, connection.kind);
            ps.setObject(3, connection.id);
            ps.setArray(4, c.createArrayOf("text", uses.stream().map(Use::key).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    elsewhere.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new StatusSuggestion.Sighting(rs.getString(2), rs.getString(3)));
                }
            }
        }
        return uses.stream().map(u -> new UnmappedStatusView(u.status(), u.items(), u.transitions(),
                StatusSuggestion.suggest(u.status(), elsewhere.get(u.key()), mapping.categories())
                        .map(s -> new UnmappedStatusView.Suggestion(s.state().word(), s.rule(), s.reason()))
                        .orElse(null))).toList();
    }

    private ItemView view(ResultSet rs) throws SQLException {
        try {
            return new ItemView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                    rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                    json.readValue(rs.getString(9), new TypeReference<List<String>>() {
                    }), ItemStore.instant(rs, 10), rs.getLong(11), ItemStore.instant(rs, 12), rs.getString(13),
                    rs.getString(14));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
