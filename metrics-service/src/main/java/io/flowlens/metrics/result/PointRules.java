package io.flowlens.metrics.result;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a business-result data point must be. Plain Java: the single-point endpoints and both
 * upload formats give their drafts to {@link #check}, so a point is judged the same way however
 * it arrives.
 */
public final class PointRules {

    public static final int MIN_YEAR = 1970;
    public static final int MAX_YEAR = 9999;
    public static final int MAX_NOTE = 1000;

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    /** A plain decimal, optionally with an exponent: no NaN, Infinity, hex or type suffix as Java would read. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    /** A fault of the point's form (400) or of its category (unknown or not writable: 422). */
    public enum Kind { FORM, CATEGORY }

    /** One fault: the field (category, date, value, note), what is wrong, and its kind. */
    public record Fault(String field, String detail, Kind kind) {
    }

    /** A point as received, not yet judged: texts as given, the value if it was a number. */
    public record Draft(String category, String date, Double value, String note) {
    }

    /** A point that passed every rule. */
    public record Point(String category, LocalDate date, double value, String note) {
    }

    /** Either the point or its faults (never both). */
    public record Checked(Point point, List<Fault> faults) {
        public boolean ok() {
            return faults.isEmpty();
        }
    }

    private PointRules() {
    }

    /**
     * Judges a draft. {@code tenantCategories} are the names the tenant defined; the writable
     * built-ins are always known. {@code earlier} are faults already found while reading (such as
     * a value that is no number); a field named there is not judged again.
     */
    public static Checked check(Draft d, Set<String> tenantCategories, List<Fault> earlier) {
        List<Fault> faults = new ArrayList<>(earlier);
        String category = d.category() == null ? null : d.category().strip();
        String categoryFault = categoryFault(category, tenantCategories);
        if (categoryFault != null && !named(earlier, "category")) {
            boolean form = category == null || category.isEmpty();
            faults.add(new Fault("category", categoryFault, form ? Kind.FORM : Kind.CATEGORY));
        }
        LocalDate date = null;
        if (!named(earlier, "date")) {
            String dateFault = dateFault(d.date());
            if (dateFault != null) {
                faults.add(new Fault("date", dateFault, Kind.FORM));
            } else {
                date = LocalDate.parse(d.date().strip());
            }
        }
        if (!named(earlier, "value")) {
            if (d.value() == null) {
                faults.add(new Fault("value", "is required (a number)", Kind.FORM));
            } else if (!Double.isFinite(d.value())) {
                faults.add(new Fault("value", "must be a finite number", Kind.FORM));
            }
        }
        String note = d.note() == null || d.note().isBlank() ? null : d.note().strip();
        String noteFault = Texts.fault(d.note(), MAX_NOTE);
        if (noteFault != null && !named(earlier, "note")) {
            faults.add(new Fault("note", noteFault, Kind.FORM));
        }
        if (!faults.isEmpty()) {
            return new Checked(null, List.copyOf(faults));
        }
        // +0.0 for -0.0: the same value, one spelling.
        return new Checked(new Point(category, date, d.value() + 0.0, note), List.of());
    }

    /** Why points cannot be written in {@code category}, or null. */
    public static String categoryFault(String category, Set<String> tenantCategories) {
        if (category == null || category.isEmpty()) {
            return "is required";
        }
        if (ResultCategory.reserved(category)) {
            return "'" + category + "' is fed from assessments and cannot be written by hand";
        }
        ResultCategory builtIn = ResultCategory.builtIn(category);
        if (builtIn != null || tenantCategories.contains(category)) {
            return null;
        }
        return "unknown category '" + shown(category)
                + "': use value, cost, quality, happiness or a category the tenant defined (/api/v1/result-categories)";
    }

    /** Why {@code text} is not an ISO date (yyyy-MM-dd) within the years 1970-9999, or null. */
    public static String dateFault(String text) {
        if (text == null || text.isBlank()) {
            return "is required (an ISO date, yyyy-MM-dd)";
        }
        String t = text.strip();
        if (!DATE.matcher(t).matches()) {
            return "'" + shown(t) + "' is not an ISO date (yyyy-MM-dd, e.g. 2026-03-31)";
        }
        LocalDate date;
        try {
            date = LocalDate.parse(t);
        } catch (DateTimeParseException e) {
            return "'" + t + "' is not a date of the calendar";
        }
        if (date.getYear() < MIN_YEAR) {
            return "'" + t + "' is before " + MIN_YEAR;
        }
        return null; // four digits: at most 9999
    }

    /** The number a text states (as in a CSV cell), or null if it is none: see {@link #numberFault}. */
    public static Double number(String text) {
        return numberFault(text) == null ? Double.parseDouble(text.strip()) : null;
    }

    /** Why {@code text} is not a finite decimal number, or null. */
    public static String numberFault(String text) {
        if (text == null || text.isBlank()) {
            return "is required (a number)";
        }
        String t = text.strip();
        if (!DECIMAL.matcher(t).matches()) {
            return "'" + shown(t) + "' is not a number (a decimal with a point, e.g. 1250.5 or -3)";
        }
        if (!Double.isFinite(Double.parseDouble(t))) {
            return "'" + shown(t) + "' is too large: must be a finite number";
        }
        return null;
    }

    private static boolean named(List<Fault> faults, String field) {
        return faults.stream().anyMatch(f -> f.field().equals(field));
    }

    /** A caller's text inside a message: cut short, control characters escaped. */
    static String shown(String text) {
        String s = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }
}
