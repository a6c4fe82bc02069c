package io.flowlens.gateway.tenant;

import java.time.Instant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.flowlens.gateway.apikey.ApiKeyDtos.CreatedKey;

/** Request and response bodies of the tenant endpoints. */
public final class TenantDtos {

    private TenantDtos() {
    }

    @Schema(name = "CreateTenant", description = "A new tenant")
    public record CreateTenant(
            @Schema(examples = "Acme Corp") @NotBlank @Size(max = 200) String name,
            @Schema(description = "Optional rate limit for this tenant's keys; the gateway default otherwise")
            @Valid RateLimit rateLimit) {
    }

    @Schema(name = "RateLimit", description = "A token bucket: burst capacity and sustained refill rate")
    public record RateLimit(
            @Schema(examples = "500") @NotNull @Min(1) @Max(1_000_000) Integer capacity,
            @Schema(examples = "100") @NotNull @DecimalMin(value = "0.001") Double refillPerSecond) {
    }

    @Schema(name = "Tenant", description = "A customer of the platform", requiredProperties = {"id", "name", "createdAt"})
    public record TenantView(
            @Schema(examples = "0b6f3c1e-3c1a-4d8e-9d4b-6a2f1f0e9a11") String id,
            @Schema(examples = "Acme Corp") String name,
            @Schema(examples = "2026-01-05T10:00:00Z") Instant createdAt,
            @Schema(nullable = true, description = "This tenant's own rate limit; null when the gateway default applies")
            RateLimit rateLimit) {

        static TenantView of(Tenant t) {
            return new TenantView(t.id, t.name, t.createdAt,
                    t.rateLimitCapacity == null ? null : new RateLimit(t.rateLimitCapacity, t.rateLimitRefillPerSecond));
        }
    }

    @Schema(name = "TenantCreated", description = "The new tenant and its first admin key (shown only now)",
            requiredProperties = {"tenant", "adminKey"})
    public record TenantCreated(TenantView tenant, CreatedKey adminKey) {
    }

    @Schema(name = "TenantErased", description = "What each part of Flowlens erased of the tenant, in rows by kind;"
            + " all zeros when it had been erased already", requiredProperties = {"tenantId", "erased"})
    public record TenantErased(
            @Schema(examples = "0b6f3c1e-3c1a-4d8e-9d4b-6a2f1f0e9a11") String tenantId,
            @Schema(description = "By part (gateway, ingestion, metrics, assessment): rows erased by kind")
            java.util.Map<String, java.util.Map<String, Object>> erased) {
    }
}
