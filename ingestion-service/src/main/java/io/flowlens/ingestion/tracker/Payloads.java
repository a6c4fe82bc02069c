package io.flowlens.ingestion.tracker;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import io.flowlens.common.contract.ItemEventContract;
import io.flowlens.ingestion.domain.StatusChange;

/**
 * Small readers for the shapes trackers' JSON comes in. Every text they return is
 * {@link TrackerText#storable storable}, every instant lies within the item event's range
 * ({@link ItemEventContract#EARLIEST} .. {@link ItemEventContract#LATEST}) or is refused as a
 * {@link PayloadProblem} naming the field.
 */
final class Payloads {

    // Jira: 2018-09-04T10:45:24.000-0500; GitLab: 2019-04-06 21:20:45 UTC.
    private static final DateTimeFormatter OFFSET_NO_COLON = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME).appendPattern("[XX][XXX]").toFormatter();
    private static final DateTimeFormatter GITLAB_UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(java.time.ZoneOffset.UTC);
    private static final String ELLIPSIS = "…";

    private Payloads() {
    }

    /** The text at {@code path} (numbers and booleans as written), storable; null when absent. */
    static String text(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        if (n == null || n.isNull() || n.isMissingNode() || n.isContainerNode()) {
            return null;
        }
        return TrackerText.storable(n.asText());
    }

    static JsonNode at(JsonNode node, String... path) {
        JsonNode n = node;
        for (String p : path) {
            if (n == null) {
                return null;
            }
            n = n.get(p);
        }
        return n;
    }

    /** An instant in any of the formats trackers use; null when absent; throws when unreadable or out of range. */
    static Instant instant(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        if (n == null || n.isNull()) {
            return null;
        }
        String pointer = "/" + String.join("/", path);
        Instant at;
        if (n.isNumber()) {
            if (!n.canConvertToLong()) {
                throw wrong(pointer, "'" + n.asText() + "' is not an instant in epoch milliseconds");
            }
            at = Instant.ofEpochMilli(n.asLong());
        } else if (n.isTextual()) {
            try {
                at = parseInstant(n.asText());
            } catch (java.time.DateTimeException e) {
                throw wrong(pointer, "'" + TrackerText.storable(n.asText()) + "' is not a date-time");
            }
        } else {
            throw wrong(pointer, "is not a date-time");
        }
        String violation = ItemEventContract.instantViolation(at);
        if (violation != null) {
            throw wrong(pointer, violation);
        }
        return at;
    }

    static Instant parseInstant(String s) {
        // The format is chosen by the text's shape, not by trying each one: a failed parse throws, and
        // Jira's offsets without a colon ("...000-0500") would cost an exception per instant of an export.
        if (s.endsWith(" UTC")) {
            return Instant.from(GITLAB_UTC.parse(s));
        }
        if (offsetWithoutColon(s)) {
            return OffsetDateTime.parse(s, OFFSET_NO_COLON).toInstant();
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(s, OFFSET_NO_COLON).toInstant();
        }
    }

    /** Whether {@code s} ends in an offset written {@code +hhmm} (Jira's). */
    private static boolean offsetWithoutColon(String s) {
        int n = s.length();
        if (n < 6) {
            return false;
        }
        char sign = s.charAt(n - 5);
        if (sign != '+' && sign != '-') {
            return false;
        }
        for (int i = n - 4; i < n; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The values of {@code field} in each element of an array (label names, titles), storable. */
    static List<String> names(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            for (JsonNode e : array) {
                if (e.isValueNode() && !e.isNull()) {
                    out.add(TrackerText.storable(e.asText()));
                } else if (e.hasNonNull(field) && e.get(field).isValueNode()) {
                    out.add(TrackerText.storable(e.get(field).asText()));
                }
            }
        }
        return out;
    }

    /** A tracker's numeric record id (Jira history id, event id) as an order; null when it is not a number. */
    static Long order(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return n.asLong();
        }
        if (n.isTextual()) {
            // Checked before parsing: a tracker whose ids are not numbers would otherwise throw per record.
            String text = n.asText().trim();
            if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                return null;
            }
            return Long.parseLong(text);
        }
        return null;
    }

    static PayloadProblem wrong(String pointer, String message) {
        return new PayloadProblem(pointer, message);
    }

    /** Runs {@code read} on a part of the payload, so that a problem in it names its place from the root. */
    static <T> T under(String prefix, Supplier<T> read) {
        try {
            return read.get();
        } catch (PayloadProblem p) {
            throw p.under(prefix);
        }
    }

    /** Where a parser read an item's attributes, for naming the field when one breaks a limit. */
    record Where(String id, String key, String project, String title, String labels, String status) {

        /** Statuses named by their concept ({@code status}) where a parser reads them from many places. */
        Where(String id, String key, String project, String title, String labels) {
            this(id, key, project, title, labels, "status");
        }
    }

    /**
     * The change within the item event's limits: an over-long title is cut (ending in "…": a
     * tracker cannot shorten what it sends, and the title only describes the item); an id, key,
     * project or label longer than {@link ItemEventContract#MAX_TEXT}, or more than
     * {@link ItemEventContract#MAX_LABELS} labels, is refused, naming the field (cutting them
     * could merge two different ones).
     */
    static ItemChange bounded(ItemChange c, Where where) {
        limit(c.externalId(), where.id());
        limit(c.key(), where.key());
        limit(c.project(), where.project());
        if (c.labels() != null) {
            if (c.labels().size() > ItemEventContract.MAX_LABELS) {
                throw wrong(where.labels(), "must hold at most " + ItemEventContract.MAX_LABELS + " labels (has "
                        + c.labels().size() + ")");
            }
            for (int i = 0; i < c.labels().size(); i++) {
                limit(c.labels().get(i), where.labels() + "/" + i);
            }
        }
        // A status travels in the item event (contract version 3) under the same limit as other texts;
        // cutting one could merge two different statuses, so it is refused like an id.
        for (StatusChange s : c.statuses()) {
            String violation = ItemEventContract.textViolation(s.status(), ItemEventContract.MAX_STATUS);
            if (violation != null) {
                throw wrong(where.status(), "a status " + violation);
            }
        }
        String title = c.title();
        if (title == null || title.length() <= ItemEventContract.MAX_TITLE) {
            return c;
        }
        int cut = ItemEventContract.MAX_TITLE - ELLIPSIS.length();
        if (Character.isHighSurrogate(title.charAt(cut - 1))) {
            cut--;
        }
        return new ItemChange(c.externalId(), c.key(), c.project(), title.substring(0, cut) + ELLIPSIS,
                c.trackerType(), c.labels(), c.createdAt(), c.observedAt(), c.statuses(), c.presence(),
                c.parentExternalId(), c.hierarchy());
    }

    private static void limit(String value, String pointer) {
        String violation = ItemEventContract.textViolation(value, ItemEventContract.MAX_TEXT);
        if (violation != null) {
            throw wrong(pointer, violation);
        }
    }
}
