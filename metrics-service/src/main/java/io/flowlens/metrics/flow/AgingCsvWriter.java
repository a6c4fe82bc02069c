package io.flowlens.metrics.flow;

import java.io.IOException;
import java.util.Arrays;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ext.Provider;

import io.flowlens.common.csv.Csv;
import io.flowlens.common.csv.CsvBodyWriter;

/** One page of the load's items with their age, one row each; the next page's cursor is in the Link header. */
@Provider
@Produces(CsvBodyWriter.MEDIA_TYPE)
public class AgingCsvWriter extends CsvBodyWriter<AgingReport> {

    public AgingCsvWriter() {
        super(AgingReport.class);
    }

    @Override
    protected String filename(AgingReport report) {
        return FlowCsv.filename(report.subject(), "aging");
    }

    @Override
    protected String nextCursor(AgingReport report) {
        return report.nextCursor();
    }

    @Override
    protected void write(AgingReport report, Csv csv) throws IOException {
        FlowCsv.header(csv, "item_id,key,title,flow_type,state,work_started_at,age_days,beyond_p85");
        for (AgingReport.Item i : report.items()) {
            csv.row(Arrays.asList(i.itemId(), i.key(), i.title(), i.flowType(), i.state(), i.workStartedAt(),
                    i.ageDays(), i.beyondP85()));
        }
    }
}
