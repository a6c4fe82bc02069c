package io.flowlens.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Access lines collected per thread and written whole, in pieces no larger than a pipe's atomic write. */
class LineBatchTest {

    /** Records every write the batch makes, as the pipe behind stdout would receive them. */
    static final class Writes extends ByteArrayOutputStream {
        final List<String> writes = new ArrayList<>();

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            writes.add(new String(b, off, len, StandardCharsets.UTF_8));
            super.write(b, off, len);
        }

        String text() {
            return toString(StandardCharsets.UTF_8);
        }
    }

    static final long AT = Instant.parse("2026-11-25T22:18:01.271Z").toEpochMilli();

    @Test
    void linesWaitForTheFlushAndThenGoOutInOneWrite() throws IOException {
        Writes sink = new Writes();
        LineBatch batch = new LineBatch(sink);
        assertTrue(batch.add(AT, "r-1", "GET /api/v1/items -> ingestion-service 200 1.23 ms"), "first line: arrange a flush");
        assertFalse(batch.add(AT + 1_000, "r-2", "POST /api/v1/imports -> ingestion-service 413 0.05 ms"));
        assertEquals(0, sink.writes.size(), "nothing written before the flush");
        batch.flush();
        assertEquals(List.of("2026-11-25T22:18:01.271Z req:r-1 GET /api/v1/items -> ingestion-service 200 1.23 ms\n"
                + "2026-11-25T22:18:02.271Z req:r-2 POST /api/v1/imports -> ingestion-service 413 0.05 ms\n"), sink.writes);
        batch.flush();
        assertEquals(1, sink.writes.size(), "an empty batch writes nothing");
        assertTrue(batch.add(AT, "r-3", "GET /api/v1/items -> ingestion-service 200 1.00 ms"), "empty again after a flush");
    }

    @Test
    void aFullBatchIsWrittenBeforeTheLineThatWouldNotFitAndEveryWriteHoldsWholeLinesOnly() throws IOException {
        Writes sink = new Writes();
        LineBatch batch = new LineBatch(sink);
        int lines = 500;
        for (int i = 0; i < lines; i++) {
            batch.add(AT + i, "req-" + i, "GET /api/v1/value-streams/" + i + " -> metrics-service 200 0.42 ms");
        }
        batch.flush();
        assertTrue(sink.writes.size() > 1, "more than one write for " + sink.size() + " bytes");
        for (String write : sink.writes) {
            assertTrue(write.getBytes(StandardCharsets.UTF_8).length <= LineBatch.MAX_WRITE, "at most PIPE_BUF per write");
            assertTrue(write.endsWith("\n"), "whole lines only");
        }
        String[] written = sink.text().split("\n");
        assertEquals(lines, written.length);
        assertEquals("2026-11-25T22:18:01.770Z req:req-499 GET /api/v1/value-streams/499 -> metrics-service 200 0.42 ms",
                written[lines - 1]);
    }

    @Test
    void controlCharactersCannotForgeALineAndOtherTextIsKeptAsUtf8() throws IOException {
        Writes sink = new Writes();
        LineBatch batch = new LineBatch(sink);
        batch.add(AT, "r-1", "GET /api/v1/items/caf\u00e9\u20ac\nFAKE 200\r\u0000 -> ingestion-service 404 0.10 ms");
        batch.flush();
        assertEquals("2026-11-25T22:18:01.271Z req:r-1 GET /api/v1/items/caf\u00e9\u20ac?FAKE 200?? -> ingestion-service 404 0.10 ms\n",
                sink.text());
    }

    @Test
    void aVeryLongPathIsCutSoAnyLineFitsOneWrite() throws IOException {
        Writes sink = new Writes();
        LineBatch batch = new LineBatch(sink);
        String id = "i".repeat(200);
        batch.add(AT, id, "GET /api/v1/items/" + "\u20ac".repeat(5_000));
        batch.flush();
        String line = sink.writes.get(0);
        assertTrue(line.endsWith("...\n"), "cut and marked");
        assertEquals(LineBatch.MAX_MESSAGE, line.substring(line.indexOf(' ', 30) + 1, line.length() - 4).length());
        assertTrue(line.getBytes(StandardCharsets.UTF_8).length <= LineBatch.MAX_WRITE);
    }

    @Test
    void timesBeforeTheEpochSecondAndAcrossSecondsAreRight() throws IOException {
        Writes sink = new Writes();
        LineBatch batch = new LineBatch(sink);
        batch.add(AT - 272, "a", "x");
        batch.add(AT + 729, "b", "y");
        batch.add(0, "c", "z");
        batch.flush();
        assertEquals("2026-11-25T22:18:00.999Z req:a x\n2026-11-25T22:18:02.000Z req:b y\n1970-01-01T00:00:00.000Z req:c z\n",
                sink.text());
    }
}
