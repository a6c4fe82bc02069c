package io.flowlens.metrics.valuestream;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a caller sends to create or replace a value stream. */
@Schema(description = "A value stream: a name, an IANA time zone and one or more scopes")
public record ValueStreamRequest(
        @Schema(examples = "Checkout") @NotBlank @Size(max = 200) String name,
        @Schema(description = "IANA time zone days and weeks are counted in", examples = "Europe/Berlin")
        @NotBlank @Size(max = 64) String timeZone,
        @NotEmpty @Size(max = 50) List<@Valid Scope> scopes,
        @Schema(description = COUNT_SUBTASKS, defaultValue = "false", examples = "false") Boolean countSubtasks) {

    static final String COUNT_SUBTASKS = "Whether sub-tasks (items whose tracker puts them below a standard item, "
            + "e.g. Jira sub-tasks) count beside their parents. Default false: a sub-task is a piece of its parent, "
            + "which is counted instead, so sub-tasks are left out of every metric of the stream: velocity, "
            + "distribution, flow time and efficiency, load, cumulative flow, aging, the completed items and "
            + "forecasts. Omitted on a replace (PUT) means false. Items whose hierarchy the tracker does not state "
            + "always count.";
}
