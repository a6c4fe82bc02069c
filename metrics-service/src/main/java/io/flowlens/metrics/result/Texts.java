package io.flowlens.metrics.result;

/** What a text a caller gives us (label, unit, note) must be to be stored and shown safely. Plain Java. */
final class Texts {

    private Texts() {
    }

    /**
     * Why {@code value} cannot be stored, or null. Control characters (NUL, CR, LF, tab, DEL, C1)
     * are refused: PostgreSQL cannot hold NUL, and a line break in a note would break a CSV
     * export or a log line. An unpaired surrogate is no character and has no UTF-8 form.
     */
    static String fault(String value, int max) {
        if (value == null) {
            return null;
        }
        if (value.length() > max) {
            return "must be at most " + max + " characters (has " + value.length() + ")";
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (Character.isISOControl(ch)) {
                return "must not contain control characters (found U+" + String.format("%04X", (int) ch) + ")";
            }
            if (Character.isHighSurrogate(ch) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(ch)) {
                return "must be valid Unicode (has an unpaired surrogate at " + i + ")";
            }
        }
        return null;
    }
}
