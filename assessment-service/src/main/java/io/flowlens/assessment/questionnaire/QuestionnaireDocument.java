package io.flowlens.assessment.questionnaire;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A questionnaire version as published and served: the seed file's format. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Questionnaire", description = "A questionnaire version: dimensions, statements, scale, weights and levels",
        requiredProperties = {"id", "title", "scale", "levels", "dimensions"})
public record QuestionnaireDocument(
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9.\\-]{0,62}") @Schema(example = "ccm-2026.1") String id,
        @NotBlank @Size(max = 200) @Schema(example = "Customer-centricity maturity self-assessment") String title,
        @NotNull @Valid Scale scale,
        @NotEmpty @Valid List<Level> levels,
        @NotEmpty @Valid List<Dimension> dimensions) {

    @Schema(name = "QuestionnaireScale", requiredProperties = {"min", "max"})
    public record Scale(@Min(0) @Max(10) int min, @Min(1) @Max(10) int max, Map<String, String> labels) {
    }

    @Schema(name = "QuestionnaireLevel", requiredProperties = {"level", "name", "from"})
    public record Level(@Min(1) int level, @NotBlank String name,
            @NotNull @DecimalMin("0") @Schema(description = "index from which the level starts (inclusive)") BigDecimal from) {
    }

    @Schema(name = "QuestionnaireDimension", requiredProperties = {"id", "name", "weight", "statements"})
    public record Dimension(@NotBlank @Schema(example = "communication") String id, @NotBlank String name,
            @NotNull @DecimalMin(value = "0", inclusive = false) @Schema(example = "1.5") BigDecimal weight,
            @NotEmpty @Valid List<Statement> statements) {
    }

    @Schema(name = "QuestionnaireStatement", requiredProperties = {"id", "text"})
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public record Statement(@NotBlank @Schema(example = "communication.upward") String id, @NotBlank String text,
            @Schema(description = "agreeing means less customer-centric; scored (max − answer)") boolean reverse,
            @Schema(description = "a concrete next step when this statement scores low") String nextStep) {
    }
}
