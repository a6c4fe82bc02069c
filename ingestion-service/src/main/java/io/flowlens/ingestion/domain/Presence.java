package io.flowlens.ingestion.domain;

import java.time.Instant;
import java.util.Comparator;

/**
 * A tracker's statement that an item is gone ({@code deleted}) or back ({@code restored}), with
 * the instant the tracker made it. An item's presence is its newest statement: ordered by
 * instant (a statement without one is older than any with one), and at the same instant a
 * deletion outranks a restoration. That order is total, so the newest of a set of statements
 * does not depend on the order they arrive in: a late delivery of an older statement changes
 * nothing, a redelivery changes nothing, and a replay of the raw layer gives what the live
 * path gave. No statement at all means present. Ordinary updates state nothing about presence.
 *
 * <p>Deletion wins a tie because it is the conservative reading (an item that might be gone is
 * not counted) and keeps the order total without relying on arrival.
 *
 * @param deleted true for a deletion, false for a restoration
 * @param at the instant the tracker stated it; null when the payload does not say
 */
public record Presence(boolean deleted, Instant at) {

    private static final Comparator<Presence> ORDER = Comparator
            .comparing(Presence::at, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Presence::deleted);

    public static Presence deletion(Instant at) {
        return new Presence(true, at);
    }

    public static Presence restoration(Instant at) {
        return new Presence(false, at);
    }

    /** Whether this statement overturns {@code other} (null: nothing stated yet, so any statement does). */
    public boolean supersedes(Presence other) {
        return other == null || ORDER.compare(this, other) > 0;
    }

    /** The newer of two statements, either of which may be null (nothing stated). */
    public static Presence newest(Presence a, Presence b) {
        if (a == null) {
            return b;
        }
        return b != null && b.supersedes(a) ? b : a;
    }

    /** Whether an item with this newest statement is deleted (no statement: present). */
    public static boolean isDeleted(Presence newest) {
        return newest != null && newest.deleted();
    }
}
