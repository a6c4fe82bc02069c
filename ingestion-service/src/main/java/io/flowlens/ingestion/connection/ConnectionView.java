package io.flowlens.ingestion.connection;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A connection as callers see it: never its secret. */
@Schema(description = "A tracker connection", requiredProperties = {"id", "kind", "name", "webhookUrl", "createdAt",
        "updatedAt"})
public record ConnectionView(
        @Schema(example = "7d1f0c9e-4d7b-4d6e-9a53-2f6b7f0f3c11") UUID id,
        @Schema(enumeration = {"github", "gitlab", "jira", "azure-devops", "linear", "generic"}, example = "github")
        String kind,
        @Schema(example = "acme/shop issues") String name,
        @Schema(description = "Where the tracker must send its webhooks",
                example = "https://api.flowlens.io/api/v1/webhooks/7d1f0c9e-4d7b-4d6e-9a53-2f6b7f0f3c11") String webhookUrl,
        @Schema(example = "2026-01-05T10:00:00Z") Instant createdAt,
        @Schema(example = "2026-01-05T10:00:00Z") Instant updatedAt) {
}
