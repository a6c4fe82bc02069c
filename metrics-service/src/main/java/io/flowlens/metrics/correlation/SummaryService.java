package io.flowlens.metrics.correlation;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.flowlens.common.problem.ApiException;
import io.flowlens.metrics.config.MetricsConfig;
import io.flowlens.metrics.correlation.CorrelationViews.SummaryPage;
import io.flowlens.metrics.flow.FlowReport;
import io.flowlens.metrics.flow.FlowService;
import io.flowlens.metrics.flow.WindowParams;
import io.flowlens.metrics.paging.Page;
import io.flowlens.metrics.timeline.Subject;
import io.flowlens.metrics.valuestream.ValueStreamService;
import io.flowlens.metrics.valuestream.ValueStreamView;

/**
 * Value streams side by side: the {@code /flow} summary of each, for one window. Each stream's
 * window is read in its own time zone, exactly as its own {@code /flow} would read it.
 */
@ApplicationScoped
public class SummaryService {

    /** At most this many streams per answer: each is one /flow computation. */
    static final int MAX_STREAMS = 50;
    static final int DEFAULT_LIMIT = 20;

    @Inject
    FlowService flow;

    @Inject
    ValueStreamService streams;

    @Inject
    MetricsConfig config;

    public SummaryPage summaries(String tenantId, List<String> ids, String from, String to, String cursor,
            Integer limit) {
        // The parameters are judged once before any stream, so a bad window is a 400 even for a
        // tenant without streams (each stream then reads it in its own zone).
        WindowParams.window(from, to, ZoneOffset.UTC, config.window().defaultDays(), config.window().maxYears());
        List<UUID> asked = ids(ids);
        if (!asked.isEmpty()) {
            if (cursor != null && !cursor.isBlank()) {
                throw ApiException.badParameter("cursor", "applies only to the list of all streams (without "
                        + "valueStreamId)");
            }
            if (limit != null) {
                throw ApiException.badParameter("limit", "applies only to the list of all streams (without "
                        + "valueStreamId)");
            }
            // Every id first: one unknown id is a 404 before any figure is computed.
            List<Subject> subjects = asked.stream().map(id -> flow.valueStream(tenantId, id)).toList();
            return new SummaryPage(subjects.stream().map(s -> report(s, from, to)).toList(), null);
        }
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_STREAMS) {
            throw ApiException.badParameter("limit", "must be between 1 and " + MAX_STREAMS);
        }
        Page<ValueStreamView> page = streams.list(tenantId, cursor, size);
        List<FlowReport> reports = new ArrayList<>();
        for (ValueStreamView v : page.items()) {
            reports.add(report(flow.valueStream(tenantId, v.id()), from, to));
        }
        return new SummaryPage(reports, page.nextCursor());
    }

    private FlowReport report(Subject subject, String from, String to) {
        return flow.flow(subject, flow.window(subject, from, to), null);
    }

    /** The ids asked for, repeated or comma-separated, without duplicates, in the order given. */
    static List<UUID> ids(List<String> raw) {
        Set<UUID> out = new LinkedHashSet<>();
        if (raw != null) {
            for (String param : raw) {
                for (String one : param.split(",", -1)) {
                    String id = one.trim();
                    if (id.isEmpty()) {
                        throw ApiException.badParameter("valueStreamId", "an empty id (give ids repeated or "
                                + "comma-separated)");
                    }
                    try {
                        out.add(UUID.fromString(id));
                    } catch (IllegalArgumentException e) {
                        throw ApiException.badParameter("valueStreamId", "'" + shown(id) + "' is not a value stream id");
                    }
                    if (out.size() > MAX_STREAMS) {
                        throw ApiException.badParameter("valueStreamId", "at most " + MAX_STREAMS
                                + " value streams per request (without ids, all of them page by page)");
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    private static String shown(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
