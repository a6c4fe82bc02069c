package io.flowlens.metrics.centricity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What callers send and get back for customer-centricity links and series. */
public final class CentricityViews {

    private CentricityViews() {
    }

    @Schema(name = "CustomerCentricityLinkRequest", description = "The assessment organisation whose scores to show")
    public record LinkRequest(
            @NotNull @Schema(required = true, description = "An organisation of the same tenant in assessment-service",
                    example = "0f8fad5b-d9cb-469f-a165-70867728950e") UUID organisationId) {
    }

    @Schema(name = "CustomerCentricityLink")
    public record LinkView(
            @Schema(required = true, description = "The linked organisation", example = "0f8fad5b-d9cb-469f-a165-70867728950e") UUID organisationId,
            @Schema(description = "Its name as of its latest scored assessment; absent while metrics has received none",
                    example = "Acme Retail GmbH") @JsonInclude(JsonInclude.Include.ALWAYS) String organisationName,
            @Schema(description = "The value stream; absent for the portfolio's link",
                    example = "7d444840-9dc0-11d1-b245-5ffdce74fad2") @JsonInclude(JsonInclude.Include.ALWAYS) UUID valueStreamId,
            @Schema(required = true, description = "When the link was made", example = "2026-03-01T09:00:00Z") Instant linkedAt,
            @Schema(required = true, description = "Scored assessments of the organisation metrics holds (0: none received yet)",
                    example = "3") int scoredAssessments,
            @Schema(description = "The scored-at instant of the latest of them", example = "2026-02-27T10:00:00Z")
            @JsonInclude(JsonInclude.Include.ALWAYS) Instant latestScoredAt) {
    }

    @Schema(name = "CustomerCentricitySeriesName")
    public record SeriesNameView(
            @Schema(required = true, description = "index, or a dimension's key", example = "communication") String key,
            @Schema(required = true, example = "Communication") String label) {
    }

    @Schema(name = "CustomerCentricityDimensionScore")
    public record DimensionScoreView(
            @Schema(required = true, example = "communication") String key,
            @Schema(required = true, example = "Communication") String label,
            @Schema(required = true, description = "0..100", example = "55.0") double score) {
    }

    @Schema(name = "CustomerCentricityPoint", description = "One scored assessment: the points it gives every series")
    public record PointView(
            @Schema(required = true, example = "5f0c7e9e-4d1b-4a53-9d0e-2b8f3c1a7d42") UUID assessmentId,
            @Schema(required = true, description = "The assessment's revision (raised by each correction)", example = "1") long revision,
            @Schema(required = true, description = "When the organisation was assessed", example = "2026-02-27T10:00:00Z") Instant scoredAt,
            @Schema(required = true, description = "scoredAt's local date in the time zone below: the point's date",
                    example = "2026-02-27") LocalDate date,
            @Schema(required = true, example = "ccm-2026.1") String questionnaireVersion,
            @Schema(required = true, description = "The customer-centricity index, 0..100", example = "62.5") double index,
            @Schema(required = true) List<DimensionScoreView> dimensions) {
    }

    @Schema(name = "CustomerCentricitySeries")
    public record SeriesView(
            @Schema(required = true, example = "customer-centricity") String category,
            @Schema(required = true) LinkView link,
            @Schema(required = true, description = "The value stream's time zone, or UTC for the portfolio", example = "Europe/Berlin") String timeZone,
            @Schema(required = true, description = "The series: index first, then each dimension") List<SeriesNameView> series,
            @Schema(required = true, description = "Every scored assessment, oldest first") List<PointView> points) {
    }
}
