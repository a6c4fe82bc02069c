package io.flowlens.ingestion.webhook;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What became of a delivery. */
@Schema(description = "The outcome of a webhook delivery", requiredProperties = {"delivery", "outcome", "itemsChanged"})
public record WebhookReceipt(
        @Schema(description = "The tracker's delivery id, or sha256:<body digest> when it sends none",
                example = "72d3162e-cc78-11e3-81ab-4c9367dc0958") String delivery,
        @Schema(description = "applied: items updated; ignored: an event kind that changes no item (acknowledged so"
                + " the tracker does not retry); duplicate: already received, nothing changed",
                enumeration = {"applied", "ignored", "duplicate"}, example = "applied") String outcome,
        @Schema(nullable = true, example = "issues.closed") String eventKind,
        @Schema(description = "Items whose canonical state changed", example = "1") int itemsChanged,
        @Schema(nullable = true, description = "Why an event was ignored") String note) {
}
