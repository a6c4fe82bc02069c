package io.flowlens.metrics.bottleneck;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.flowlens.common.contract.ItemEventContract;
import io.flowlens.metrics.calc.FlowState;
import io.flowlens.metrics.calc.FlowType;
import io.flowlens.metrics.timeline.Subject;
import io.flowlens.metrics.timeline.TimelineStore;
import io.flowlens.metrics.valuestream.Scope;

/**
 * The read side of time in status: the rows the write path keeps, summed by the database per
 * type and status (a few rows leave it however many items there are), and the timelines of the
 * few items whose rows cannot answer (in the load at a {@code to} before their last change).
 */
@ApplicationScoped
public class StatusTimeQueries {

    @Inject
    TimelineStore store;

    /**
     * The items of the subject completed in [from, to): the window's whole UTC days from the daily
     * sums (a stream narrowed by labels: its own, once prepared), its partial first and last days
     * (and a stream whose own sums are still being prepared) from the rows per item.
     */
    public StatusTotals.Totals completed(Subject subject, Instant from, Instant to) {
        StatusTotals totals = new StatusTotals();
        LocalDate firstWhole = LocalDate.ofInstant(from, ZoneOffset.UTC);
        if (firstWhole.atStartOfDay(ZoneOffset.UTC).toInstant().isBefore(from)) {
            firstWhole = firstWhole.plusDays(1);
        }
        LocalDate endWhole = LocalDate.ofInstant(to, ZoneOffset.UTC);
        boolean own = ownSums(subject);
        if ((subject.narrowedByLabels() && !own) || !firstWhole.isBefore(endWhole)) {
            completedRows(totals, subject, from, to);
            return totals.totals();
        }
        List<Object> params = new ArrayList<>();
        String sql = "select flow_type, known, status_key, state, started, sum(seconds), sum(items), sum(leads), "
                + "sum(without_statuses) from " + (own ? "stream_status_day" : "completed_status_day") + " where "
                + (own ? streamFilter(subject, params) : sumFilter(subject, params))
                + " and day >= ? and day < ? group by 1, 2, 3, 4, 5";
        params.add(firstWhole);
        params.add(endWhole);
        query(sql, params, rs -> {
            FlowType type = FlowType.fromWire(rs.getString(1));
            if (!rs.getBoolean(5)) {
                totals.addItems(type, 0, rs.getLong(7), 0);
                return;
            }
            totals.addStatus(type, new StatusKey(rs.getBoolean(2) ? rs.getString(3) : null,
                    FlowState.fromWire(rs.getString(4))), rs.getLong(6), rs.getLong(7));
            totals.addItems(type, rs.getLong(8), 0, rs.getLong(9));
        });
        completedRows(totals, subject, from, firstWhole.atStartOfDay(ZoneOffset.UTC).toInstant());
        completedRows(totals, subject, endWhole.atStartOfDay(ZoneOffset.UTC).toInstant(), to);
        return totals.totals();
    }

    /** Adds the completions of [from, to) from the rows per item. */
    private void completedRows(StatusTotals totals, Subject subject, Instant from, Instant to) {
        if (!from.isBefore(to)) {
            return;
        }
        List<Object> params = new ArrayList<>();
        String sql = "select flow_type, status, state, sum(seconds), count(*), count(*) filter (where lead), "
                + "count(*) filter (where lead and without_statuses), started from completed_status_time s where "
                + filter(subject, "s", params, " and l.completion >= " + literal(from) + " and l.completion < "
                        + literal(to)) + " and completion >= ? and completion < ? group by 1, 2, 3, 8";
        params.add(from);
        params.add(to);
        query(sql, params, rs -> addRow(totals, rs, true, 1));
    }

