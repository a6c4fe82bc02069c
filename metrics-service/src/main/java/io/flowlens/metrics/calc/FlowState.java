package io.flowlens.metrics.calc;

import java.util.Locale;

/** The five flow states every tracker status is mapped to (docs/flow-metrics.md). */
public enum FlowState {
    NEW, ACTIVE, WAITING, DONE, CANCELED;

    /** Work has started and is not finished: the states that make up flow load. */
    public boolean inLoad() {
        return this == ACTIVE || this == WAITING;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state for its wire name, or null when the name is not a flow state. */
    public static FlowState fromWire(String name) {
        if (name == null) {
            return null;
        }
        for (FlowState s : values()) {
            if (s.wire().equals(name)) {
                return s;
            }
        }
        return null;
    }
}
