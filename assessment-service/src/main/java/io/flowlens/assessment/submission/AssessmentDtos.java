package io.flowlens.assessment.submission;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What callers send and get back for assessments and drafts. */
public final class AssessmentDtos {

    private AssessmentDtos() {
    }

    @Schema(name = "SubmitAssessment", requiredProperties = {"organisationId", "questionnaireVersion", "answers"},
            examples = Examples.SUBMIT)
    public record SubmitAssessment(
            @NotNull @Schema(example = "0f8fad5b-d9cb-469f-a165-70867728950e") UUID organisationId,
            @NotBlank @Schema(example = "ccm-2026.1") String questionnaireVersion,
            @NotNull @Schema(description = "statement id → answer 1..5; every statement of the version, no others",
                    examples = Examples.ANSWERS) Map<String, Integer> answers,
            @Schema(description = "optional: when the organisation was assessed, for back-dated history (not in the future); default now",
                    example = "2025-06-30T00:00:00Z") Instant assessedAt) {
    }

    @Schema(name = "CorrectAssessment")
    public record CorrectAssessment(
            @NotNull @Schema(required = true, description = "statement id → answer 1..5; every statement of the assessment's version, no others",
                    example = "{\"research.blend\": 4, \"research.opinion\": 2}") Map<String, Integer> answers) {
    }

    @Schema(name = "SaveDraft", requiredProperties = {"organisationId", "questionnaireVersion", "answers"})
    public record SaveDraft(
            @NotNull UUID organisationId,
            @NotBlank @Schema(example = "ccm-2026.1") String questionnaireVersion,
            @NotNull @Schema(description = "any subset of the statements, each 1..5") Map<String, Integer> answers) {
    }

    @Schema(name = "UpdateDraft", requiredProperties = "answers")
    public record UpdateDraft(@NotNull @Schema(description = "replaces the draft's answers") Map<String, Integer> answers) {
    }

    @Schema(name = "Draft", requiredProperties = {"id", "organisationId", "questionnaireVersion", "answers", "unanswered",
            "createdAt", "updatedAt"})
    public record DraftView(UUID id, UUID organisationId, String questionnaireVersion, Map<String, Integer> answers,
            @Schema(description = "statements still to answer before it can be submitted") List<String> unanswered,
            Instant createdAt, Instant updatedAt, @Schema(description = "set once submitted") UUID assessmentId) {
    }

    @Schema(name = "Level", requiredProperties = {"level", "name"})
    public record LevelView(@Schema(example = "3") int level, @Schema(example = "Developing") String name) {
    }

    @Schema(name = "DimensionScore", requiredProperties = {"id", "name", "weight", "score"})
    public record DimensionView(@Schema(example = "communication") String id, String name,
            @Schema(example = "1.5") BigDecimal weight, @Schema(example = "45.0") BigDecimal score) {
    }

    @Schema(name = "StatementAdvice", requiredProperties = {"id", "text", "answer", "score", "nextStep"})
    public record StatementAdvice(String id, String text, int answer, @Schema(example = "25.0") BigDecimal score,
            String nextStep) {
    }

    @Schema(name = "Recommendation", requiredProperties = {"dimension", "name", "score", "leverage", "statements"})
    public record RecommendationView(@Schema(example = "communication") String dimension, String name,
            BigDecimal score, @Schema(description = "weight × (100 − score)") BigDecimal leverage,
            @Schema(description = "the dimension's lowest statements, each with a next step") List<StatementAdvice> statements) {
    }

    @Schema(name = "AssessmentResult", requiredProperties = {"id", "organisationId", "questionnaireVersion", "assessedAt",
            "submittedAt", "index", "level", "dimensions", "recommendations"})
    public record AssessmentView(UUID id, UUID organisationId, String questionnaireVersion, Instant assessedAt,
            Instant submittedAt, @Schema(description = "overall index 0–100, one decimal", example = "47.3") BigDecimal index,
            LevelView level, List<DimensionView> dimensions, List<RecommendationView> recommendations) {
    }

    @Schema(name = "DimensionChange", requiredProperties = {"id", "score", "change"})
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record DimensionChange(String id, BigDecimal score,
            @Schema(description = "change since the previous assessment of the same version; null for the first", nullable = true) BigDecimal change) {
    }

    @Schema(name = "AssessmentHistoryItem", requiredProperties = {"id", "questionnaireVersion", "assessedAt", "index",
            "indexChange", "level", "dimensions"})
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record HistoryItem(UUID id, String questionnaireVersion, Instant assessedAt, BigDecimal index,
            @Schema(description = "change since the previous assessment of the same version; null for the first", nullable = true) BigDecimal indexChange,
            LevelView level, List<DimensionChange> dimensions) {
    }
}
