package io.flowlens.gateway.routing;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Access lines of one thread, collected and written to the sink together: one {@code write} per
 * batch instead of one per line, and no lock shared between threads. A batch never exceeds
 * {@link #MAX_WRITE} bytes (PIPE_BUF), so on a pipe (a container's stdout) no write of another
 * thread or process can land inside it, and each batch holds whole lines only.
 * Plain Java; the caller decides when to flush (a timer per event loop, and at shutdown).
 */
final class LineBatch {

    static final int MAX_WRITE = 4096;
    /** A request id is at most 200 characters (longer ones are replaced); the message is cut here. */
    static final int MAX_MESSAGE = 1024;
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.");

    private final OutputStream sink;
    private final byte[] bytes = new byte[MAX_WRITE];
    private int length;
    private long second = Long.MIN_VALUE;
    private final byte[] secondText = new byte[20];

    LineBatch(OutputStream sink) {
        this.sink = sink;
    }

    /**
     * Adds {@code 2026-11-25T22:18:01.271Z req:<id> <message>\n}, writing what is collected
     * first if the line would not fit.
     *
     * @return whether the batch was empty before: the caller then arranges a flush
     */
    synchronized boolean add(long epochMillis, String requestId, String message) throws IOException {
        boolean wasEmpty = length == 0;
        int messageChars = Math.min(message.length(), MAX_MESSAGE);
        // Worst case: every character three bytes of UTF-8.
        int worst = 24 + 5 + 3 * requestId.length() + 1 + 3 * (messageChars + 3) + 1;
        if (length + worst > bytes.length) {
            flush();
        }
        timestamp(epochMillis);
        ascii("req:");
        text(requestId, requestId.length());
        bytes[length++] = ' ';
        text(message, messageChars);
        if (messageChars < message.length()) {
            ascii("...");
        }
        bytes[length++] = '\n';
        return wasEmpty;
    }

    /** Writes what is collected, in one write. */
    synchronized void flush() throws IOException {
        if (length == 0) {
            return;
        }
        int n = length;
        length = 0;
        sink.write(bytes, 0, n);
        sink.flush();
    }

    private void timestamp(long epochMillis) {
        long s = Math.floorDiv(epochMillis, 1000);
        if (s != second) {
            // Formatted once a second per thread: a formatter per line would cost more than the rest of the line.
            String text = SECOND.format(LocalDateTime.ofEpochSecond(s, 0, ZoneOffset.UTC));
            for (int i = 0; i < text.length(); i++) {
                secondText[i] = (byte) text.charAt(i);
            }
            second = s;
        }
        System.arraycopy(secondText, 0, bytes, length, 20);
        length += 20;
        int millis = (int) Math.floorMod(epochMillis, 1000);
        bytes[length++] = (byte) ('0' + millis / 100);
        bytes[length++] = (byte) ('0' + millis / 10 % 10);
        bytes[length++] = (byte) ('0' + millis % 10);
        bytes[length++] = 'Z';
        bytes[length++] = ' ';
    }

    private void ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            bytes[length++] = (byte) s.charAt(i);
        }
    }

    /** UTF-8; control characters become '?', so a line can never be split or forged through its content. */
    private void text(String s, int chars) {
        for (int i = 0; i < chars; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                bytes[length++] = '?';
            } else if (c < 0x80) {
                bytes[length++] = (byte) c;
            } else if (c < 0x800) {
                bytes[length++] = (byte) (0xc0 | c >> 6);
                bytes[length++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isSurrogate(c)) {
                bytes[length++] = '?';
            } else {
                bytes[length++] = (byte) (0xe0 | c >> 12);
                bytes[length++] = (byte) (0x80 | c >> 6 & 0x3f);
                bytes[length++] = (byte) (0x80 | c & 0x3f);
            }
        }
    }
}
