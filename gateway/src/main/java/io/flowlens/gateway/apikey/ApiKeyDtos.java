package io.flowlens.gateway.apikey;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response bodies of the API key endpoints. */
public final class ApiKeyDtos {

    private ApiKeyDtos() {
    }

    /** The roles a tenant's key can carry (platform keys come only from configuration). */
    public enum KeyRole { admin, member, reader, partner }

    @Schema(name = "CreateApiKey", description = "A new key of the tenant")
    public record CreateKey(
            @Schema(examples = "dashboard read-only") @NotBlank @Size(max = 200) String name,
            @Schema(examples = "reader") @NotNull KeyRole role,
            @Schema(description = "Optional expiry (UTC); the key is refused from then on",
                    examples = "2027-01-01T00:00:00Z") Instant expiresAt) {
    }

    @Schema(name = "ApiKey", description = "An API key as listed: never the key itself",
            requiredProperties = {"id", "name", "role", "prefix", "createdAt"})
    public record KeyView(
            @Schema(examples = "6d1f9a3e-2b7c-4f0a-8c1e-0d2b3a4c5e6f") String id,
            @Schema(examples = "dashboard read-only") String name,
            @Schema(examples = "reader", enumeration = {"admin", "member", "reader", "partner"}) String role,
            @Schema(description = "The key's visible start", examples = "flk_1a2b3c4d") String prefix,
            @Schema(examples = "2026-01-05T10:00:00Z") Instant createdAt,
            @Schema(nullable = true, description = "When the key stops working; null when it does not expire") Instant expiresAt,
            @Schema(nullable = true, description = "When the key was revoked; null while it works") Instant revokedAt,
            @Schema(nullable = true, description = "When the key's secret was last rotated; null if never") Instant rotatedAt) {

        static KeyView of(ApiKey k) {
            return new KeyView(k.id, k.name, k.role, k.prefix, k.createdAt, k.expiresAt, k.revokedAt, k.rotatedAt);
        }
    }

    @Schema(name = "CreatedApiKey", description = "A new or rotated key; `key` is shown only in this response",
            requiredProperties = {"id", "name", "role", "prefix", "key", "createdAt"})
    public record CreatedKey(
            @Schema(examples = "6d1f9a3e-2b7c-4f0a-8c1e-0d2b3a4c5e6f") String id,
            @Schema(examples = "dashboard read-only") String name,
            @Schema(examples = "reader", enumeration = {"admin", "member", "reader", "partner"}) String role,
            @Schema(examples = "flk_1a2b3c4d") String prefix,
            @Schema(description = "Send as `Authorization: Bearer <key>` or `X-API-Key: <key>`",
                    examples = "flk_1a2b3c4d_q2V0c2VjcmV0LWtleS1leGFtcGxlLW5vdC1yZWFsLTAwMDA") String key,
            @Schema(examples = "2026-01-05T10:00:00Z") Instant createdAt,
            @Schema(nullable = true, description = "When the key stops working; null when it does not expire") Instant expiresAt) {
    }

    @Schema(name = "ApiKeyPage", description = "One page of a tenant's keys", requiredProperties = "items")
    public record KeyPage(List<KeyView> items,
            @Schema(nullable = true, description = "Pass as `cursor` for the next page; null on the last") String nextCursor) {
    }
}
