package io.flowlens.metrics.timeline;

import java.time.LocalDate;
import java.util.Comparator;

/** One row of day_state_delta (without the tenant). */
record DeltaKey(String zone, String connectionId, String project, LocalDate day, String flowType, String state,
        boolean subtask) {

    static final Comparator<DeltaKey> ORDER = Comparator.comparing(DeltaKey::zone)
            .thenComparing(DeltaKey::connectionId).thenComparing(DeltaKey::project)
            .thenComparing(DeltaKey::day).thenComparing(DeltaKey::flowType).thenComparing(DeltaKey::state)
            .thenComparing(DeltaKey::subtask);
}
