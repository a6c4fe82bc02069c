package io.flowlens.metrics.timeline;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.flowlens.common.contract.ItemEventContract;
import io.flowlens.metrics.valuestream.Scope;

/**
 * What a metric is asked for: a tenant's value stream (its scopes) or its whole portfolio
 * ({@code scopes} null), counted in a time zone. Scopes are predicates evaluated at query time.
 * Sub-tasks (items of hierarchy {@code subtask}) count only when {@code countSubtasks}: by
 * default they are pieces of their parent, which is counted instead (never in the portfolio).
 */
public record Subject(String tenantId, ZoneId zone, List<Scope> scopes, UUID valueStreamId, String name,
        boolean countSubtasks) {

    public static Subject portfolio(String tenantId, ZoneId zone) {
        return new Subject(tenantId, zone, null, null, null, false);
    }

    public boolean isPortfolio() {
        return scopes == null;
    }

    /** Labels are not a key of the shared day deltas: such streams have day counts of their own. */
    public boolean narrowedByLabels() {
        return scopes != null && scopes.stream().anyMatch(s -> !s.labelsOrEmpty().isEmpty());
    }

    /** SQL over flow_item (alias-free) selecting the subject's live items; adds its parameters. */
    String itemFilter(List<Object> params) {
        params.add(tenantId);
        StringBuilder sql = new StringBuilder("tenant_id = ? and not deleted");
        if (!countSubtasks) {
            sql.append(" and hierarchy is distinct from '").append(ItemEventContract.SUBTASK).append('\'');
        }
        if (scopes == null) {
            return sql.toString();
        }
        List<String> ors = new ArrayList<>();
        for (Scope s : scopes) {
            StringBuilder one = new StringBuilder("(connection_id = ? and project = ?");
            params.add(s.connectionId());
            params.add(s.project());
            if (!s.labelsOrEmpty().isEmpty()) {
                one.append(" and labels && ?");
                params.add(s.labelsOrEmpty().toArray(String[]::new));
            }
            if (!s.flowTypesOrEmpty().isEmpty()) {
                one.append(" and flow_type = any(?)");
                params.add(s.flowTypesOrEmpty().toArray(String[]::new));
            }
            ors.add(one.append(')').toString());
        }
        return sql.append(" and (").append(String.join(" or ", ors)).append(')').toString();
    }

    /** SQL over stream_day_delta / stream_month_delta: the stream's own counts (narrowed by labels). */
    String streamDeltaFilter(List<Object> params) {
        params.add(tenantId);
        params.add(valueStreamId);
        return "tenant_id = ? and stream_id = ?" + (countSubtasks ? "" : " and not subtask");
    }

    /**
     * SQL over day_state_delta (without labels). Scopes on the same connection and project are
     * merged first so no item is counted twice.
     */
    String deltaFilter(List<Object> params) {
        params.add(tenantId);
        params.add(zone.getId());
        return scopeRowFilter(new StringBuilder("tenant_id = ? and zone = ?"), params);
    }

    /** SQL over completion_histogram (kept per scope, not per zone; without labels), as {@link #deltaFilter}. */
    String histogramFilter(List<Object> params) {
        params.add(tenantId);
        return scopeRowFilter(new StringBuilder("tenant_id = ?"), params);
    }

    private String scopeRowFilter(StringBuilder sql, List<Object> params) {
        if (!countSubtasks) {
            sql.append(" and not subtask");
        }
        if (scopes == null) {
            // The portfolio's own rollup rows (see TimelineStore.PORTFOLIO_SCOPE).
            return sql.append(" and connection_id = '' and project = ''").toString();
        }
        Map<List<String>, Set<String>> merged = new LinkedHashMap<>();
        Set<List<String>> allTypes = new LinkedHashSet<>();
        for (Scope s : scopes) {
            List<String> key = List.of(s.connectionId(), s.project());
            if (s.flowTypesOrEmpty().isEmpty()) {
                allTypes.add(key);
            }
            merged.computeIfAbsent(key, k -> new LinkedHashSet<>()).addAll(s.flowTypesOrEmpty());
        }
        List<String> ors = new ArrayList<>();
        merged.forEach((key, types) -> {
            params.add(key.get(0));
            params.add(key.get(1));
            if (allTypes.contains(key)) {
                ors.add("(connection_id = ? and project = ?)");
            } else {
                params.add(types.toArray(String[]::new));
                ors.add("(connection_id = ? and project = ? and flow_type = any(?))");
            }
        });
        return sql.append(" and (").append(String.join(" or ", ors)).append(')').toString();
    }
}
