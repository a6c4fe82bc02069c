package io.flowlens.ingestion.job;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A job's status, progress and outcome. */
@Schema(description = "An import, remapping or replay job", requiredProperties = {"id", "connectionId", "kind", "status",
        "records", "transitions", "itemsChanged", "errors", "createdAt"})
public record JobView(UUID id, UUID connectionId,
        @Schema(enumeration = {"import", "remap", "replay"}, example = "import") String kind,
        @Schema(enumeration = {"queued", "running", "succeeded", "failed"}, example = "running") String status,
        @Schema(nullable = true, description = "The import's format; null for remappings and replays",
                example = "jira-search") String format,
        @Schema(description = "Records (issues, items) processed so far", example = "42000") long records,
        @Schema(description = "Status changes read", example = "420000") long transitions,
        @Schema(description = "Items whose canonical state changed", example = "42000") long itemsChanged,
        @Schema(nullable = true, description = "Why the job failed, or a note on its outcome") String message,
        @Schema(description = "What was wrong, each with a pointer and a detail, when the job failed")
        List<Map<String, String>> errors,
        @Schema(example = "2026-01-05T10:00:00Z") Instant createdAt,
        @Schema(nullable = true, description = "Null while queued") Instant startedAt,
        @Schema(nullable = true, description = "Null until the job succeeded or failed") Instant finishedAt) {

    public static JobView of(Job j) {
        return new JobView(j.id, j.connectionId, j.kind, j.status, j.format, j.records, j.transitions, j.itemsChanged,
                j.message, j.errors, j.createdAt, j.startedAt, j.finishedAt);
    }
}
