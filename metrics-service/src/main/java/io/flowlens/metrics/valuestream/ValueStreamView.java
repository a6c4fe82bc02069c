package io.flowlens.metrics.valuestream;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A value stream as the API shows it. */
public record ValueStreamView(UUID id, String name, String timeZone, List<Scope> scopes,
        @Schema(description = ValueStreamRequest.COUNT_SUBTASKS, examples = "false") boolean countSubtasks,
        Instant createdAt, Instant updatedAt) {

    static ValueStreamView of(ValueStream v) {
        return new ValueStreamView(v.id, v.name, v.timeZone, v.scopes, v.countSubtasks, v.createdAt, v.updatedAt);
    }
}
