package io.flowlens.metrics.calc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A change of one item's contribution to the flow load at an instant: +1 when it entered
 * {@code active} or {@code waiting} from outside the load, −1 when it left the load. Moving
 * between active and waiting changes nothing. The load at an instant that is not a day's end is
 * the load at the end of the day before plus these changes during the day, up to that instant.
 */
public record LoadChange(Instant at, int delta) {

    /** The load changes of one timeline, in order; none of them zero. */
    public static List<LoadChange> of(Timeline timeline) {
        Map<Instant, Integer> byInstant = new TreeMap<>();
        for (StateInterval i : timeline.intervals()) {
            if (!i.state().inLoad()) {
                continue;
            }
            byInstant.merge(i.start(), 1, Integer::sum);
            if (i.end() != null) {
                byInstant.merge(i.end(), -1, Integer::sum);
            }
        }
        List<LoadChange> out = new ArrayList<>(byInstant.size());
        byInstant.forEach((at, d) -> {
            if (d != 0) {
                out.add(new LoadChange(at, d));
            }
        });
        return out;
    }
}
