package io.flowlens.metrics.result;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import javax.sql.DataSource;

import io.flowlens.common.problem.ApiException;

/**
 * The one writer of {@code result_category} and {@code business_result} (plain JDBC: uploads are
 * batches). Every statement names the tenant. Called inside the services' transactions.
 */
@ApplicationScoped
public class ResultStore {

    /** A tenant category as stored. */
    record StoredCategory(ResultCategory category, Instant createdAt, Instant updatedAt) {
        CategoryView view() {
            ResultCategory c = category;
            return new CategoryView(c.name(), c.label(), c.unit(), c.higherIsBetter(), false, true, createdAt, updatedAt);
        }
    }

    private static final String POINT_COLUMNS = "id, value_stream_id, category, day, value, note, created_at, updated_at";

    @Inject
    DataSource dataSource;

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    // --- categories ---------------------------------------------------------------------------

    List<StoredCategory> categories(String tenantId, String afterName, int limit) {
        return query("select name, label, unit, higher_is_better, created_at, updated_at from result_category "
                + "where tenant_id = ? and name > ? order by name limit ?", ps -> {
                    ps.setString(1, tenantId);
                    ps.setString(2, afterName == null ? "" : afterName);
                    ps.setInt(3, limit);
                }, ResultStore::category);
    }

    StoredCategory category(String tenantId, String name) {
        List<StoredCategory> found = query("select name, label, unit, higher_is_better, created_at, updated_at "
                + "from result_category where tenant_id = ? and name = ?", ps -> {
                    ps.setString(1, tenantId);
                    ps.setString(2, name);
                }, ResultStore::category);
        return found.isEmpty() ? null : found.get(0);
    }

    /** False when the tenant has a category of that name already. */
    boolean insertCategory(String tenantId, ResultCategory c, Instant at) {
        return update("insert into result_category (tenant_id, name, label, unit, higher_is_better, created_at, updated_at) "
                + "values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing", ps -> {
                    ps.setString(1, tenantId);
                    ps.setString(2, c.name());
                    ps.setString(3, c.label());
                    ps.setString(4, c.unit());
                    ps.setBoolean(5, c.higherIsBetter());
                    ps.setObject(6, utc(at));
                    ps.setObject(7, utc(at));
                }) == 1;
    }

    boolean updateCategory(String tenantId, ResultCategory c, Instant at) {
        return update("update result_category set label = ?, unit = ?, higher_is_better = ?, updated_at = ? "
                + "where tenant_id = ? and name = ?", ps -> {
                    ps.setString(1, c.label());
                    ps.setString(2, c.unit());
                    ps.setBoolean(3, c.higherIsBetter());
                    ps.setObject(4, utc(at));
                    ps.setString(5, tenantId);
                    ps.setString(6, c.name());
                }) == 1;
    }

    /**
     * Deletes the category row; waits for any transaction writing points in it (they hold the row
     * with {@link #lockCategories}), so the points counted after this are all there will be.
     */
    boolean deleteCategory(String tenantId, String name) {
        return update("delete from result_category where tenant_id = ? and name = ?", ps -> {
            ps.setString(1, tenantId);
            ps.setString(2, name);
        }) == 1;
    }

