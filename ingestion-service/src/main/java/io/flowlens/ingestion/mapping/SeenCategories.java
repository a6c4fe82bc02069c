package io.flowlens.ingestion.mapping;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.flowlens.ingestion.domain.FlowMapping;
import io.flowlens.ingestion.domain.StatusChange;

/**
 * The category each status of a connection was seen with ({@code status_category_seen}), so that
 * a status reported without one (a Jira changelog history names only the status) maps by the
 * category the same connection has seen it with on any item.
 *
 * <p>Which category counts: the one of the latest observation by the payload's instant (at one
 * instant, the category sorting last: only a tracker contradicting itself gets there). A row is
 * written only when a status is seen with a category the mapping does not know for it yet, so the
 * webhook path, which checks against the cached mapping in memory, writes nothing in steady state.
 * A row records the instant of the observation that wrote it; a later observation with the same
 * category writes nothing, so after a status moved from category A to B and back to A, an old
 * observation of B arriving late can win over the return to A (Jira applies a category change to
 * every issue at once, so a status changes category rarely, and a later observation puts it right).
 *
 * <p>The mapping knowing these categories is cached per connection and version (row count and
 * highest id, read with the connection's lock, so a batch sees what committed before it). When a
 * status gets a category for the first time, or another one, the connection's items that have it
 * without a category are re-derived after the commit ({@link CategoryRederivation}).
 */
@ApplicationScoped
public class SeenCategories {

    /**
     * The version of the seen categories of the connection in the row being read, as a column of a
     * statement over {@code connection}: it changes with every row written (rows are only appended,
     * or removed with their connection).
     */
    public static final String VERSION_COLUMN = "(select count(*) || '/' || coalesce(max(s.id), 0)"
            + " from status_category_seen s where s.connection_id = connection.id)";

    private static final String LATEST = "select distinct on (status_key) status_key, category"
            + " from status_category_seen where connection_id = ? order by status_key, seen_at desc, category desc";

    // Only a new status or another category gets here: rare. An observation already recorded at the same
    // or a later instant is not recorded again (a re-sent export adds nothing).
    private static final String RECORD = "insert into status_category_seen (connection_id, status_key, status,"
            + " category, seen_at) select ?, v.status_key, v.status, v.category, v.seen_at"
            + " from unnest(?::text[], ?::text[], ?::text[], ?::text[]::timestamptz[])"
            + " as v(status_key, status, category, seen_at) where not exists (select 1 from status_category_seen s"
            + " where s.connection_id = ? and s.status_key = v.status_key and s.category = v.category"
            + " and s.seen_at >= v.seen_at) returning id, status_key";

    private record Cached(String version, Map<String, String> categories, FlowMapping base, FlowMapping mapping) {
    }

    private final ConcurrentHashMap<UUID, Cached> cache = new ConcurrentHashMap<>();

    @Inject
    CategoryRederivation rederivation;

    /** {@code base} knowing the categories connection {@code connectionId} has seen (reads their version). */
    public FlowMapping withSeen(Connection c, UUID connectionId, FlowMapping base) throws SQLException {
        String version;
        try (PreparedStatement ps = c.prepareStatement("select " + VERSION_COLUMN + " from connection where id = ?")) {
            ps.setObject(1, connectionId);
            try (ResultSet rs = ps.executeQuery()) {
                version = rs.next() ? rs.getString(1) : "0/0";
            }
        }
        return withSeen(c, connectionId, version, base);
    }

    /**
     * {@code base} knowing the categories connection {@code connectionId} has seen as of
     * {@code version} ({@link #VERSION_COLUMN}); read from the database only when that version
     * is not cached yet.
     */
    public FlowMapping withSeen(Connection c, UUID connectionId, String version, FlowMapping base)
            throws SQLException {
        Cached cached = cache.get(connectionId);
        if (cached != null && cached.version().equals(version)) {
            if (cached.base() == base) {
                return cached.mapping();
            }
            FlowMapping mapping = base.withSeenCategories(cached.categories());
            cache.put(connectionId, new Cached(version, cached.categories(), base, mapping));
            return mapping;
        }
        Map<String, String> categories = latest(c, connectionId);
        FlowMapping mapping = base.withSeenCategories(categories);
        cache.put(connectionId, new Cached(version, categories, base, mapping));
        return mapping;
    }

    /**
     * Records the categories {@code observed} states for statuses that {@code mapping} (the
     * connection's, {@link #withSeen}) does not know with that category, in the caller's
     * transaction, and returns the mapping to derive this transaction's items with (the same one
     * when nothing changed). When a status's category changed, the connection's items that have it
     * without a category are re-derived once this transaction commits.
     */
    public FlowMapping record(Connection c, UUID connectionId, FlowMapping mapping,
            Collection<StatusChange> observed) throws SQLException {
        Map<String, String> known = mapping.seenCategories();
        // Per status and category, the latest observation: the one to record.
        Map<List<String>, StatusChange> latest = null;
        for (StatusChange sc : observed) {
            String category = sc.category() == null ? null : sc.category().trim();
            if (category == null || category.isEmpty()) {
                continue;
            }
            String key = FlowMapping.key(sc.status());
            if (key.isEmpty() || category.equalsIgnoreCase(known.get(key))) {
                continue;
            }
            if (latest == null) {
                latest = new LinkedHashMap<>();
            }
            latest.merge(List.of(key, category), sc, (a, b) -> b.at().isAfter(a.at()) ? b : a);
        }
        if (latest == null) {
            return mapping;
        }
        int n = latest.size();
        String[][] cols = new String[4][n];
        int k = 0;
        for (Map.Entry<List<String>, StatusChange> e : latest.entrySet()) {
            cols[0][k] = e.getKey().get(0);
            cols[1][k] = e.getValue().status().trim();
            cols[2][k] = e.getKey().get(1);
            cols[3][k] = e.getValue().at().toString();
            k++;
        }
        Map<Long, String> inserted = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(RECORD)) {
            ps.setObject(1, connectionId);
            for (int col = 0; col < 4; col++) {
                ps.setArray(col + 2, c.createArrayOf("text", cols[col]));
            }
            ps.setObject(6, connectionId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    inserted.put(rs.getLong(1), rs.getString(2));
                }
            }
        }
        if (inserted.isEmpty()) {
            return mapping;
        }
        Map<String, String> now = latest(c, connectionId);
        Set<String> changed = new TreeSet<>();
        now.forEach((key, category) -> {
            if (!category.equalsIgnoreCase(Objects.requireNonNullElse(known.get(key), ""))) {
                changed.add(key);
            }
        });
        // Items need deriving again only for a status whose category changed and that no status entry maps
        // by name (a name wins over any category): not for an older observation, nor for "Done".
        Set<String> rederive = new TreeSet<>(changed);
        rederive.removeAll(mapping.statuses().keySet());
        List<Long> unchanged = new ArrayList<>();
        inserted.forEach((id, key) -> {
            if (!rederive.contains(key)) {
                unchanged.add(id);
            }
        });
        if (!unchanged.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "update status_category_seen set rederive = false where id = any(?)")) {
                ps.setArray(1, c.createArrayOf("bigint", unchanged.toArray()));
                ps.executeUpdate();
            }
        }
        if (changed.isEmpty()) {
            return mapping;
        }
        if (!rederive.isEmpty()) {
            rederivation.afterCommit(connectionId);
        }
        return mapping.withSeenCategories(now);
    }

    /** What each status of the connection maps by: the category of its latest observation. */
    static Map<String, String> latest(Connection c, UUID connectionId) throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(LATEST)) {
            ps.setObject(1, connectionId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }
}
