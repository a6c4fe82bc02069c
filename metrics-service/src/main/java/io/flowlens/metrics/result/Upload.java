package io.flowlens.metrics.result;

import java.util.List;

/**
 * Points as an upload stated them, each with where it stood (a CSV line, counting the header as
 * line 1, or a JSON array index), before any rule judged them. Plain Java.
 *
 * @param unit       how positions are named to the caller: "line" or "index"
 * @param fileFaults faults of the file as a whole or of a row that could not be read at all,
 *                   each with its JSON Pointer ({@code /3} for line or index 3)
 * @param tooMany    the upload holds more points than the limit; reading stopped there
 */
public record Upload(String unit, List<Row> rows, List<Located> fileFaults, boolean tooMany) {

    /** One point as stated, and the faults already found reading it (e.g. a value that is no number). */
    public record Row(int at, PointRules.Draft draft, List<PointRules.Fault> readFaults) {
    }

    /** A fault with its place: pointer {@code /<line or index>[/<field>]} and what is wrong. */
    public record Located(String pointer, String detail, PointRules.Kind kind) {
    }

    /** The fault of row {@code at}'s {@code field}, said as "line 3: value ..." (or "index 3: ..."). */
    public Located at(int at, PointRules.Fault fault) {
        return new Located("/" + at + "/" + fault.field(), unit + " " + at + ": " + fault.field() + " " + fault.detail(),
                fault.kind());
    }
}
