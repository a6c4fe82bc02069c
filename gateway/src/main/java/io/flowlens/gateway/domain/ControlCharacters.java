package io.flowlens.gateway.domain;

/**
 * Finds a control character (C0, DEL or C1), raw or percent-encoded, in a request's URI as it
 * arrived, before anything decodes it. No service accepts one in a path or a parameter (PostgreSQL
 * refuses U+0000 outright), and an encoded line feed in a path could split a log line, so the
 * gateway refuses them at the door, naming where: {@code path} or the query parameter's name.
 * Called for every /api call: one pass over the URI, no allocation unless one is found.
 */
public final class ControlCharacters {

    private ControlCharacters() {
    }

    /** Where a control character is: the JSON Pointer-like name ("path", or the parameter) and the character as sent. */
    public record Found(String where, String sent) {
    }

    /** The first control character in a raw request URI ({@code /path?query}), or null. */
    public static Found find(String uri) {
        if (uri == null) {
            return null;
        }
        int query = -1;
        int length = uri.length();
        for (int i = 0; i < length; i++) {
            char c = uri.charAt(i);
            if (c == '?' && query < 0) {
                query = i;
                continue;
            }
            int width = 0;
            if (c < 0x20 || c == 0x7f) {
                // Raw (not encoded): Vert.x reads the request line byte by byte, so only ASCII ones are certain.
                width = 1;
            } else if (c == '%') {
                int value = hexByte(uri, i + 1);
                if (value >= 0 && (value < 0x20 || value == 0x7f)) {
                    width = 3;
                } else if (value == 0xc2) {
                    // UTF-8 of U+0080..U+009F (C1 controls): %C2 followed by %80..%9F.
                    int next = i + 3 < length && uri.charAt(i + 3) == '%' ? hexByte(uri, i + 4) : -1;
                    if (next >= 0x80 && next <= 0x9f) {
                        width = 6;
                    }
                }
            }
            if (width > 0) {
                String sent = width == 1 ? String.format("U+%04X", (int) c) : uri.substring(i, i + width);
                return new Found(query < 0 ? "path" : parameterAt(uri, query, i), sent);
            }
        }
        return null;
    }

    /** The name of the query parameter whose name or value holds position {@code at}. */
    static String parameterAt(String uri, int query, int at) {
        int start = uri.lastIndexOf('&', at);
        start = Math.max(start, query) + 1;
        int end = uri.indexOf('&', at);
        String pair = uri.substring(start, end < 0 ? uri.length() : end);
        int equals = pair.indexOf('=');
        String name = equals < 0 ? pair : pair.substring(0, equals);
        // A name that holds the control character itself is shown without it (it goes into the answer).
        StringBuilder clean = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            clean.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return clean.isEmpty() ? "query" : clean.toString();
    }

    private static int hexByte(String s, int at) {
        if (at + 1 >= s.length()) {
            return -1;
        }
        int high = Character.digit(s.charAt(at), 16);
        int low = Character.digit(s.charAt(at + 1), 16);
        return high < 0 || low < 0 ? -1 : high << 4 | low;
    }
}
