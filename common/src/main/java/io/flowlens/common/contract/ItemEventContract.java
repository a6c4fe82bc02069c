package io.flowlens.common.contract;

import java.time.Instant;

/**
 * The limits of the canonical item event (docs/contracts.md), defined once: ingestion refuses
 * what breaks them before it accepts a delivery or an import, and metrics-service checks them
 * on arrival. Plain Java, so both sides and their tests share exactly the same numbers.
 */
public final class ItemEventContract {

    /** Events in one POST to metrics-service. */
    public static final int MAX_BATCH = 1_000;
    /** Characters of an item's title. */
    public static final int MAX_TITLE = 10_000;
    /** Characters of a project, key, label, connection or item id. */
    public static final int MAX_TEXT = 200;
    /** Characters of a tenant id. */
    public static final int MAX_TENANT_ID = 64;
    /** Labels on one item. */
    public static final int MAX_LABELS = 200;
    /** Earliest and latest instants either side stores: PostgreSQL's timestamptz holds far more, Java's Instant too, but years outside 1..9999 are never a real tracker's. */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

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
        if (value.indexOf('\u0000') >= 0) {
            return "must not contain the NUL character (U+0000)";
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
}