    /** The items of the subject in the load at {@code to}, their time up to {@code to}. */
    public StatusTotals.Totals loadAt(Subject subject, Instant to) {
        StatusTotals totals = new StatusTotals();
        List<Object> params = new ArrayList<>();
        params.add(to.getEpochSecond());
        String sql;
        boolean own = ownSums(subject);
        if (subject.narrowedByLabels() && !own) {
            // Rows whose last change lies before `to`: the status they are in since then runs on to `to`.
            sql = "select flow_type, status, state, sum(seconds + case when current then ? - since_second else 0 end), "
                    + "count(*), count(*) filter (where lead), count(*) filter (where lead and without_statuses) "
                    + "from load_status_time s where " + filter(subject, "s", params,
                            " and l.current_state in ('active', 'waiting')") + " and since < ? group by 1, 2, 3";
            params.add(to);
            query(sql, params, rs -> addRow(totals, rs, false, 1));
        } else {
            // The sums over every item in the load now, as if each had its last change before `to`...
            sql = "select flow_type, known, status_key, state, sum(seconds + current_items * ? - since_sum), "
                    + "sum(items), sum(leads), sum(without_statuses) from "
                    + (own ? "stream_status_sum" : "load_status_sum") + " where "
                    + (own ? streamFilter(subject, params) : sumFilter(subject, params)) + " group by 1, 2, 3, 4";
            query(sql, params, rs -> {
                FlowType type = FlowType.fromWire(rs.getString(1));
                totals.addStatus(type, new StatusKey(rs.getBoolean(2) ? rs.getString(3) : null,
                        FlowState.fromWire(rs.getString(4))), rs.getLong(5), rs.getLong(6));
                totals.addItems(type, rs.getLong(7), 0, rs.getLong(8));
            });
            // ... less those whose last change is at or after it (read from their timelines below); a
            // label stream's: each row's item looked up by its key, not all the project's labelled items.
            params = new ArrayList<>();
            params.add(to.getEpochSecond());
            sql = "select flow_type, status, state, sum(seconds + case when current then ? - since_second else 0 end), "
                    + "count(*), count(*) filter (where lead), count(*) filter (where lead and without_statuses) "
                    + "from load_status_time s where " + filter(subject, "s", params, " and l.item_id = s.item_id")
                    + " and since >= ? group by 1, 2, 3";
            params.add(to);
            query(sql, params, rs -> addRow(totals, rs, false, -1));
        }
        // The others that may have been in the load at `to`: those in it now that changed at or after
        // it, and those that left it at or after `to` having been in it just before (an exit whose
        // spell in the load holds `to`: one stab into load_change_spell, V16, not every change since
        // `to`). An item in the load at `to` and not now left it since, so it is one of these.
        // The kept rows changed since `to` are narrowed to the subject's scopes first (their index),
        // so a project stream probes its own items only.
        params = new ArrayList<>();
        sql = "select f.flow_type, f.created_at, f.transitions from flow_item f where " + filter(subject, "f", params)
                + " and f.work_start < ? and f.item_id in (select item_id from load_change where tenant_id = ? "
                + "and delta = -1 and tstzrange(entered, at, '(]') @> ?::timestamptz union all ";
        params.add(to);
        params.add(subject.tenantId());
        params.add(to);
        // Of the kept rows, only items whose work started before `to` (V17: work_start < to <= since,
        // one stab into load_status_time_started): those started since were not in the load at `to`.
        // A row without a work start (written before V17 by an older version) is probed regardless.
        sql += "select s.item_id from load_status_time s where " + filter(subject, "s", params,
                " and l.item_id = s.item_id") + " and s.lead and tstzrange(least(coalesce(s.work_start, "
                + "'-infinity'), s.since), s.since, '(]') @> ?::timestamptz)";
        params.add(to);
        query(sql, params, rs -> {
            String json = rs.getString(3);
            List<TimeInStatus.Step> steps = TimeInStatus.steps(rs.getObject(2, OffsetDateTime.class).toInstant(),
                    TimelineStore.parseTransitions(json), TimelineStore.parseStatuses(json));
            TimeInStatus.ItemTime time = TimeInStatus.inLoadAt(steps, to);
            if (time != null) {
                totals.add(FlowType.fromWire(rs.getString(1)), time);
            }
        });
        return totals.totals();
    }

    /**
     * The same answers from the subject's whole timelines by the rules alone, read one at a time:
     * the reference the kept rows are held to.
     */
    public StatusTotals.Totals[] fromTimelines(Subject subject, Instant from, Instant to) {
        StatusTotals completed = new StatusTotals();
        StatusTotals load = new StatusTotals();
        List<Object> params = new ArrayList<>();
        String sql = "select f.flow_type, f.created_at, f.transitions from flow_item f where "
                + filter(subject, "f", params);
        query(sql, params, rs -> {
            String json = rs.getString(3);
            FlowType type = FlowType.fromWire(rs.getString(1));
            List<TimeInStatus.Step> steps = TimeInStatus.steps(rs.getObject(2, OffsetDateTime.class).toInstant(),
                    TimelineStore.parseTransitions(json), TimelineStore.parseStatuses(json));
            Instant completion = TimeInStatus.completion(steps);
            if (completion != null && !completion.isBefore(from) && completion.isBefore(to)) {
                completed.add(type, TimeInStatus.completed(steps));
            }
            TimeInStatus.ItemTime inLoad = TimeInStatus.inLoadAt(steps, to);
            if (inLoad != null) {
                load.add(type, inLoad);
            }
        });
        return new StatusTotals.Totals[] { completed.totals(), load.totals() };
    }

    /** One summed row of the rows per item, added ({@code sign} 1) or taken away (−1). */
    private static void addRow(StatusTotals totals, ResultSet rs, boolean completed, int sign) throws SQLException {
        FlowType type = FlowType.fromWire(rs.getString(1));
        if (completed && !rs.getBoolean(8)) {
            // The rows of items completed without being started: left out, counted.
            totals.addItems(type, 0, sign * rs.getLong(5), 0);
            return;
        }
        totals.addStatus(type, new StatusKey(rs.getString(2), FlowState.fromWire(rs.getString(3))),
                sign * rs.getLong(4), sign * rs.getLong(5));
        totals.addItems(type, sign * rs.getLong(6), 0, sign * rs.getLong(7));
    }

