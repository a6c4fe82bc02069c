package io.flowlens.metrics.flow;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ext.Provider;

import io.flowlens.common.csv.Csv;
import io.flowlens.common.csv.CsvBodyWriter;

/**
 * The flow metrics as a table: one row per bucket of the series ({@code bucket=}), or without a
 * bucket one row for the whole window (label {@code total}); the per-type figures and the
 * distribution stay in the JSON answer.
 */
@Provider
@Produces(CsvBodyWriter.MEDIA_TYPE)
public class FlowReportCsvWriter extends CsvBodyWriter<FlowReport> {

    public FlowReportCsvWriter() {
        super(FlowReport.class);
    }

    @Override
    protected String filename(FlowReport report) {
        return FlowCsv.filename(report.subject(), report.series() == null ? "metrics" : "metrics-" + report.series().bucket());
    }

    @Override
    protected void write(FlowReport report, Csv csv) throws IOException {
        FlowCsv.header(csv, FlowCsv.FLOW_HEADER);
        if (report.series() == null) {
            FlowReport.Figures t = report.total();
            List<Object> row = new ArrayList<>(List.of(report.window().from(), report.window().to(), "total", false));
            row.addAll(FlowCsv.figures(t.velocity(), t.flowTime(), t.efficiencyPercent(), t.load()));
            csv.row(row);
            return;
        }
        for (FlowReport.Point p : report.series().points()) {
            List<Object> row = new ArrayList<>(List.of(p.start(), p.end(), p.label(), p.partial()));
            row.addAll(FlowCsv.figures(p.velocity(), p.flowTime(), p.efficiencyPercent(), p.load()));
            csv.row(row);
        }
    }
}
