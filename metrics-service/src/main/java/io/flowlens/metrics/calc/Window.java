package io.flowlens.metrics.calc;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A metrics window [from, to) in a time zone. Completions count when from ≤ completion < to.
 * Load and cumulative flow are sampled at the end of each local day that ends inside
 * (from, to], and the load also at {@code to} itself; the end of a day is the start of the next one in the zone, so a 23- or 25-hour
 * day around a DST change is still one day.
 */
public record Window(Instant from, Instant to, ZoneId zone) {

    public Window {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
    }

    /** The window covering whole local days [first, last]. */
    public static Window ofDays(LocalDate first, LocalDate lastInclusive, ZoneId zone) {
        return new Window(first.atStartOfDay(zone).toInstant(), lastInclusive.plusDays(1).atStartOfDay(zone).toInstant(),
                zone);
    }

    public boolean contains(Instant at) {
        return !at.isBefore(from) && at.isBefore(to);
    }

    public static Instant endOf(LocalDate day, ZoneId zone) {
        return day.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** The local days whose end lies in (from, to], in order. */
    public List<LocalDate> sampledDays() {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = LocalDate.ofInstant(from, zone); !endOf(d, zone).isAfter(to); d = d.plusDays(1)) {
            days.add(d);
        }
        return days;
    }

    /**
     * The start of {@code to}'s local day: the load at {@code to} is the load at the end of the day
     * before plus the changes in [this, to). Equal to {@code to} when {@code to} is a local midnight.
     */
    public Instant startOfDayOfTo() {
        return LocalDate.ofInstant(to, zone).atStartOfDay(zone).toInstant();
    }

    /** The local date of the first instant and of the last instant of the window. */
    public LocalDate firstDate() {
        return LocalDate.ofInstant(from, zone);
    }

    public LocalDate lastDate() {
        return LocalDate.ofInstant(to.minus(1, ChronoUnit.NANOS), zone);
    }
}
