package io.flowlens.assessment.benchmark;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A benchmark answer: figures when the cohort is large enough, otherwise why not and where to look instead. */
@Schema(name = "Benchmark")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record BenchmarkView(UUID assessmentId, String questionnaireVersion, CohortView cohort,
        @Schema(description = "shown, or cohort-too-small", enumeration = {"shown", "cohort-too-small"}) String status,
        String message,
        @Schema(description = "null when the cohort is too small", nullable = true) Figures overall,
        @Schema(description = "empty when the cohort is too small") List<Figures> dimensions,
        @Schema(description = "when too small: the next broader cohort that is large enough, or null", nullable = true) CohortView suggestedCohort,
        @Schema(example = "Benchmarks are self-reported and self-selected: ...") String note) {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CohortView(@Schema(nullable = true) String industry, @Schema(nullable = true) String sizeBand,
            @Schema(nullable = true) String region, String description,
            @Schema(description = "organisations in the cohort, this one included; null when too small", nullable = true) Long size) {
    }

    /** Never a minimum or maximum: at the extremes they are one organisation's answers. */
    public record Figures(@Schema(example = "overall") String id, String name, @Schema(example = "47.3") BigDecimal score,
            @Schema(description = "(below + 0.5 × equal) / n × 100", example = "62.5") BigDecimal percentileRank,
            BigDecimal lowerQuartile, BigDecimal median, BigDecimal upperQuartile) {
    }
}
