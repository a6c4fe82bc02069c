package io.flowlens.metrics.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Reading an upload's CSV: the header, cells, and the line each row and each fault is named by. */
class CsvPointsTest {

    private static List<Integer> lines(Upload u) {
        return u.rows().stream().map(Upload.Row::at).toList();
    }

    private static List<String> pointers(Upload u) {
        return u.fileFaults().stream().map(Upload.Located::pointer).toList();
    }

    @Test
    void rowsAreReadWithTheLineTheyStandOn() {
        Upload u = CsvPoints.read("\uFEFFCategory,Date,Value,Note\r\n"
                + "value,2026-01-31,98000,January\r\n"
                + "\r\n"
                + " cost , 2026-02-28 , -12.5 ,\r\n"
                + "quality,2026-03-31,7,\"a note, with a comma and \"\"quotes\"\"\"\n", 100);
        assertEquals(List.of(2, 4, 5), lines(u));
        assertTrue(u.fileFaults().isEmpty());
        assertEquals(new PointRules.Draft("value", "2026-01-31", 98000.0, "January"), u.rows().get(0).draft());
        assertEquals(new PointRules.Draft("cost", "2026-02-28", -12.5, null), u.rows().get(1).draft());
        assertEquals("a note, with a comma and \"quotes\"", u.rows().get(2).draft().note());
    }

    @Test
    void threeColumnsWithoutANoteAndNoFinalLineBreak() {
        Upload u = CsvPoints.read("category,date,value\nvalue,2026-01-31,1", 100);
        assertEquals(List.of(2), lines(u));
        assertEquals(new PointRules.Draft("value", "2026-01-31", 1.0, null), u.rows().get(0).draft());
    }

    @Test
    void aQuotedLineBreakKeepsTheLinesAfterItTrue() {
        Upload u = CsvPoints.read("category,date,value,note\nvalue,2026-01-31,1,\"two\nlines\"\nvalue,2026-02-01,2,\n", 100);
        assertEquals(List.of(2, 4), lines(u));
        assertEquals("two\nlines", u.rows().get(0).draft().note()); // refused later by the note rule
    }

    @Test
    void aValueThatIsNoNumberIsAReadFaultOfItsRow() {
        Upload u = CsvPoints.read("category,date,value\nvalue,2026-01-31,NaN\nvalue,2026-01-31,12,5\n", 100);
        assertEquals(List.of(2), lines(u));
        assertEquals("value", u.rows().get(0).readFaults().get(0).field());
        assertEquals(List.of("/3"), pointers(u));
        assertTrue(u.fileFaults().get(0).detail().startsWith("line 3: has 4 columns"), u.fileFaults().get(0).detail());
    }

    @Test
    void aWrongHeaderAnEmptyFileAndAHeaderAloneAreFaults() {
        assertEquals(List.of("/1"), pointers(CsvPoints.read("date,value\n2026-01-01,1\n", 100)));
        assertEquals(List.of("/1"), pointers(CsvPoints.read("category,date,value,note,extra\n", 100)));
        assertEquals(List.of("/"), pointers(CsvPoints.read("", 100)));
        assertEquals(List.of("/"), pointers(CsvPoints.read("\n\n", 100)));
        assertEquals(List.of("/"), pointers(CsvPoints.read("category,date,value\n", 100)));
    }

    @Test
    void brokenQuotingIsAFaultOfItsLine() {
        Upload u = CsvPoints.read("category,date,value,note\nvalue,2026-01-31,1,ok\nvalue,2026-02-01,2,\"open\n", 100);
        assertEquals(List.of("/3"), pointers(u));
        assertTrue(u.fileFaults().get(0).detail().startsWith("line 3: not valid CSV"), u.fileFaults().get(0).detail());
    }

    @Test
    void readingStopsPastTheLimit() {
        StringBuilder csv = new StringBuilder("category,date,value\n");
        for (int i = 0; i < 5; i++) {
            csv.append("value,2026-01-0").append(i + 1).append(",1\n");
        }
        assertFalse(CsvPoints.read(csv.toString(), 5).tooMany());
        assertTrue(CsvPoints.read(csv.toString(), 4).tooMany());
    }
}
