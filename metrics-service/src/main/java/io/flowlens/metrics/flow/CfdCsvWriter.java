package io.flowlens.metrics.flow;

import java.io.IOException;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ext.Provider;

import io.flowlens.common.csv.Csv;
import io.flowlens.common.csv.CsvBodyWriter;

/** Cumulative flow, one row per day: the items in each flow state at the day's end. */
@Provider
@Produces(CsvBodyWriter.MEDIA_TYPE)
public class CfdCsvWriter extends CsvBodyWriter<CfdReport> {

    public CfdCsvWriter() {
        super(CfdReport.class);
    }

    @Override
    protected String filename(CfdReport report) {
        return FlowCsv.filename(report.subject(), "cfd");
    }

    @Override
    protected void write(CfdReport report, Csv csv) throws IOException {
        FlowCsv.header(csv, "day,new,active,waiting,done,canceled");
        for (CfdReport.Day d : report.days()) {
            csv.row(d.day(), d.newItems(), d.active(), d.waiting(), d.done(), d.canceled());
        }
    }
}
