package io.flowlens.metrics.timeline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.flowlens.metrics.calc.BucketedCompletions;
import io.flowlens.metrics.calc.CompletedItem;
import io.flowlens.metrics.calc.CompletionStats;
import io.flowlens.metrics.calc.FlowTimeBuckets;
import io.flowlens.metrics.calc.FlowType;

/**
 * A window's completion figures from the completion histogram (migration V12) instead of from every
 * completion in it: the whole UTC days of the window are covered by a handful of spans of 1, 8 and
 * 64 days, whose rows give counts and exact sums per type and flow-time bucket; the parts of a UTC
 * day at either end are read item by item; then only the exact flow times of the buckets holding
 * min, max and the percentile ranks are read ({@link BucketedCompletions}). All of it in one
 * repeatable-read snapshot, so counts and values agree. What it reads grows with the window's
 * length in spans and the width of a few buckets, not with the number of completions summed.
 * Scopes without labels only (the histogram is kept per project, like the shared day counts).
 */
@ApplicationScoped
public class CompletionHistograms {

    static final int[] SPANS = { 64, 8, 1 };

    @Inject
    TimelineStore store;

    /** Per type present (null key: all types), the same as {@link TimelineQueries#completionStats}. */
    public Map<FlowType, CompletionStats> completionStats(Subject subject, Instant from, Instant to) {
        if (subject.narrowedByLabels()) {
            throw new IllegalArgumentException("the completion histogram is kept per project, not per label");
        }
        long firstDay = Math.floorDiv(from.getEpochSecond() + 86_399, 86_400); // first UTC midnight ≥ from
        long endDay = Math.floorDiv(to.getEpochSecond(), 86_400); // last UTC midnight ≤ to
        if (from.getNano() != 0 && Math.floorMod(from.getEpochSecond(), 86_400) == 0) {
            firstDay++; // a midnight plus a fraction of a second: the midnight is before from
        }
        Instant wholeFrom = Instant.ofEpochSecond(firstDay * 86_400);
        Instant wholeTo = Instant.ofEpochSecond(endDay * 86_400);
        boolean whole = firstDay < endDay;
        try (Connection c = store.connection()) {
            boolean autoCommit = c.getAutoCommit();
            int isolation = c.getTransactionIsolation();
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                Map<FlowType, BucketedCompletions> byType = new EnumMap<>(FlowType.class);
                List<CompletedItem> edges = new ArrayList<>();
                if (whole) {
                    readHistogram(c, subject, firstDay, endDay, byType);
                    readCompleted(c, subject, from, wholeFrom, edges);
                    readCompleted(c, subject, wholeTo, to, edges);
                } else {
                    readCompleted(c, subject, from, to, edges);
                }
                for (CompletedItem e : edges) {
                    byType.computeIfAbsent(e.type(), k -> new BucketedCompletions()).add(e);
                }
                BucketedCompletions total = new BucketedCompletions();
                byType.values().forEach(total::addAll);
                SortedSet<Integer> needed = new TreeSet<>(total.bucketsNeeded());
                byType.values().forEach(b -> needed.addAll(b.bucketsNeeded()));
                // bucket → type → flow times, from the whole days and the edges.
                Map<Integer, Map<FlowType, long[]>> exact = new HashMap<>();
                Map<Integer, Map<FlowType, List<Long>>> collected = new HashMap<>();
                if (whole && !needed.isEmpty()) {
                    readExact(c, subject, wholeFrom, wholeTo, needed, collected);
                }
                for (CompletedItem e : edges) {
                    int bucket = FlowTimeBuckets.of(e.flowSeconds());
                    if (needed.contains(bucket)) {
                        collected.computeIfAbsent(bucket, k -> new EnumMap<>(FlowType.class))
                                .computeIfAbsent(e.type(), k -> new ArrayList<>()).add(e.flowSeconds());
                    }
                }
                collected.forEach((bucket, types) -> {
                    Map<FlowType, long[]> m = new EnumMap<>(FlowType.class);
                    types.forEach((type, values) -> m.put(type, values.stream().mapToLong(Long::longValue).toArray()));
                    exact.put(bucket, m);
                });
                Map<FlowType, CompletionStats> out = new HashMap<>();
                out.put(null, total.stats(bucket -> exact.getOrDefault(bucket, Map.of()).values().stream()
                        .flatMapToLong(java.util.Arrays::stream).toArray()));
                byType.forEach((type, b) -> {
                    if (b.velocity() > 0) {
                        out.put(type, b.stats(bucket -> exact.getOrDefault(bucket, Map.of())
                                .getOrDefault(type, new long[0])));
                    }
                });
                c.commit();
                return out;
            } finally {
                c.rollback();
                c.setTransactionIsolation(isolation);
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("completion histogram query failed", e);
        }
    }

