package io.flowlens.ingestion.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A tracker saying "this item had status {@code status} from {@code at}", in its own words.
 * {@code category} is the tracker's own grouping when the payload carries one (Jira status
 * category key, Linear workflow state type), used when no mapping names the status itself.
 * {@code resolution} is the tracker's resolution at that moment when it has one (Jira's
 * "Won't Do", GitHub's {@code state_reason}), which can turn a done status into canceled.
 * {@code order} is the tracker's own order of its records (Jira history id, event id or
 * position), which decides between two changes at the same instant; null when it gives none.
 */
public record StatusChange(Instant at, String status, String category, String resolution, Long order) {

    public StatusChange {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(status, "status");
    }

    public StatusChange(Instant at, String status, String category) {
        this(at, status, category, null, null);
    }

    public static StatusChange of(Instant at, String status) {
        return new StatusChange(at, status, null);
    }
}
