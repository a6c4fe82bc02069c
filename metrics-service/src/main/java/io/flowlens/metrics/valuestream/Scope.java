package io.flowlens.metrics.valuestream;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.flowlens.common.problem.Problem;
import io.flowlens.metrics.calc.FlowType;

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
        @Size(max = 50) List<String> labels,
        @Schema(description = "Only items of these flow types: feature, defect, risk, debt (omit for all)")
        @Size(max = 4) List<String> flowTypes) {

    /**
     * Faults in the list elements, each named by JSON Pointer. (Checked here rather than with
     * container-element constraints, whose paths the shared mapper does not turn into pointers.)
     */
    List<Problem.FieldError> elementErrors(String at) {
        List<Problem.FieldError> errors = new ArrayList<>();
        List<String> ls = labelsOrEmpty();
        for (int k = 0; k < ls.size(); k++) {
            if (ls.get(k) == null || ls.get(k).isBlank() || ls.get(k).length() > 200) {
                errors.add(new Problem.FieldError(at + "/labels/" + k, "must be a non-empty label of at most 200 characters"));
            }
        }
        List<String> ts = flowTypesOrEmpty();
        for (int k = 0; k < ts.size(); k++) {
            if (FlowType.fromWire(ts.get(k)) == null) {
                errors.add(new Problem.FieldError(at + "/flowTypes/" + k, "must be one of feature, defect, risk, debt"));
            }
        }
        return errors;
    }

    /**
     * Whether an item falls in this scope: same connection and project, at least one of the
     * labels (if any are given), one of the flow types (if any are given).
     */
    public boolean matches(String itemConnection, String itemProject, List<String> itemLabels, FlowType itemType) {
        if (!connectionId.equals(itemConnection) || !project.equals(itemProject)) {
            return false;
        }
        if (!labelsOrEmpty().isEmpty() && labelsOrEmpty().stream().noneMatch(itemLabels::contains)) {
            return false;
        }
        return flowTypesOrEmpty().isEmpty() || (itemType != null && flowTypesOrEmpty().contains(itemType.wire()));
    }

    public List<String> labelsOrEmpty() {
        return labels == null ? List.of() : labels;
    }

    public List<String> flowTypesOrEmpty() {
        return flowTypes == null ? List.of() : flowTypes;
    }
}
