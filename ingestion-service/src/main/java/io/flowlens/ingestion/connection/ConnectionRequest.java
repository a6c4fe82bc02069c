package io.flowlens.ingestion.connection;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Registers a tracker connection. */
@Schema(description = "A tracker connection to register")
public record ConnectionRequest(
        @Schema(description = "The tracker", enumeration = {"github", "gitlab", "jira", "azure-devops", "linear",
                "generic"}, example = "github") @NotNull TrackerKind kind,
        @Schema(example = "acme/shop issues") @NotBlank @Size(max = 200) String name,
        @Schema(description = "The secret the tracker signs or authenticates with: the webhook secret (GitHub,"
                + " Jira, Linear, generic), the secret token (GitLab) or the basic-auth password (Azure DevOps)."
                + " Stored encrypted or hashed, never returned.", example = "s3cr3t-webhook-key")
        @NotBlank @Size(min = 8, max = 1000) String secret) {
}
