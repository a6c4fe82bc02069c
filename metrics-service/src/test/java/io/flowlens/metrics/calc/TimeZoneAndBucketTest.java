package io.flowlens.metrics.calc;

import static io.flowlens.metrics.calc.FlowState.ACTIVE;
import static io.flowlens.metrics.calc.FlowState.DONE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Days, ISO weeks and months in the value stream's zone, across a DST change. */
class TimeZoneAndBucketTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static Map.Entry<FlowType, Timeline> activeFrom(String at) {
        return new AbstractMap.SimpleEntry<>(FlowType.FEATURE, Timeline.of(Instant.parse("2025-03-01T00:00:00Z"),
                List.of(new Transition(Instant.parse(at), ACTIVE))));
    }

    @Test
    void theDayOfTheSpringChangeHasTwentyThreeHoursAndEndsAtLocalMidnight() {
        Window day = Window.ofDays(LocalDate.parse("2025-03-30"), LocalDate.parse("2025-03-30"), BERLIN);
        assertEquals(Instant.parse("2025-03-29T23:00:00Z"), day.from());
        assertEquals(Instant.parse("2025-03-30T22:00:00Z"), day.to());
        assertEquals(Duration.ofHours(23), Duration.between(day.from(), day.to()));
        assertEquals(List.of(LocalDate.parse("2025-03-30")), day.sampledDays());
    }

    @Test
    void loadIsSampledAtTheEndOfEachLocalDayAcrossTheDstChange() {
        Window w = Window.ofDays(LocalDate.parse("2025-03-29"), LocalDate.parse("2025-03-31"), BERLIN);
        DayEndCounts counts = DayEndCounts.fromTimelines(List.of(
                activeFrom("2025-03-29T23:30:00Z"), // 03-30 00:30 CET: Berlin's 30th, UTC's 29th
                activeFrom("2025-03-30T22:00:00Z")), // 03-31 00:00 CEST exactly: belongs to the 31st
                w);
        assertEquals(List.of(0, 1, 2), counts.days().stream().map(d -> counts.load(d, null)).toList());
    }

    @Test
    void aCompletionIsBucketedByItsLocalDay() {
        Window w = Window.ofDays(LocalDate.parse("2025-03-30"), LocalDate.parse("2025-03-31"), BERLIN);
        CompletedItem lateEvening = new CompletedItem(FlowType.DEFECT, Instant.parse("2025-03-30T22:30:00Z"), 3600L,
                3600L);
        List<FlowFigures.SeriesPoint> days = FlowFigures.series(List.of(lateEvening),
                DayEndCounts.fromTimelines(List.of(), w), w, Bucket.DAY);
        assertEquals(2, days.size());
        assertEquals(0, days.get(0).velocity(), "22:30Z on the 30th is 00:30 on the 31st in Berlin");
        assertEquals(1, days.get(1).velocity());
    }

    @Test
    void weeksAreIsoWeeksStartingMonday() {
        Window march = Window.ofDays(LocalDate.parse("2025-03-01"), LocalDate.parse("2025-03-31"), BERLIN);
        List<CompletedItem> done = List.of(
                new CompletedItem(FlowType.FEATURE, Instant.parse("2025-03-09T22:30:00Z"), 86_400L, 86_400L),
                new CompletedItem(FlowType.FEATURE, Instant.parse("2025-03-09T23:30:00Z"), 172_800L, 86_400L));
        List<FlowFigures.SeriesPoint> weeks = FlowFigures.series(done, DayEndCounts.fromTimelines(List.of(), march),
                march, Bucket.WEEK);
        assertEquals(LocalDate.parse("2025-02-24"), weeks.get(0).bucketStart());
        assertEquals(march.from(), weeks.get(0).start(), "W09 clipped to the window: it starts on Saturday the 1st");
        assertEquals(Instant.parse("2025-03-02T23:00:00Z"), weeks.get(0).end(), "Monday the 3rd, 00:00 CET");
        assertTrue(weeks.get(0).partial());
        assertFalse(weeks.get(1).partial());
        assertTrue(weeks.get(5).partial(), "W14 holds only Monday the 31st");
        assertEquals(march.to(), weeks.get(5).end());
        assertEquals("2025-W09", weeks.get(0).label());
        assertEquals(6, weeks.size(), "W09 (from Sat 1st) to W14 (Mon 31st)");
        assertEquals(1, weeks.get(1).velocity(), "Sunday 23:30 is still W10");
        assertEquals(1, weeks.get(2).velocity(), "Monday 00:30 is W11");
        assertEquals(50.0, weeks.get(2).efficiencyPercent(), 1e-9);
        List<FlowFigures.SeriesPoint> months = FlowFigures.series(done, DayEndCounts.fromTimelines(List.of(), march),
                march, Bucket.MONTH);
        assertEquals(1, months.size());
        assertEquals("2025-03", months.get(0).label());
        assertEquals(2, months.get(0).velocity());
        assertEquals(172_800L, months.get(0).flowTime().p95());
        assertEquals("2024-W01", Bucket.WEEK.label(Bucket.WEEK.startOf(LocalDate.parse("2024-01-01"))));
        assertEquals("2026-W01", Bucket.WEEK.label(Bucket.WEEK.startOf(LocalDate.parse("2026-01-01"))),
                "ISO week-based year: 2026-01-01 is a Thursday in 2026-W01");
    }

    @Test
    void itemsCompletedAtDayEndLeaveTheLoadOfTheNextDay() {
        Window w = Window.ofDays(LocalDate.parse("2025-06-01"), LocalDate.parse("2025-06-02"), ZoneId.of("UTC"));
        Map.Entry<FlowType, Timeline> item = new AbstractMap.SimpleEntry<>(FlowType.RISK,
                Timeline.of(Instant.parse("2025-05-01T00:00:00Z"), List.of(
                        new Transition(Instant.parse("2025-05-02T00:00:00Z"), ACTIVE),
                        new Transition(Instant.parse("2025-06-02T00:00:00Z"), DONE))));
        DayEndCounts counts = DayEndCounts.fromTimelines(List.of(item), w);
        assertEquals(1, counts.load(LocalDate.parse("2025-06-01"), null), "a transition at midnight belongs to the day it starts");
        assertEquals(0, counts.load(LocalDate.parse("2025-06-02"), null));
    }
}
