package io.flowlens.common.contract;

import java.time.Instant;
import java.util.List;

/**
 * The limits of the canonical item event (docs/contracts.md), defined once: ingestion refuses
 * what breaks them before it accepts a delivery or an import, and metrics-service checks them
 * on arrival. Plain Java, so both sides and their tests share exactly the same numbers.
 */
public final class ItemEventContract {

    /** Events in one POST to metrics-service. */
    public static final int MAX_BATCH = 1_000;
    /**
     * Bytes of one POST's body the relay aims at: it starts a new POST before a batch grows past
     * it (an event larger than that still travels, alone). metrics-service accepts bodies up to
     * 10 MB, so a batch of whole items with long titles never meets a 413.
     */
    public static final int MAX_BATCH_BYTES = 8 * 1024 * 1024;
    /** Characters of an item's title. */
    public static final int MAX_TITLE = 10_000;
    /** Characters of a project, key, label, connection or item id. */
    public static final int MAX_TEXT = 200;
    /**
     * Characters of a transition's {@code status}, the tracker's own status words (version 3,
     * optional): a text like a key or a label. A producer refuses a longer one before storing it
     * (cutting could merge two statuses); a consumer refuses the event.
     */
    public static final int MAX_STATUS = MAX_TEXT;
    /** Characters of a tenant id. */
    public static final int MAX_TENANT_ID = 64;
    /** Labels on one item. */
    public static final int MAX_LABELS = 200;
    /** Earliest and latest instants either side stores: PostgreSQL's timestamptz holds far more, Java's Instant too, but years outside 1..9999 are never a real tracker's. */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    /** The event types; a consumer refuses (per event) a type it does not know. */
    public static final String UPSERTED = "item.upserted";
    public static final String DELETED = "item.deleted";
    /** Flow item types and flow states on the wire, in the order docs/flow-metrics.md names them. */
    public static final List<String> FLOW_TYPES = List.of("feature", "defect", "risk", "debt");
    public static final List<String> FLOW_STATES = List.of("new", "active", "waiting", "done", "canceled");
    /**
     * The optional {@code item.hierarchy} (version 2, additive): where the item's type sits in its
     * tracker's hierarchy. Absent means unknown (an older producer, or a tracker that does not say);
     * a consumer refuses any other word, never guessing at it.
     */
    public static final String SUBTASK = "subtask";
    public static final List<String> HIERARCHIES = List.of(SUBTASK, "standard", "epic");

    /**
     * The newest version of the event's fields. Versions only ever add optional fields (2:
     * {@code parentItemId}, {@code hierarchy}; 3: each transition's {@code status}), so an event
     * says nothing about its version: a consumer reads what is there and ignores what it does not
     * know, and an older event still applies. Not to be confused with {@link #VERSION_HEADER},
     * which is about the consumer's answers.
     */
    public static final int FIELDS_VERSION = 3;

    /**
     * Request header by which a relay asks for answers per event (version 2 of the contract):
     * metrics then applies the valid events of a batch and lists the refused ones. Without it
     * (version 1) a batch with any refused event is a 400 and nothing of it is applied.
     */
    public static final String VERSION_HEADER = "X-Flowlens-Item-Events-Version";
    public static final String PER_EVENT_VERSION = "2";

    private ItemEventContract() {
    }

    /** Why {@code value} cannot be a text field of at most {@code max} characters, or null when it can. */
    public static String textViolation(String value, int max) {
        if (value == null) {
            return null;
        }
        if (value.length() > max) {
            return "must be at most " + max + " characters (has " + value.length() + ")";
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '\u0000') {
                return "must not contain the NUL character (U+0000)";
            }
            if (Character.isHighSurrogate(ch) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++; // a proper pair: one character outside the Basic Multilingual Plane
            } else if (Character.isSurrogate(ch)) {
                // JSON can spell one ("\ud800"), but it is no character: UTF-8 cannot store it.
                return "must be valid Unicode (has an unpaired surrogate at " + i + ")";
            }
        }
        return null;
    }

    /** Why {@code at} cannot be stored, or null when it can. */
    public static String instantViolation(Instant at) {
        if (at == null) {
            return null;
        }
        if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
            return "must lie between the years 0001 and 9999 (is " + at + ")";
        }
        return null;
    }

    /** Why {@code labels} cannot be an item's labels (count only; each label is a text of MAX_TEXT), or null. */
    public static String labelsViolation(int count) {
        return count > MAX_LABELS ? "must hold at most " + MAX_LABELS + " labels (has " + count + ")" : null;
    }
}
