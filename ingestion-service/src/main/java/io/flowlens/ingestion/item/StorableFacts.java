package io.flowlens.ingestion.item;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.flowlens.ingestion.domain.StatusChange;
import io.flowlens.ingestion.tracker.ItemChange;

/**
 * What the database can store, checked before anything is accepted: an import whose validation
 * passes must not fail in its job, and a webhook must not answer 500 for its payload. Instants
 * must lie in the years 0001–9999 (PostgreSQL stores more, but nothing a tracker means lies
 * outside, and ISO text of other years is not what the write paths hand PostgreSQL); text must
 * not hold U+0000, which PostgreSQL refuses in text.
 */
public final class StorableFacts {

    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private StorableFacts() {
    }

    /** One thing the database could not store: the record's field (a JSON Pointer below it) and why. */
    public record Problem(String field, String detail) {
    }

    /** Problems of one item change; empty when it can be stored as it is. */
    public static List<Problem> problems(ItemChange ch) {
        List<Problem> out = new ArrayList<>();
        instant(out, "/createdAt", ch.createdAt());
        instant(out, "/observedAt", ch.observedAt());
        text(out, "/id", ch.externalId());
        text(out, "/key", ch.key());
        text(out, "/project", ch.project());
        text(out, "/title", ch.title());
        text(out, "/type", ch.trackerType());
        text(out, "/parent", ch.parentExternalId());
        text(out, "/hierarchy", ch.hierarchy());
        if (ch.labels() != null) {
            for (int i = 0; i < ch.labels().size(); i++) {
                text(out, "/labels/" + i, ch.labels().get(i));
            }
        }
        for (int i = 0; i < ch.statuses().size(); i++) {
            StatusChange sc = ch.statuses().get(i);
            instant(out, "/statuses/" + i + "/at", sc.at());
            text(out, "/statuses/" + i + "/status", sc.status());
            text(out, "/statuses/" + i + "/category", sc.category());
            text(out, "/statuses/" + i + "/resolution", sc.resolution());
        }
        return out;
    }

    private static void instant(List<Problem> out, String field, Instant at) {
        if (at != null && (at.isBefore(EARLIEST) || at.isAfter(LATEST))) {
            out.add(new Problem(field, "the instant " + at + " is outside the years 0001 to 9999"));
        }
    }

    private static void text(List<Problem> out, String field, String text) {
        if (text != null && text.indexOf('\u0000') >= 0) {
            out.add(new Problem(field, "text must not contain the NUL character (U+0000)"));
        }
    }
}
