package io.flowlens.metrics.valuestream;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One scope of a value stream: a connection plus a tracker project, board or repository,
 * optionally narrowed to items carrying at least one of {@code labels} and/or of one of
 * {@code flowTypes}.
 */
@Schema(description = "A connection plus a tracker project/board/repository key, optionally narrowed")
public record Scope(
        @Schema(description = "Connection id (ingestion's)", examples = "5b1c8f7e-2f0e-4c8a-9d43-0c7f3f1b2a10")
        @NotBlank @Size(max = 200) String connectionId,
        @Schema(description = "Project, board or repository key as the tracker names it", examples = "acme/shop")
        @NotBlank @Size(max = 200) String project,
        @Schema(description = "Only items with at least one of these labels (omit for all)")
        @Size(max = 50) List<@NotBlank @Size(max = 200) String> labels,
        @Schema(description = "Only items of these flow types (omit for all)")
        @Size(max = 4) List<@NotBlank @Pattern(regexp = "feature|defect|risk|debt",
                message = "must be one of feature, defect, risk, debt") String> flowTypes) {

    public List<String> labelsOrEmpty() {
        return labels == null ? List.of() : labels;
    }

    public List<String> flowTypesOrEmpty() {
        return flowTypes == null ? List.of() : flowTypes;
    }
}
