package io.flowlens.metrics.timeline;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.UUID;

/** One row of stream_day_delta (without the tenant). */
record StreamDeltaKey(UUID streamId, LocalDate day, String flowType, String state, boolean subtask) {

    static final Comparator<StreamDeltaKey> ORDER = Comparator.comparing(StreamDeltaKey::streamId)
            .thenComparing(StreamDeltaKey::day).thenComparing(StreamDeltaKey::flowType)
            .thenComparing(StreamDeltaKey::state).thenComparing(StreamDeltaKey::subtask);
}
