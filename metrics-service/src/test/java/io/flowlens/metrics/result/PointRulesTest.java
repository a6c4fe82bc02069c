package io.flowlens.metrics.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a data point must be, however it arrives: category, date, value and note rules. */
class PointRulesTest {

    private static PointRules.Checked check(String category, String date, Double value, String note) {
        return PointRules.check(new PointRules.Draft(category, date, value, note), Set.of("nps"), List.of());
    }

    private static List<String> fields(PointRules.Checked c) {
        return c.faults().stream().map(PointRules.Fault::field).toList();
    }

    @Test
    void aGoodPointIsReturnedTrimmed() {
        PointRules.Checked c = check(" value ", " 2026-03-31 ", 125000.5, "  Q1 ");
        assertTrue(c.ok());
        assertEquals(new PointRules.Point("value", LocalDate.of(2026, 3, 31), 125000.5, "Q1"), c.point());
        assertEquals("nps", check("nps", "2026-01-01", 1.0, null).point().category());
        assertNull(check("cost", "2026-01-01", 1.0, "   ").point().note());
        // -0.0 and 0.0 are one value.
        assertEquals("0.0", String.valueOf(check("cost", "2026-01-01", -0.0, null).point().value()));
    }

    @Test
    void everyFaultOfAPointIsNamedAtOnce() {
        PointRules.Checked c = check(null, "31.03.2026", Double.NaN, "a\nb");
        assertEquals(List.of("category", "date", "value", "note"), fields(c));
        assertTrue(c.faults().stream().allMatch(f -> f.kind() == PointRules.Kind.FORM));
        assertNull(c.point());
    }

    @ParameterizedTest
    @ValueSource(strings = { "2026-3-31", "2026-02-30", "1969-12-31", "20260331", "2026-03-31T00:00:00Z", "+12026-01-01",
            "0000-01-01", "２０２６-01-01", "" })
    void onlyIsoDatesFrom1970To9999AreDates(String date) {
        assertNotNull(PointRules.dateFault(date), date);
    }

    @Test
    void theYearsAtTheEdgesAreDates() {
        assertNull(PointRules.dateFault("1970-01-01"));
        assertNull(PointRules.dateFault("9999-12-31"));
        assertNull(PointRules.dateFault("2024-02-29"));
    }

    @Test
    void infiniteValuesAreRefused() {
        assertEquals(List.of("value"), fields(check("value", "2026-01-01", Double.POSITIVE_INFINITY, null)));
        assertEquals(List.of("value"), fields(check("value", "2026-01-01", Double.NEGATIVE_INFINITY, null)));
        assertEquals(List.of("value"), fields(check("value", "2026-01-01", null, null)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "NaN", "Infinity", "-Infinity", "1e400", "0x1p3", "1d", "2f", "1,5", "12 000", "1.2.3", "",
            "abc", "--1" })
    void aTextThatIsNoFiniteDecimalIsNoNumber(String text) {
        assertNotNull(PointRules.numberFault(text), text);
        assertNull(PointRules.number(text));
    }

    @ParameterizedTest
    @ValueSource(strings = { "0", "-3", "+4", "1250.5", ".5", "5.", "1e3", "-2.5E-3", " 7 " })
    void decimalsAreNumbers(String text) {
        assertNull(PointRules.numberFault(text), text);
        assertEquals(Double.parseDouble(text.strip()), PointRules.number(text));
    }

    @Test
    void anUnknownCategoryIsACategoryFaultNamingIt() {
        PointRules.Checked c = check("revenue", "2026-01-01", 1.0, null);
        assertEquals(PointRules.Kind.CATEGORY, c.faults().get(0).kind());
        assertTrue(c.faults().get(0).detail().contains("'revenue'"), c.faults().get(0).detail());
    }

    @Test
    void customerCentricityIsReadButNeverWrittenByHand() {
        for (String name : List.of("customer-centricity", "customer-centricity-research")) {
            PointRules.Checked c = PointRules.check(new PointRules.Draft(name, "2026-01-01", 50.0, null),
                    Set.of(name), List.of());
            assertEquals(PointRules.Kind.CATEGORY, c.faults().get(0).kind(), name);
            assertTrue(c.faults().get(0).detail().contains("assessments"), name);
        }
        assertTrue(ResultCategory.builtIn("customer-centricity") != null);
        assertTrue(!ResultCategory.builtIn("customer-centricity").writable());
    }

    @Test
    void notesRefuseControlCharactersUnpairedSurrogatesAndLength() {
        assertEquals(List.of("note"), fields(check("value", "2026-01-01", 1.0, "a\u0000b")));
        assertEquals(List.of("note"), fields(check("value", "2026-01-01", 1.0, "tab\there")));
        assertEquals(List.of("note"), fields(check("value", "2026-01-01", 1.0, "\u0085")));
        assertEquals(List.of("note"), fields(check("value", "2026-01-01", 1.0, "x\ud800")));
        assertEquals(List.of("note"), fields(check("value", "2026-01-01", 1.0, "n".repeat(1001))));
        assertTrue(check("value", "2026-01-01", 1.0, "n".repeat(1000)).ok());
        assertTrue(check("value", "2026-01-01", 1.0, "Größe 😀").ok());
    }

    @Test
    void aFieldFaultFoundWhileReadingIsNotJudgedAgain() {
        PointRules.Checked c = PointRules.check(new PointRules.Draft("value", "2026-01-01", null, null), Set.of(),
                List.of(new PointRules.Fault("value", "'abc' is not a number", PointRules.Kind.FORM)));
        assertEquals(1, c.faults().size());
        assertEquals("'abc' is not a number", c.faults().get(0).detail());
    }

    @Test
    void categoryNamesAreLowercaseSlugs() {
        assertNull(CategoryRules.nameFault("net-promoter-score"));
        assertNull(CategoryRules.nameFault("nps2"));
        for (String bad : List.of("", "NPS", "2nps", "-nps", "nps-", "n--ps", "n ps", "n_ps", "é", "n".repeat(65))) {
            assertNotNull(CategoryRules.nameFault(bad), bad);
        }
        assertNull(CategoryRules.nameFault("n".repeat(64)));
        assertTrue(ResultCategory.reserved("customer-centricity-x"));
        assertTrue(!ResultCategory.reserved("customer-centric"));
    }

    @Test
    void aCategoryNeedsALabelAndADirection() {
        assertEquals(List.of("label", "higherIsBetter"), CategoryRules.describedFaults(" ", null, null).stream()
                .map(CategoryRules.Fault::field).toList());
        assertEquals(List.of("unit"), CategoryRules.describedFaults("NPS", "", true).stream()
                .map(CategoryRules.Fault::field).toList());
        assertEquals(List.of("label", "unit"), CategoryRules.describedFaults("a\rb", "u".repeat(51), false).stream()
                .map(CategoryRules.Fault::field).toList());
        assertTrue(CategoryRules.describedFaults("NPS", null, false).isEmpty());
    }
}
