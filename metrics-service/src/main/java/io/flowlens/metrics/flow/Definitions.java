package io.flowlens.metrics.flow;

/**
 * The version of the metric definitions every response names, and the wording the OpenAPI
 * descriptions share with FLOW-METRICS.md. Change the version whenever a definition changes.
 */
public final class Definitions {

    public static final String VERSION = "flowlens-flow-1";

    public static final String TIMELINE = "Work start = the first instant an item entered active or waiting. "
            + "Completion = the last instant it entered done, only if it is done now (an item reopened and not done "
            + "now has no completion; a canceled item has none). Active time = time in active between work start "
            + "and completion. Flow time = completion - work start (active, waiting and any time moved back to new). "
            + "An item completed without ever being started counts in velocity and distribution but not in flow "
            + "time or efficiency; leftOutNeverStarted says how many. An item counts under its current flow type in "
            + "every window; deleted items leave every metric, past windows included.";

    public static final String WINDOW = "The window is [from, to): from and to are ISO dates (the start of that day "
            + "in the time zone) or ISO instants; default: the 90 days up to and including today. At most 5 years. "
            + "Days and ISO weeks (from Monday) are counted in the value stream's IANA time zone.";

    public static final String METRICS = "Flow velocity = items whose completion lies in the window. Flow time = "
            + "count, mean, min, max and nearest-rank p50/p85/p95 (the smallest value with at least p% of values at "
            + "or below it) over items completed in the window, in days. Flow efficiency = sum of active time / sum "
            + "of flow time over those items, in percent (null when there is no flow time). Flow load = items in "
            + "active or waiting, sampled at the end of each day that ends inside (from, to]: mean and max of the "
            + "samples and the last one (atEnd); null when no day ends inside the window. Flow distribution = share "
            + "of each type among completed items and among the load at the end, in percent summing to 100 (all 0 "
            + "when there is nothing). Empty windows: velocity 0, flow time count 0 with null figures.";

    private Definitions() {
    }
}
