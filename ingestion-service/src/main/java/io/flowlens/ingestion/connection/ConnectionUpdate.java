package io.flowlens.ingestion.connection;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Renames a connection and, optionally, rotates its secret. The kind cannot change. */
@Schema(description = "New name and, optionally, a new secret")
public record ConnectionUpdate(
        @Schema(example = "acme/shop issues") @NotBlank @Size(max = 200) String name,
        @Schema(description = "A new secret; omitted keeps the current one", example = "n3w-webhook-key")
        @Size(min = 8, max = 1000) String secret) {
}
