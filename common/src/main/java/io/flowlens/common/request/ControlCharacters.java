package io.flowlens.common.request;

/** Control characters (C0, DEL, C1) found and shown escaped, for parameters and log lines. */
public final class ControlCharacters {

    private ControlCharacters() {
    }

    public static boolean present(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** {@code s} with each control character as a backslash escape ({@code \n}, {@code \r}, or u and four hex digits); tabs stay. */
    public static String escape(String s) {
        if (s == null || !present(s)) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append(c);
                default -> {
                    if (Character.isISOControl(c)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