    /**
     * Which of {@code names} are the tenant's categories, each held (key share) to the end of the
     * transaction so that no delete of it commits between this check and the points' insert.
     */
    Set<String> lockCategories(String tenantId, Collection<String> names) {
        if (names.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(query("select name from result_category where tenant_id = ? and name = any (?) "
                + "order by name for key share", ps -> {
                    ps.setString(1, tenantId);
                    ps.setArray(2, ps.getConnection().createArrayOf("varchar", names.toArray()));
                }, rs -> rs.getString(1)));
    }

    /** Points in the category, over all the tenant's streams: [points, streams]. */
    long[] pointsIn(String tenantId, String category) {
        return query("select count(*), count(distinct value_stream_id) from business_result "
                + "where tenant_id = ? and category = ?", ps -> {
                    ps.setString(1, tenantId);
                    ps.setString(2, category);
                }, rs -> new long[] { rs.getLong(1), rs.getLong(2) }).get(0);
    }

    int deletePointsIn(String tenantId, String category) {
        return update("delete from business_result where tenant_id = ? and category = ?", ps -> {
            ps.setString(1, tenantId);
            ps.setString(2, category);
        });
    }

    // --- points -------------------------------------------------------------------------------

    /** The stream's points in [from, to) (either may be null), optionally of one category, by date then id. */
    List<PointView> points(String tenantId, UUID streamId, String category, LocalDate from, LocalDate to,
            LocalDate afterDate, UUID afterId, int limit) {
        StringBuilder sql = new StringBuilder("select " + POINT_COLUMNS
                + " from business_result where tenant_id = ? and value_stream_id = ?");
        if (category != null) {
            sql.append(" and category = ?");
        }
        if (from != null) {
            sql.append(" and day >= ?");
        }
        if (to != null) {
            sql.append(" and day < ?");
        }
        if (afterDate != null) {
            sql.append(" and (day, id) > (?, ?)");
        }
        sql.append(" order by day, id limit ?");
        return query(sql.toString(), ps -> {
            int k = 1;
            ps.setString(k++, tenantId);
            ps.setObject(k++, streamId);
            if (category != null) {
                ps.setString(k++, category);
            }
            if (from != null) {
                ps.setObject(k++, from);
            }
            if (to != null) {
                ps.setObject(k++, to);
            }
            if (afterDate != null) {
                ps.setObject(k++, afterDate);
                ps.setObject(k++, afterId);
            }
            ps.setInt(k, limit);
        }, ResultStore::point);
    }

    PointView point(String tenantId, UUID streamId, UUID pointId) {
        List<PointView> found = query("select " + POINT_COLUMNS + " from business_result "
                + "where tenant_id = ? and value_stream_id = ? and id = ?", ps -> {
                    ps.setString(1, tenantId);
                    ps.setObject(2, streamId);
                    ps.setObject(3, pointId);
                }, ResultStore::point);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Stores the points; a stream deleted meanwhile is a 404 (its foreign key is gone). */
    List<PointView> insertPoints(String tenantId, UUID streamId, List<PointRules.Point> points, Instant at) {
        List<PointView> stored = new ArrayList<>(points.size());
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("insert into business_result (" + POINT_COLUMNS
                        + ", tenant_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (PointRules.Point p : points) {
                UUID id = UUID.randomUUID();
                ps.setObject(1, id);
                ps.setObject(2, streamId);
                ps.setString(3, p.category());
                ps.setObject(4, p.date());
                ps.setDouble(5, p.value());
                ps.setString(6, p.note());
                ps.setObject(7, utc(at));
                ps.setObject(8, utc(at));
                ps.setString(9, tenantId);
                ps.addBatch();
                stored.add(new PointView(id, streamId, p.category(), p.date(), p.value(), p.note(), at, at));
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw streamGoneOr(e, streamId);
        }
        return stored;
    }

    boolean updatePoint(String tenantId, UUID streamId, UUID pointId, PointRules.Point p, Instant at) {
        return update("update business_result set category = ?, day = ?, value = ?, note = ?, updated_at = ? "
                + "where tenant_id = ? and value_stream_id = ? and id = ?", ps -> {
                    ps.setString(1, p.category());
                    ps.setObject(2, p.date());
                    ps.setDouble(3, p.value());
                    ps.setString(4, p.note());
                    ps.setObject(5, utc(at));
                    ps.setString(6, tenantId);
                    ps.setObject(7, streamId);
                    ps.setObject(8, pointId);
                }) == 1;
    }

    boolean deletePoint(String tenantId, UUID streamId, UUID pointId) {
        return update("delete from business_result where tenant_id = ? and value_stream_id = ? and id = ?", ps -> {
            ps.setString(1, tenantId);
            ps.setObject(2, streamId);
            ps.setObject(3, pointId);
        }) == 1;
    }

    /** Deletes the stream's points on the (category, date) pairs given; how many. */
    int deletePointsOn(String tenantId, UUID streamId, List<String> categories, List<LocalDate> dates) {
        return update("delete from business_result where tenant_id = ? and value_stream_id = ? "
                + "and (category, day) in (select c, d::date from unnest(?::varchar[], ?::text[]) as u(c, d))", ps -> {
                    ps.setString(1, tenantId);
                    ps.setObject(2, streamId);
                    ps.setArray(3, ps.getConnection().createArrayOf("varchar", categories.toArray()));
                    ps.setArray(4, ps.getConnection().createArrayOf("text",
                            dates.stream().map(LocalDate::toString).toArray()));
                });
    }

    // --- plumbing -----------------------------------------------------------------------------

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Binder binder, Row<T> row) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row.read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("reading business results failed", e);
        }
    }

    private int update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("writing business results failed", e);
        }
    }

    private static RuntimeException streamGoneOr(SQLException e, UUID streamId) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if ("23503".equals(s.getSQLState())) {
                return ApiException.notFound("value stream", streamId);
            }
            if (s.getNextException() == s) {
                break;
            }
        }
        return new IllegalStateException("writing business results failed", e);
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private static StoredCategory category(ResultSet rs) throws SQLException {
        return new StoredCategory(new ResultCategory(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                false, true), rs.getObject(5, OffsetDateTime.class).toInstant(),
                rs.getObject(6, OffsetDateTime.class).toInstant());
    }

    private static PointView point(ResultSet rs) throws SQLException {
        return new PointView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                rs.getObject(4, LocalDate.class), rs.getDouble(5), rs.getString(6),
                rs.getObject(7, OffsetDateTime.class).toInstant(), rs.getObject(8, OffsetDateTime.class).toInstant());
    }
}
