package io.flowlens.assessment.organisation;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What callers send and get back for organisations. */
public final class OrganisationDtos {

    private OrganisationDtos() {
    }

    @Schema(name = "CreateOrganisation")
    public record CreateOrganisation(
            @NotBlank @Size(max = 200) @Schema(required = true, example = "Acme Retail GmbH") String name,
            @Schema(required = true, example = "retail", enumeration = {"software", "financial-services", "insurance", "healthcare",
                    "life-sciences", "retail", "manufacturing", "telecommunications", "media", "energy",
                    "transport-logistics", "public-sector", "education", "professional-services", "hospitality",
                    "other"}) String industry,
            @Schema(required = true, example = "250-999", enumeration = {"1-49", "50-249", "250-999", "1000-4999", "5000+"}) String sizeBand,
            @Schema(required = true, example = "europe", enumeration = {"europe", "north-america", "latin-america", "asia-pacific",
                    "middle-east", "africa"}) String region,
            @Size(max = 200) @Schema(description = "the partner's own reference for the client", example = "CRM-4711") String externalRef) {
    }

    @Schema(name = "Organisation", requiredProperties = {"id", "name", "industry", "sizeBand", "region", "createdAt"})
    public record OrganisationView(UUID id, String name, String industry, String sizeBand, String region,
            String externalRef, Instant createdAt) {

        static OrganisationView of(Organisation o) {
            return new OrganisationView(o.id, o.name, o.industry, o.sizeBand, o.region, o.externalRef, o.createdAt);
        }
    }

    @Schema(name = "OrganisationVocabulary", description = "The allowed industries, size bands and regions",
            requiredProperties = {"industries", "sizeBands", "regions"})
    public record VocabularyView(java.util.List<String> industries, java.util.List<String> sizeBands,
            java.util.List<String> regions) {
    }
}
