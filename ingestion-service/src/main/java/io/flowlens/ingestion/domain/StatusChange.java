package io.flowlens.ingestion.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A tracker saying "this item had status {@code status} from {@code at}", in its own words.
 * {@code category} is the tracker's own grouping when the payload carries one (Jira status
 * category key, Linear workflow state type), used when no mapping names the status itself.
 */
public record StatusChange(Instant at, String status, String category) {

    public StatusChange {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(status, "status");
    }

    public static StatusChange of(Instant at, String status) {
        return new StatusChange(at, status, null);
    }
}
