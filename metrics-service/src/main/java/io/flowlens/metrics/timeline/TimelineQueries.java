package io.flowlens.metrics.timeline;

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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.flowlens.metrics.calc.Bucket;
import io.flowlens.metrics.calc.CompletedItem;
import io.flowlens.metrics.calc.CompletionStats;
import io.flowlens.metrics.calc.DurationStats;
import io.flowlens.metrics.calc.DayEndCounts;
import io.flowlens.metrics.calc.FlowState;
import io.flowlens.metrics.calc.FlowType;
import io.flowlens.metrics.calc.Timeline;
import io.flowlens.metrics.calc.Window;
import io.flowlens.metrics.paging.Cursor;

/** The read side: each query reads the window's rows, never the whole item history. */
@ApplicationScoped
public class TimelineQueries {

    @Inject
    TimelineStore store;

    /** Items of the subject whose completion lies in [from, to). */
    public List<CompletedItem> completed(Subject subject, Instant from, Instant to) {
        List<Object> params = new ArrayList<>();
        // Epoch microseconds rather than a timestamp: tens of thousands of rows are read per call.
        String sql = "select flow_type, (extract(epoch from completion) * 1000000)::bigint, flow_seconds, "
                + "active_seconds from flow_item where " + subject.itemFilter(params)
                + " and completion >= ? and completion < ?";
        params.add(from);
        params.add(to);
        List<CompletedItem> out = new ArrayList<>();
        query(sql, params, rs -> {
            long micros = rs.getLong(2);
            out.add(new CompletedItem(FlowType.fromWire(rs.getString(1)), Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                    Math.floorMod(micros, 1_000_000L) * 1_000L), (Long) rs.getObject(3), (Long) rs.getObject(4)));
        });
        return out;
    }

    /**
     * The completions of [from, to) summarised by the database, per type (null key: all types):
     * only these few rows leave it, however many items completed. Nearest rank is
     * {@code percentile_disc} (the first value whose cumulative share reaches p, the same
     * ⌈p/100 · n⌉ as {@link io.flowlens.metrics.calc.Percentiles}); a test holds these to
     * {@link CompletionStats#of} on the same items.
     */
    public Map<FlowType, CompletionStats> completionStats(Subject subject, Instant from, Instant to) {
        List<Object> params = new ArrayList<>();
        String sql = "select flow_type, grouping(flow_type), count(*), count(flow_seconds), sum(flow_seconds), "
                + "sum(active_seconds), min(flow_seconds), max(flow_seconds), percentile_disc(array[0.5, 0.85, 0.95]) "
                + "within group (order by flow_seconds) from flow_item where " + subject.itemFilter(params)
                + " and completion >= ? and completion < ? group by grouping sets ((flow_type), ())";
        params.add(from);
        params.add(to);
        Map<FlowType, CompletionStats> out = new HashMap<>();
        query(sql, params, rs -> {
            long velocity = rs.getLong(3);
            int started = rs.getInt(4);
            DurationStats flowTime = DurationStats.EMPTY;
            if (started > 0) {
                Long[] p = (Long[]) rs.getArray(9).getArray();
                flowTime = new DurationStats(started, rs.getLong(5), rs.getLong(7), rs.getLong(8), p[0], p[1], p[2]);
            }
            CompletionStats stats = new CompletionStats(velocity, velocity - started, flowTime,
                    started > 0 ? rs.getLong(6) : 0, started > 0 ? rs.getLong(5) : 0);
            out.put(rs.getInt(2) == 1 ? null : FlowType.fromWire(rs.getString(1)), stats);
        });
        out.putIfAbsent(null, CompletionStats.NONE);
        return out;
    }

    /** The completions of one bucket: {@link CompletionStats#of} them, and how many of each type. */
    public record BucketCompletions(CompletionStats stats, Map<FlowType, Long> byType) {
    }

    /**
     * The completions of the window summarised per bucket by the database, so one row per bucket
     * leaves it however many items completed: a bucket's start (local date) to the same figures as
     * {@link CompletionStats#of} its items (nearest-rank percentiles as {@link #completionStats})
     * and its count per type; buckets without completions are absent. Which bucket a completion
     * falls in is decided by the bucket bounds computed here in Java, not by the database's
     * time-zone rules, so it is the bucket {@link io.flowlens.metrics.calc.FlowFigures#bucketOf} gives.
     */
    public Map<LocalDate, BucketCompletions> completedPerBucket(Subject subject, Window window, Bucket bucket) {
        List<LocalDate> starts = new ArrayList<>();
        List<String> lows = new ArrayList<>();
        List<String> highs = new ArrayList<>();
        for (LocalDate b = bucket.startOf(window.firstDate()); !b.isAfter(window.lastDate()); b = bucket.next(b)) {
            Instant lo = b.atStartOfDay(window.zone()).toInstant();
            Instant hi = bucket.next(b).atStartOfDay(window.zone()).toInstant();
            starts.add(b);
            lows.add((lo.isBefore(window.from()) ? window.from() : lo).toString());
            highs.add((hi.isAfter(window.to()) ? window.to() : hi).toString());
        }
        // One aggregate per bucket over its own range of the covering completion index: the rows
        // arrive in completion order, so nothing is sorted but each bucket's flow times (in memory).
        FlowType[] types = FlowType.values();
        StringBuilder sql = new StringBuilder("select b.i, a.* from unnest(?::timestamptz[], ?::timestamptz[]) "
                + "with ordinality as b(lo, hi, i) cross join lateral (select count(*) as velocity, "
                + "count(flow_seconds), sum(flow_seconds), sum(active_seconds) filter (where flow_seconds is not null), "
                + "min(flow_seconds), max(flow_seconds), percentile_disc(array[0.5, 0.85, 0.95]) within group "
                + "(order by flow_seconds)");
        for (FlowType t : types) {
            sql.append(", count(*) filter (where flow_type = '").append(t.wire()).append("')");
        }
        List<Object> params = new ArrayList<>();
        params.add(lows.toArray(String[]::new));
        params.add(highs.toArray(String[]::new));
        sql.append(" from flow_item where ").append(subject.itemFilter(params))
                .append(" and completion >= b.lo and completion < b.hi) a where a.velocity > 0");
        Map<LocalDate, BucketCompletions> out = new HashMap<>();
        query(sql.toString(), params, rs -> {
            long velocity = rs.getLong(2);
            int started = rs.getInt(3);
            DurationStats flowTime = DurationStats.EMPTY;
            if (started > 0) {
                Long[] p = (Long[]) rs.getArray(8).getArray();
                flowTime = new DurationStats(started, rs.getLong(4), rs.getLong(6), rs.getLong(7), p[0], p[1], p[2]);
            }
            CompletionStats stats = new CompletionStats(velocity, velocity - started, flowTime,
                    started > 0 ? rs.getLong(5) : 0, started > 0 ? rs.getLong(4) : 0);
            Map<FlowType, Long> byType = new EnumMap<>(FlowType.class);
            for (int t = 0; t < types.length; t++) {
                long n = rs.getLong(9 + t);
                if (n > 0) {
                    byType.put(types[t], n);
                }
            }
            out.put(starts.get(rs.getInt(1) - 1), new BucketCompletions(stats, byType));
        });
        return out;
    }

    /**
     * Items in each (type, state) at the end of every sampled day of the window, and the load per
     * type at {@code to}: the day counts up to the end of the day before {@code to}'s local day,
     * plus the load changes of that day before {@code to}.
     */
    public DayEndCounts dayEndCounts(Subject subject, Window window) {
        return dayEndCounts(subject, window, false);
    }

    /**
     * The same, with {@code loadOnly}: only the states of the load (active, waiting) are read, the
     * others left at 0 ({@link DayEndCounts#load} and {@link DayEndCounts#loadAtTo} are exact,
     * {@link DayEndCounts#count} of another state is not): for a series of load only over years
     * of days, whose other rows the database would read for nothing.
     */
    public DayEndCounts dayEndCounts(Subject subject, Window window, boolean loadOnly) {
        String monthTable = "month_state_delta";
        String dayTable = "day_state_delta";
        java.util.function.Function<List<Object>, String> filter = subject::deltaFilter;
        if (subject.narrowedByLabels()) {
            // Its own counts once the back-fill job has prepared them; the timelines until then.
            if (!TimelineStore.READY.equals(store.streamCountsStatus(subject.tenantId(), subject.valueStreamId(),
                    subject.zone().getId()))) {
                return fromTimelines(subject, window);
            }
            monthTable = "stream_month_delta";
            dayTable = "stream_day_delta";
            filter = subject::streamDeltaFilter;
        } else if (!store.zoneReady(subject.tenantId(), subject.zone().getId())) {
            return fromTimelines(subject, window);
        }
        List<LocalDate> days = window.sampledDays();
        // The counts at the end of the day before the window's first local date are always read:
        // with no day end inside the window they are the day before `to`'s day.
        LocalDate first = window.firstDate();
        LocalDate last = days.isEmpty() ? first.minusDays(1) : days.get(days.size() - 1);
        LocalDate firstMonth = first.withDayOfMonth(1);
        // Counts at the end of the day before `first`: whole months before its month, then its
        // month's days before it (null day = baseline); then one row per sampled day.
        List<Object> params = new ArrayList<>();
        String states = loadOnly ? " and state in ('" + FlowState.ACTIVE.wire() + "', '" + FlowState.WAITING.wire()
                + "')" : "";
        String sql = "select null::date as d, flow_type, state, sum(delta) from " + monthTable + " where "
                + filter.apply(params) + states + " and month < ? group by 2, 3 union all "
                + "select case when day < ? then null else day end, flow_type, state, sum(delta) "
                + "from " + dayTable + " where ";
        params.add(firstMonth);
        params.add(first);
        sql += filter.apply(params) + states + " and day >= ? and day <= ? group by 1, 2, 3";
        params.add(firstMonth);
        params.add(last);
        int[][] baseline = DayEndCounts.empty();
        Map<LocalDate, int[][]> deltas = new HashMap<>();
        // Planned per call: after five calls PostgreSQL would keep a generic plan, which guesses a
        // few dozen rows whatever the dates and walks the primary key row by row (on 3 years of
        // days: ~18,000 page visits instead of a bitmap's ~2,000, measured at 1M items).
        query(sql, params, rs -> {
            LocalDate day = rs.getObject(1, LocalDate.class);
            int[][] target = day == null ? baseline : deltas.computeIfAbsent(day, k -> DayEndCounts.empty());
            target[FlowType.fromWire(rs.getString(2)).ordinal()][FlowState.fromWire(rs.getString(3)).ordinal()]
                    += rs.getInt(4);
        }, true);
        return DayEndCounts.cumulate(baseline, deltas, days).withIntraday(loadChanges(subject, window));
    }

    /** Per type, the load changes of the subject's items in [start of to's local day, to). */
    int[] loadChanges(Subject subject, Window window) {
        int[] perType = new int[FlowType.values().length];
        Instant dayStart = window.startOfDayOfTo();
        if (!dayStart.isBefore(window.to())) {
            return perType;
        }
        List<Object> params = new ArrayList<>();
        params.add(subject.tenantId());
        params.add(dayStart);
        params.add(window.to());
        String sql = "with c as (select item_id as changed_id, sum(delta) as d from load_change where tenant_id = ? "
                + "and at >= ? and at < ? group by item_id) select flow_type, sum(d) from flow_item join c on "
                + "item_id = changed_id where " + subject.itemFilter(params) + " group by flow_type";
        query(sql, params, rs -> perType[FlowType.fromWire(rs.getString(1)).ordinal()] += rs.getInt(2));
        return perType;
    }

    /**
     * The same counts from the subject's item timelines by the rules of {@code calc}, read one at a
     * time: the path for streams whose counts are not pre-aggregated (yet), and the reference the
     * pre-aggregated counts are held to.
     */
    public DayEndCounts fromTimelines(Subject subject, Window window) {
        List<Object> params = new ArrayList<>();
        String sql = "select flow_type, created_at, transitions from flow_item where " + subject.itemFilter(params);
        DayEndCounts.Accumulator counts = new DayEndCounts.Accumulator(window);
        query(sql, params, rs -> counts.add(FlowType.fromWire(rs.getString(1)),
                Timeline.of(rs.getObject(2, OffsetDateTime.class).toInstant(),
                        TimelineStore.parseTransitions(rs.getString(3)))));
        return counts.counts();
    }

    /** One page of the items completed in [from, to), by completion then id. */
    public List<CompletedRow> completedPage(Subject subject, Instant from, Instant to, Cursor after, int limit) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select item_id, item_key, title, flow_type, completion, work_start, "
                + "flow_seconds, active_seconds from flow_item where ").append(subject.itemFilter(params))
                .append(" and completion >= ? and completion < ?");
        params.add(from);
        params.add(to);
        if (after != null) {
            sql.append(" and (completion, item_id) > (?, ?)");
            params.add(after.at());
            params.add(after.id());
        }
        sql.append(" order by completion, item_id limit ?");
        params.add(limit);
        List<CompletedRow> out = new ArrayList<>();
        query(sql.toString(), params, rs -> out.add(new CompletedRow(rs.getString(1), rs.getString(2),
                rs.getString(3), FlowType.fromWire(rs.getString(4)), instant(rs, 5), instant(rs, 6),
                (Long) rs.getObject(7), (Long) rs.getObject(8))));
        return out;
    }

    /** One page of the items in the load now, oldest work start first. */
    public List<WipRow> wipPage(Subject subject, Cursor after, int limit) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select item_id, item_key, title, flow_type, current_state, work_start "
                + "from flow_item where ").append(subject.itemFilter(params))
                .append(" and current_state in ('active', 'waiting')");
        if (after != null) {
            sql.append(" and (work_start, item_id) > (?, ?)");
            params.add(after.at());
            params.add(after.id());
        }
        sql.append(" order by work_start, item_id limit ?");
        params.add(limit);
        List<WipRow> out = new ArrayList<>();
        query(sql.toString(), params, rs -> out.add(new WipRow(rs.getString(1), rs.getString(2), rs.getString(3),
                FlowType.fromWire(rs.getString(4)), FlowState.fromWire(rs.getString(5)), instant(rs, 6))));
        return out;
    }

    /** The number of items in the load now. */
    public long wipCount(Subject subject) {
        List<Object> params = new ArrayList<>();
        String sql = "select count(*) from flow_item where " + subject.itemFilter(params)
                + " and current_state in ('active', 'waiting')";
        long[] count = new long[1];
        query(sql, params, rs -> count[0] = rs.getLong(1));
        return count[0];
    }

    /** Completions per local day for the days [first, last], zeros included. */
    public int[] dailyThroughput(Subject subject, LocalDate first, LocalDate last) {
        Window window = Window.ofDays(first, last, subject.zone());
        List<Object> params = new ArrayList<>();
        params.add(subject.zone().getId());
        String sql = "select (completion at time zone ?)::date as d, count(*) from flow_item where "
                + subject.itemFilter(params) + " and completion >= ? and completion < ? group by 1";
        params.add(window.from());
        params.add(window.to());
        int[] perDay = new int[(int) ChronoUnit.DAYS.between(first, last) + 1];
        query(sql, params, rs -> {
            int index = (int) ChronoUnit.DAYS.between(first, rs.getObject(1, LocalDate.class));
            if (index >= 0 && index < perDay.length) {
                perDay[index] += rs.getInt(2);
            }
        });
        return perDay;
    }

    private static Instant instant(ResultSet rs, int index) throws SQLException {
        OffsetDateTime at = rs.getObject(index, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    @FunctionalInterface
    interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, List<Object> params, RowReader reader) {
        query(sql, params, reader, false);
    }

    /**
     * @param planPerCall plan with the actual parameters on every call (no server-side prepared
     *                    statement): for reads whose rows grow with the window's length by orders of
     *                    magnitude, where a plan cached for one length is wrong for another
     */
    private void query(String sql, List<Object> params, RowReader reader, boolean planPerCall) {
        try (Connection c = store.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (planPerCall) {
                ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(0);
            }
            for (int k = 0; k < params.size(); k++) {
                Object p = params.get(k);
                if (p instanceof String[] array) {
                    ps.setArray(k + 1, c.createArrayOf("text", array));
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
        } catch (SQLException e) {
            throw new IllegalStateException("metrics query failed", e);
        }
    }
}
