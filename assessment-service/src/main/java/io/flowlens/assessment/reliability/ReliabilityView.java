package io.flowlens.assessment.reliability;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Cronbach's alpha per dimension of a questionnaire version. */
@Schema(name = "Reliability")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ReliabilityView(String questionnaireVersion,
        @Schema(description = "organisations whose latest scored assessment of this version is counted") long organisations,
        List<DimensionReliability> dimensions, String note) {

    public record DimensionReliability(String id, String name, int statements,
            @Schema(description = "null when undefined (no variance in the totals)", example = "0.82") Double alpha,
            @Schema(enumeration = {"unacceptable", "poor", "questionable", "acceptable", "good", "excellent", "undefined"}) String band,
            String interpretation) {
    }
}
