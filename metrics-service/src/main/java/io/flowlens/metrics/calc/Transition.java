package io.flowlens.metrics.calc;

import java.time.Instant;
import java.util.Objects;

/** The item entered {@code state} at {@code at}. */
public record Transition(Instant at, FlowState state) {
    public Transition {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(state, "state");
    }
}
