package io.flowlens.ingestion.domain;

import java.util.Locale;
import java.util.Optional;

/** Where an item is in its life at an instant. */
public enum FlowState {
    NEW, ACTIVE, WAITING, DONE, CANCELED;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Work has started once an item is active or waiting. */
    public boolean isStarted() {
        return this == ACTIVE || this == WAITING;
    }

    public static Optional<FlowState> fromWord(String word) {
        if (word == null) {
            return Optional.empty();
        }
        for (FlowState s : values()) {
            if (s.word().equals(word.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
