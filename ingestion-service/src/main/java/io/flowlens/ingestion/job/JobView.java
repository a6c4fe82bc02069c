package io.flowlens.ingestion.job;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A job's status, progress and outcome. */
@Schema(description = "An import, remapping or replay job")
public record JobView(UUID id, UUID connectionId,
        @Schema(enumeration = {"import", "remap", "replay"}, example = "import") String kind,
        @Schema(enumeration = {"queued", "running", "succeeded", "failed"}, example = "running") String status,
        @Schema(example = "jira-search") String format,
        @Schema(description = "Records (issues, items) processed so far", example = "42000") long records,
        @Schema(description = "Status changes read", example = "420000") long transitions,
        @Schema(description = "Items whose canonical state changed", example = "42000") long itemsChanged,
        String message, List<Map<String, String>> errors, Instant createdAt, Instant startedAt, Instant finishedAt) {

    public static JobView of(Job j) {
        return new JobView(j.id, j.connectionId, j.kind, j.status, j.format, j.records, j.transitions, j.itemsChanged,
                j.message, j.errors, j.createdAt, j.startedAt, j.finishedAt);
    }
}
