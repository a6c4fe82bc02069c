package io.flowlens.metrics.timeline;

import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import io.flowlens.metrics.valuestream.Scope;

/**
 * A value stream narrowed by labels whose own day counts are kept (ready): the write path adds an
 * item's day deltas to it when the item matches one of its scopes, the same predicate the queries
 * evaluate in SQL ({@link Subject}).
 */
public record CountedStream(UUID id, ZoneId zone, List<Scope> scopes) {

    public boolean matches(StoredItem item) {
        for (Scope s : scopes) {
            if (s.matches(item.connectionId(), item.project(), item.labels(), item.flowType())) {
                return true;
            }
        }
        return false;
    }
}
