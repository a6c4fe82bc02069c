package io.flowlens.metrics.result;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads an upload in CSV (RFC 4180, as spreadsheets export it): a header
 * {@code category,date,value} or {@code category,date,value,note} (any letter case), then one
 * point per line. Cells are trimmed; empty lines are skipped; a UTF-8 byte order mark is
 * ignored. Values are decimals with a point ({@code 1250.5}); a comma as decimal separator would
 * be another column. Lines are counted as a text editor counts them. Plain Java.
 */
public final class CsvPoints {

    private static final List<String> COLUMNS = List.of("category", "date", "value", "note");

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(false) // skipped here, so line numbers stay true
            .setTrim(true)
            .get();

    private CsvPoints() {
    }

    public static Upload read(String text, int maxPoints) {
        String csv = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<Upload.Row> rows = new ArrayList<>();
        List<Upload.Located> faults = new ArrayList<>();
        int columns = -1;
        try (CSVParser parser = CSVParser.parse(new StringReader(csv), FORMAT)) {
            Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                // The line a record starts on: every line break before it, plus one.
                int line = (int) parser.getCurrentLineNumber() + 1;
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException e) {
                    faults.add(new Upload.Located("/" + line, "line " + line + ": not valid CSV ("
                            + PointRules.shown(String.valueOf(e.getCause().getMessage())) + ")", PointRules.Kind.FORM));
                    break;
                }
                if (record.size() == 1 && record.get(0).isEmpty()) {
                    continue; // an empty line
                }
                if (columns < 0) {
                    columns = header(record, line, faults);
                    if (columns < 0) {
                        break;
                    }
                    continue;
                }
                if (rows.size() == maxPoints) {
                    return new Upload("line", rows, faults, true);
                }
                if (record.size() != columns) {
                    faults.add(new Upload.Located("/" + line, "line " + line + ": has " + record.size()
                            + " columns; the header has " + columns, PointRules.Kind.FORM));
                    continue;
                }
                rows.add(row(record, line, columns));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
        if (columns < 0 && faults.isEmpty()) {
            faults.add(new Upload.Located("/", "the file is empty; the first line is the header category,date,value[,note]",
                    PointRules.Kind.FORM));
        } else if (columns > 0 && rows.isEmpty() && faults.isEmpty()) {
            faults.add(new Upload.Located("/", "the file holds no points, only the header", PointRules.Kind.FORM));
        }
        return new Upload("line", rows, faults, false);
    }

    /** The header's column count (3 or 4), or -1 with a fault. */
    private static int header(CSVRecord record, int line, List<Upload.Located> faults) {
        List<String> names = new ArrayList<>();
        record.forEach(cell -> names.add(cell.toLowerCase(Locale.ROOT)));
        if (names.equals(COLUMNS.subList(0, 3)) || names.equals(COLUMNS)) {
            return names.size();
        }
        faults.add(new Upload.Located("/" + line, "line " + line + ": the header must be category,date,value or "
                + "category,date,value,note (found " + PointRules.shown(String.join(",", names)) + ")",
                PointRules.Kind.FORM));
        return -1;
    }

    private static Upload.Row row(CSVRecord record, int line, int columns) {
        List<PointRules.Fault> readFaults = new ArrayList<>();
        String valueText = record.get(2);
        String numberFault = PointRules.numberFault(valueText);
        if (numberFault != null) {
            readFaults.add(new PointRules.Fault("value", numberFault, PointRules.Kind.FORM));
        }
        String note = columns == 4 && !record.get(3).isEmpty() ? record.get(3) : null;
        PointRules.Draft draft = new PointRules.Draft(record.get(0), record.get(1),
                numberFault == null ? PointRules.number(valueText) : null, note);
        return new Upload.Row(line, draft, readFaults);
    }
}
