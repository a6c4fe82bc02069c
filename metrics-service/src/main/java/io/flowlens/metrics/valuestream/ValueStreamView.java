package io.flowlens.metrics.valuestream;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A value stream as the API shows it. */
public record ValueStreamView(UUID id, String name, String timeZone, List<Scope> scopes,
        @Schema(description = ValueStreamRequest.COUNT_SUBTASKS, examples = "false") boolean countSubtasks,
        Instant createdAt, Instant updatedAt,
        @Schema(description = DAY_COUNTS, enumeration = { "ready", "preparing" }, examples = "ready") String dayCounts) {

    static final String DAY_COUNTS = "Whether the pre-aggregated day counts this stream's load and cumulative flow are "
            + "read from are ready. Creating a stream in a time zone no other stream of the tenant uses, changing its "
            + "zone, or narrowing it by labels starts a back-fill job and answers at once: while it runs (preparing) "
            + "the stream's figures are computed from the item timelines instead, the same figures, only slower.";

    static ValueStreamView of(ValueStream v, String dayCounts) {
        return new ValueStreamView(v.id, v.name, v.timeZone, v.scopes, v.countSubtasks, v.createdAt, v.updatedAt,
                dayCounts);
    }
}
