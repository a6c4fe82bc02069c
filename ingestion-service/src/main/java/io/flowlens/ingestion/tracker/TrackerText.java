package io.flowlens.ingestion.tracker;

/**
 * The one place tracker text is made storable: PostgreSQL refuses the NUL character (U+0000)
 * in text (and in {@code COPY}), and a lone UTF-16 surrogate (a JSON {@code \ud800} escape
 * with no partner) cannot be encoded as UTF-8 at all. Both are removed, everything else is
 * kept as sent. Every parser reads text through {@link Payloads}, which calls this, so
 * webhooks and exports store the same characters.
 */
public final class TrackerText {

    private TrackerText() {
    }

    /** {@code text} without the characters PostgreSQL cannot store; the same string when it has none. */
    public static String storable(String text) {
        if (text == null) {
            return null;
        }
        int n = text.length();
        int i = 0;
        while (i < n && keep(text, i)) {
            i++;
        }
        if (i == n) {
            return text;
        }
        StringBuilder out = new StringBuilder(n);
        out.append(text, 0, i);
        for (; i < n; i++) {
            if (keep(text, i)) {
                out.append(text.charAt(i));
            }
        }
        return out.toString();
    }

    private static boolean keep(String s, int i) {
        char c = s.charAt(i);
        if (c == '\u0000') {
            return false;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
        }
        return true;
    }
}
