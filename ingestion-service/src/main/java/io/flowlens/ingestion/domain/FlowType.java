package io.flowlens.ingestion.domain;

import java.util.Locale;
import java.util.Optional;

/** The Flow Framework's four item types. */
public enum FlowType {
    FEATURE, DEFECT, RISK, DEBT;

    /** The word used on the wire and in mappings: {@code feature}, {@code defect}, ... */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FlowType> fromWord(String word) {
        if (word == null) {
            return Optional.empty();
        }
        for (FlowType t : values()) {
            if (t.word().equals(word.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
