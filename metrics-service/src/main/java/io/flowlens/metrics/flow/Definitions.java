package io.flowlens.metrics.flow;

/**
 * The version of the metric definitions every response names, and the wording the OpenAPI
 * descriptions share with docs/flow-metrics.md. Change the version whenever a definition changes.
 */
public final class Definitions {

    // 2: the load at the window's end is the load at the instant to (was: at the last day end inside
    // the window); same-instant transitions; series buckets clipped to the window; rounding once.
    public static final String VERSION = "flowlens-flow-2";

    public static final String TIMELINE = "Work start = the first instant an item entered active or waiting. "
            + "Completion = the last instant it entered done, only if it is done now (an item reopened and not done "
            + "now has no completion; a canceled item has none). Active time = time in active between work start "
            + "and completion. Flow time = completion - work start (active, waiting and any time moved back to new). "
            + "An item completed without ever being started counts in velocity and distribution but not in flow "
            + "time or efficiency; leftOutNeverStarted says how many. An item counts under its current flow type in "
            + "every window; deleted items leave every metric, past windows included. Two transitions at one instant: "
            + "the later one (the tracker's recorded order) decides the state from that instant on, and the earlier "
            + "state was never held (no work start, no completion, not in the load). A transition before the item's "
            + "creation moves the start of its timeline to it.";

    public static final String WINDOW = "The window is [from, to): from and to are ISO dates (the start of that day "
            + "in the time zone) or ISO instants; default: the 90 days up to and including today. At most 5 years. "
            + "Days and ISO weeks (from Monday) are counted in the value stream's IANA time zone.";

    public static final String LOAD = "Flow load = items in active or waiting. atEnd is the load at the instant "
            + "to (the state just before to, the window being half-open), whether or not to is a local midnight. "
            + "mean and max are over the samples at the end of each local day that ends inside (from, to] (a "
            + "transition at exactly midnight belongs to the day it starts); a window holding no day end reports the "
            + "load at to for both.";

    public static final String ROUNDING = "Durations are exact seconds internally; figures are rounded once, at the "
            + "end, half away from zero: days to 4 decimals, percentages and mean load to 2 (distribution shares by "
            + "largest remainder so they sum to exactly 100).";

    public static final String METRICS = "Flow velocity = items whose completion lies in the window. Flow time = "
            + "count, mean, min, max and nearest-rank p50/p85/p95 (the smallest value with at least p% of values at "
            + "or below it) over items completed in the window, in days. Flow efficiency = sum of active time / sum "
            + "of flow time over those items, in percent (null when there is no flow time). " + LOAD + " Flow "
            + "distribution = share of each type among completed items and among the load at to, in percent summing "
            + "to 100 (all 0 when there is nothing). Empty windows: velocity 0, flow time count 0 with null figures. "
            + "Series buckets the window covers only in part are clipped to it (start, end, partial). " + ROUNDING;

    private Definitions() {
    }
}