    /**
     * The fewest aligned spans covering the UTC days [firstDay, endDay) (epoch days): at each day the
     * longest span that starts there and ends inside.
     */
    static Map<Integer, List<LocalDate>> cover(long firstDay, long endDay) {
        Map<Integer, List<LocalDate>> cells = new HashMap<>();
        long d = firstDay;
        while (d < endDay) {
            for (int span : SPANS) {
                if (Math.floorMod(d, span) == 0 && d + span <= endDay) {
                    cells.computeIfAbsent(span, k -> new ArrayList<>()).add(LocalDate.ofEpochDay(d));
                    d += span;
                    break;
                }
            }
        }
        return cells;
    }

    private static void readHistogram(Connection c, Subject subject, long firstDay, long endDay,
            Map<FlowType, BucketedCompletions> byType) throws SQLException {
        // One part per span length, so (span, first_day) are index conditions of each part's scan.
        List<Object> params = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        cover(firstDay, endDay).forEach((span, days) -> {
            parts.add("select flow_type, bucket, items, flow_sum, active_sum from completion_histogram where "
                    + subject.histogramFilter(params) + " and span = ? and first_day = any(?::date[])");
            params.add(span.shortValue());
            params.add(days.stream().map(LocalDate::toString).toArray(String[]::new));
        });
        StringBuilder sql = new StringBuilder("select flow_type, bucket, sum(items), sum(flow_sum), sum(active_sum) "
                + "from (").append(String.join(" union all ", parts)).append(") h group by flow_type, bucket");
        run(c, sql.toString(), params, rs -> byType.computeIfAbsent(FlowType.fromWire(rs.getString(1)),
                k -> new BucketedCompletions()).add(rs.getInt(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
    }

    private static void readCompleted(Connection c, Subject subject, Instant from, Instant to,
            List<CompletedItem> into) throws SQLException {
        if (!from.isBefore(to)) {
            return;
        }
        List<Object> params = new ArrayList<>();
        String sql = "select flow_type, completion, flow_seconds, active_seconds from flow_item where "
                + subject.itemFilter(params) + " and completion >= ? and completion < ?";
        params.add(from);
        params.add(to);
        run(c, sql, params, rs -> into.add(new CompletedItem(FlowType.fromWire(rs.getString(1)),
                rs.getObject(2, OffsetDateTime.class).toInstant(), (Long) rs.getObject(3), (Long) rs.getObject(4))));
    }

    private static void readExact(Connection c, Subject subject, Instant from, Instant to, SortedSet<Integer> buckets,
            Map<Integer, Map<FlowType, List<Long>>> into) throws SQLException {
        List<Object> params = new ArrayList<>();
        String sql = "select flow_time_bucket(flow_seconds), flow_type, flow_seconds from flow_item where "
                + subject.itemFilter(params) + " and completion >= ? and completion < ? and flow_seconds is not null "
                + "and flow_time_bucket(flow_seconds) = any(?)";
        params.add(from);
        params.add(to);
        params.add(buckets.stream().map(Integer::shortValue).toArray(Short[]::new));
        run(c, sql, params, rs -> into.computeIfAbsent(rs.getInt(1), k -> new EnumMap<>(FlowType.class))
                .computeIfAbsent(FlowType.fromWire(rs.getString(2)), k -> new ArrayList<>()).add(rs.getLong(3)));
    }

    @FunctionalInterface
    interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private static void run(Connection c, String sql, List<Object> params, RowReader reader) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int k = 0; k < params.size(); k++) {
                Object p = params.get(k);
                if (p instanceof String[] array) {
                    ps.setArray(k + 1, c.createArrayOf("text", array));
                } else if (p instanceof Short[] shorts) {
                    ps.setArray(k + 1, c.createArrayOf("int2", shorts));
                } else if (p instanceof Instant at) {
                    ps.setObject(k + 1, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                } else {
                    ps.setObject(k + 1, p);
                }
            }
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        }
    }
}
