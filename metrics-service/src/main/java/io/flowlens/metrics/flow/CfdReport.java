package io.flowlens.metrics.flow;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.flowlens.metrics.flow.Views.SubjectView;
import io.flowlens.metrics.flow.Views.WindowView;

/** Cumulative flow: items in each flow state at the end of each day. */
@Schema(description = "For each day that ends inside the window, the number of items in each flow state at that "
        + "day's end (in the window's time zone). Deleted items are not counted; done and canceled items stay counted.")
public record CfdReport(SubjectView subject, WindowView window, String definitions, List<Day> days) {

    @Schema(name = "CfdDay", description = "The items in each flow state at the end of one day")
    public record Day(LocalDate day, @com.fasterxml.jackson.annotation.JsonProperty("new") int newItems, int active, int waiting, int done, int canceled) {
    }
}
