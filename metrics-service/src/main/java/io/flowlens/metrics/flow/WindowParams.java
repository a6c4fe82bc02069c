package io.flowlens.metrics.flow;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import io.flowlens.common.problem.ApiException;
import io.flowlens.metrics.calc.Bucket;
import io.flowlens.metrics.calc.Window;

/**
 * Reads {@code from}/{@code to}/{@code bucket} query parameters. A date means the start of that
 * day in the zone; an instant is taken as it is. Faults are 400s naming the parameter.
 */
public final class WindowParams {

    private WindowParams() {
    }

    public static Window window(String from, String to, ZoneId zone, int defaultDays, int maxYears) {
        Instant end = to == null || to.isBlank() ? LocalDate.now(zone).plusDays(1).atStartOfDay(zone).toInstant()
                : instant("to", to, zone);
        Instant start = from == null || from.isBlank()
                ? end.atZone(zone).minusDays(defaultDays).toInstant() : instant("from", from, zone);
        if (!start.isBefore(end)) {
            throw ApiException.badParameter("from", "must be before to (the window is [from, to))");
        }
        if (start.atZone(zone).plusYears(maxYears).toInstant().isBefore(end)) {
            throw ApiException.badParameter("to", "the window is longer than " + maxYears + " years");
        }
        return new Window(start, end, zone);
    }

    static Instant instant(String name, String value, ZoneId zone) {
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(zone).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badParameter(name,
                    "'" + value + "' is neither an ISO date (2025-01-31) nor an instant (2025-01-31T00:00:00Z)");
        }
    }

    /** Null when absent; day, week or month otherwise. */
    public static Bucket bucket(String bucket) {
        if (bucket == null || bucket.isBlank()) {
            return null;
        }
        return switch (bucket) {
            case "day" -> Bucket.DAY;
            case "week" -> Bucket.WEEK;
            case "month" -> Bucket.MONTH;
            default -> throw ApiException.badParameter("bucket", "'" + bucket + "' is not one of day, week, month");
        };
    }

    /** An optional whole-number parameter; 400 naming it when it is not one. */
    public static Long number(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badParameter(name, "'" + value + "' is not a whole number");
        }
    }

    public static Integer integer(String name, String value) {
        Long n = number(name, value);
        if (n != null && (n > Integer.MAX_VALUE || n < Integer.MIN_VALUE)) {
            throw ApiException.badParameter(name, "'" + value + "' is out of range");
        }
        return n == null ? null : n.intValue();
    }

    /** A date parameter (forecasts). */
    public static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badParameter(name, "is required (an ISO date such as 2026-03-31)");
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badParameter(name, "'" + value + "' is not an ISO date such as 2026-03-31");
        }
    }
}
