package io.flowlens.ingestion.tracker;

import java.util.List;

/**
 * What a tracker parser made of a delivery: the event kind (for the raw record) and either the
 * item changes it carries or the reason it is acknowledged and ignored.
 */
public record ParsedDelivery(String eventKind, List<ItemChange> changes, String ignoredBecause) {

    public static ParsedDelivery changes(String eventKind, List<ItemChange> changes) {
        return new ParsedDelivery(eventKind, List.copyOf(changes), null);
    }

    public static ParsedDelivery ignored(String eventKind, String because) {
        return new ParsedDelivery(eventKind, List.of(), because);
    }

    public boolean isIgnored() {
        return ignoredBecause != null;
    }
}
