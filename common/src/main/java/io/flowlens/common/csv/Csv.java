package io.flowlens.common.csv;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * CSV as RFC 4180 has it, for spreadsheets: comma-separated, CRLF after every record, a field
 * quoted when it holds a comma, a quote, CR or LF (quotes doubled), written as UTF-8 by its
 * callers. A text that starts like a formula ({@code = + - @}, tab or CR) is prefixed with an
 * apostrophe, so a spreadsheet shows it instead of running it (CSV injection); numbers, negative
 * ones included, are written as they are.
 */
public final class Csv {

    private final Writer out;

    public Csv(Writer out) {
        this.out = out;
    }

    /** One record; null cells are written empty. */
    public Csv row(List<?> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(cells.get(i)));
        }
        out.write("\r\n");
        return this;
    }

    public Csv row(Object... cells) throws IOException {
        return row(java.util.Arrays.asList(cells));
    }

    public void flush() throws IOException {
        out.flush();
    }

    /** One field, quoted and neutralised as needed. */
    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String v = value instanceof java.math.BigDecimal d ? d.toPlainString() : value.toString();
        if (!(value instanceof Number) && !v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0
                && !v.matches("-?\\d+(\\.\\d+)?")) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
