package io.flowlens.metrics.calc;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A change of the number of items in a state during one local day: +1 when an item entered it,
 * −1 when it left. The count in a state at the end of day d is the sum of every delta up to and
 * including d, which is what makes load and cumulative flow a running sum over days instead of
 * a scan over items. A transition at exactly midnight belongs to the day it starts.
 */
public record DayDelta(LocalDate day, FlowState state, int delta) {

    /** The deltas of one timeline in a time zone; an interval within one day leaves none. */
    public static List<DayDelta> of(Timeline timeline, ZoneId zone) {
        List<DayDelta> out = new ArrayList<>(timeline.intervals().size() * 2);
        for (StateInterval i : timeline.intervals()) {
            LocalDate in = LocalDate.ofInstant(i.start(), zone);
            if (i.end() == null) {
                out.add(new DayDelta(in, i.state(), 1));
                continue;
            }
            LocalDate out_ = LocalDate.ofInstant(i.end(), zone);
            if (!out_.equals(in)) {
                out.add(new DayDelta(in, i.state(), 1));
                out.add(new DayDelta(out_, i.state(), -1));
            }
        }
        return out;
    }
}
