package io.flowlens.ingestion.tracker;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** Small readers for the shapes trackers' JSON comes in. */
final class Payloads {

    // Jira: 2018-09-04T10:45:24.000-0500; GitLab: 2019-04-06 21:20:45 UTC.
    private static final DateTimeFormatter OFFSET_NO_COLON = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME).appendPattern("[XX][XXX]").toFormatter();
    private static final DateTimeFormatter GITLAB_UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(java.time.ZoneOffset.UTC);

    private Payloads() {
    }

    static String text(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        return n == null || n.isNull() || n.isMissingNode() ? null : n.asText();
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

    /** An instant in any of the formats trackers use; null when absent; throws when unreadable. */
    static Instant instant(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isNumber()) {
            return Instant.ofEpochMilli(n.asLong());
        }
        try {
            return parseInstant(n.asText());
        } catch (java.time.DateTimeException e) {
            throw wrong("/" + String.join("/", path), "'" + n.asText() + "' is not a date-time");
        }
    }

    static Instant parseInstant(String s) {
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(s, OFFSET_NO_COLON).toInstant();
            } catch (DateTimeParseException e2) {
                return Instant.from(GITLAB_UTC.parse(s));
            }
        }
    }

    /** The values of {@code field} in each element of an array (label names, titles). */
    static List<String> names(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            for (JsonNode e : array) {
                if (e.isTextual()) {
                    out.add(e.asText());
                } else if (e.hasNonNull(field)) {
                    out.add(e.get(field).asText());
                }
            }
        }
        return out;
    }

    static PayloadProblem wrong(String pointer, String message) {
        return new PayloadProblem(pointer, message);
    }
}
