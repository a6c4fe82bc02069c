package io.flowlens.metrics.calc;

import java.util.Locale;

/** The four flow item types (docs/flow-metrics.md). */
public enum FlowType {
    FEATURE, DEFECT, RISK, DEBT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type for its wire name, or null when the name is not a flow type. */
    public static FlowType fromWire(String name) {
        if (name == null) {
            return null;
        }
        for (FlowType t : values()) {
            if (t.wire().equals(name)) {
                return t;
            }
        }
        return null;
    }
}
