package io.flowlens.metrics.flow;

import java.io.IOException;
import java.util.Arrays;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ext.Provider;

import io.flowlens.common.csv.Csv;
import io.flowlens.common.csv.CsvBodyWriter;

/** One page of completed items, one row each; the next page's cursor is in the Link header. */
@Provider
@Produces(CsvBodyWriter.MEDIA_TYPE)
public class FlowItemsCsvWriter extends CsvBodyWriter<FlowItemsPage> {

    public FlowItemsCsvWriter() {
        super(FlowItemsPage.class);
    }

    @Override
    protected String filename(FlowItemsPage page) {
        return FlowCsv.filename(page.subject(), "items");
    }

    @Override
    protected String nextCursor(FlowItemsPage page) {
        return page.nextCursor();
    }

    @Override
    protected void write(FlowItemsPage page, Csv csv) throws IOException {
        FlowCsv.header(csv, "item_id,key,title,flow_type,completed_at,work_started_at,flow_time_days,active_time_days");
        for (FlowItemsPage.Item i : page.items()) {
            csv.row(Arrays.asList(i.itemId(), i.key(), i.title(), i.flowType(), i.completedAt(), i.workStartedAt(),
                    i.flowTimeDays(), i.activeTimeDays()));
        }
    }
}
