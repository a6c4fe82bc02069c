package io.flowlens.common.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** RFC 4180 as spreadsheets read it, and texts that must not run as formulas. */
class CsvTest {

    @Test
    void recordsEndInCrlfAndNullsAreEmpty() throws IOException {
        StringWriter out = new StringWriter();
        new Csv(out).row("day", "done").row(Arrays.asList("2026-03-02", null)).flush();
        assertEquals("day,done\r\n2026-03-02,\r\n", out.toString());
    }

    @Test
    void fieldsWithCommasQuotesOrLineBreaksAreQuotedWithQuotesDoubled() {
        assertEquals("\"a, b\"", Csv.cell("a, b"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.cell("say \"hi\""));
        assertEquals("\"two\nlines\"", Csv.cell("two\nlines"));
        assertEquals("plain", Csv.cell("plain"));
        assertEquals("Zürich", Csv.cell("Zürich"));
    }

    @Test
    void aTextThatStartsLikeAFormulaIsShownNotRun() {
        assertEquals("'=SUM(A1:A9)", Csv.cell("=SUM(A1:A9)"));
        assertEquals("'+1 call", Csv.cell("+1 call"));
        assertEquals("'@import", Csv.cell("@import"));
        assertEquals("\"'=HYPERLINK(\"\"x\"\", \"\"y\"\")\"", Csv.cell("=HYPERLINK(\"x\", \"y\")"));
        assertEquals("'-rm", Csv.cell("-rm"));
    }

    @Test
    void numbersStayNumbersNegativeOnesToo() {
        assertEquals("-4.8", Csv.cell(new BigDecimal("-4.8")));
        assertEquals("-3", Csv.cell(-3));
        assertEquals("-2.5", Csv.cell("-2.5"));
        assertEquals("0.00001", Csv.cell(new BigDecimal("1E-5")));
    }

    @Test
    void theFileNameIsReducedToSafeCharacters() {
        assertEquals("attachment; filename=\"flow-portfolio-cfd.csv\"", CsvBodyWriter.contentDisposition("flow-portfolio-cfd.csv"));
        assertEquals("attachment; filename=\"a-b-.csv\"", CsvBodyWriter.contentDisposition("a\"b\r\n.csv"));
    }

    @Test
    void theNextPageKeepsTheQueryAndReplacesTheCursor() {
        assertEquals("/api/v1/x?limit=2&from=2025-06-01&cursor=abc%2B%2F",
                CsvBodyWriter.nextPage("/api/v1/x?limit=2&cursor=old&from=2025-06-01", "abc+/"));
        assertEquals("/api/v1/x?cursor=c", CsvBodyWriter.nextPage("/api/v1/x", "c"));
    }
}
