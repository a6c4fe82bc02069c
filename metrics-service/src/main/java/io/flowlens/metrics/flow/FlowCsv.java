package io.flowlens.metrics.flow;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.flowlens.common.csv.Csv;
import io.flowlens.metrics.flow.Views.FlowTimeView;
import io.flowlens.metrics.flow.Views.LoadView;
import io.flowlens.metrics.flow.Views.SubjectView;

/**
 * Column layouts of the flow answers as CSV (one row per bucket, item or day), shared by their
 * {@code text/csv} writers. Headers are snake_case, times ISO-8601 UTC instants, days in days with
 * the decimals of the JSON answer, an absent figure an empty cell.
 */
final class FlowCsv {

    static final String FLOW_HEADER = "start,end,label,partial,velocity,flow_time_count,flow_time_mean_days,"
            + "flow_time_min_days,flow_time_max_days,flow_time_p50_days,flow_time_p85_days,flow_time_p95_days,"
            + "efficiency_percent,load_mean,load_max,load_at_end";

    private FlowCsv() {
    }

    /** {@code flow-<value stream id or portfolio>-<what>.csv}. */
    static String filename(SubjectView subject, String what) {
        return "flow-" + (subject == null || subject.valueStreamId() == null ? "portfolio" : subject.valueStreamId())
                + "-" + what + ".csv";
    }

    static void header(Csv csv, String header) throws IOException {
        csv.row(List.of((Object[]) header.split(",")));
    }

    static List<Object> figures(long velocity, FlowTimeView flowTime, Double efficiency, LoadView load) {
        List<Object> cells = new ArrayList<>();
        cells.add(velocity);
        cells.add(flowTime == null ? null : flowTime.count());
        cells.add(flowTime == null ? null : flowTime.meanDays());
        cells.add(flowTime == null ? null : flowTime.minDays());
        cells.add(flowTime == null ? null : flowTime.maxDays());
        cells.add(flowTime == null ? null : flowTime.p50Days());
        cells.add(flowTime == null ? null : flowTime.p85Days());
        cells.add(flowTime == null ? null : flowTime.p95Days());
        cells.add(efficiency);
        cells.add(load == null ? null : load.mean());
        cells.add(load == null ? null : load.max());
        cells.add(load == null ? null : load.atEnd());
        return cells;
    }
}