    /**
     * Whether the subject is a stream narrowed by labels whose own sums (stream_status_day,
     * stream_status_sum) are ready: prepared with its day counts, by the back-fill job.
     */
    private boolean ownSums(Subject subject) {
        return subject.narrowedByLabels() && TimelineStore.READY.equals(store.streamCountsStatus(subject.tenantId(),
                subject.valueStreamId(), subject.zone().getId()));
    }

    /** SQL over a label-narrowed stream's own sums. */
    static String streamFilter(Subject subject, List<Object> params) {
        params.add(subject.tenantId());
        params.add(subject.valueStreamId());
        return "tenant_id = ? and stream_id = ?" + (subject.countSubtasks() ? "" : " and not subtask");
    }

    /**
     * SQL over the sums (completed_status_day, load_status_sum): the portfolio's own rows, or the
     * rows of the stream's scopes (each row once, whichever scopes match it).
     */
    static String sumFilter(Subject subject, List<Object> params) {
        params.add(subject.tenantId());
        StringBuilder sql = new StringBuilder("tenant_id = ?");
        if (!subject.countSubtasks()) {
            sql.append(" and not subtask");
        }
        if (subject.isPortfolio()) {
            return sql.append(" and connection_id = '' and project = ''").toString();
        }
        List<String> ors = new ArrayList<>();
        for (Scope s : subject.scopes()) {
            StringBuilder one = new StringBuilder("(connection_id = ? and project = ?");
            params.add(s.connectionId());
            params.add(s.project());
            if (!s.flowTypesOrEmpty().isEmpty()) {
                one.append(" and flow_type = any(?)");
                params.add(s.flowTypesOrEmpty().toArray(String[]::new));
            }
            ors.add(one.append(')').toString());
        }
        return sql.append(" and (").append(String.join(" or ", ors)).append(')').toString();
    }

    /**
     * SQL selecting the subject's items from a table aliased {@code a}: flow_item ({@code f}) or a
     * table of kept rows, whose labels are the item's in flow_item. Sub-tasks count only where the
     * stream asks for them (never in the portfolio), as in every other figure.
     */
    static String filter(Subject subject, String a, List<Object> params) {
        return filter(subject, a, params, "");
    }

    /**
     * As {@link #filter(Subject, String, List)}; on a table of kept rows, a scope narrowed by labels
     * selects its items in flow_item first ({@code narrow}: more conditions on them, such as the
     * window's completions or the load now, without parameters), so only their rows are read.
     */
    static String filter(Subject subject, String a, List<Object> params, String narrow) {
        boolean items = "f".equals(a);
        params.add(subject.tenantId());
        StringBuilder sql = new StringBuilder(a + ".tenant_id = ?");
        if (items) {
            sql.append(" and not f.deleted");
        }
        if (!subject.countSubtasks()) {
            sql.append(items ? " and f.hierarchy is distinct from '" + ItemEventContract.SUBTASK + "'"
                    : " and not " + a + ".subtask");
        }
        if (subject.isPortfolio()) {
            return sql.toString();
        }
        List<String> ors = new ArrayList<>();
        for (Scope s : subject.scopes()) {
            StringBuilder one = new StringBuilder("(" + a + ".connection_id = ? and " + a + ".project = ?");
            params.add(s.connectionId());
            params.add(s.project());
            if (!s.flowTypesOrEmpty().isEmpty()) {
                one.append(" and ").append(a).append(".flow_type = any(?)");
                params.add(s.flowTypesOrEmpty().toArray(String[]::new));
            }
            if (!s.labelsOrEmpty().isEmpty() && items) {
                one.append(" and f.labels && ?");
                params.add(s.labelsOrEmpty().toArray(String[]::new));
            } else if (!s.labelsOrEmpty().isEmpty()) {
                one.append(" and ").append(a).append(".item_id in (select l.item_id from flow_item l where "
                        + "l.tenant_id = ? and l.connection_id = ? and l.project = ? and l.labels && ? and not l.deleted")
                        .append(narrow).append(')');
                params.add(subject.tenantId());
                params.add(s.connectionId());
                params.add(s.project());
                params.add(s.labelsOrEmpty().toArray(String[]::new));
            }
            ors.add(one.append(')').toString());
        }
        return sql.append(" and (").append(String.join(" or ", ors)).append(')').toString();
    }

    /** An instant as an SQL literal (generated here from an Instant, never from a caller's text). */
    private static String literal(Instant at) {
        return "timestamptz '" + at + "'";
    }

    @FunctionalInterface
    interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, List<Object> params, RowReader reader) {
        try (Connection c = store.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
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
            throw new IllegalStateException("time in status query failed", e);
        }
    }
}
