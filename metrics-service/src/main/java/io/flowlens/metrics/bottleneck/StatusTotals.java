package io.flowlens.metrics.bottleneck;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

import io.flowlens.metrics.calc.FlowType;

/**
 * Time in status summed over a set of items, overall and per flow type: exact whole seconds and
 * counts, rounded only when shown. Built item by item from the rules ({@link #add}) or from the
 * rows the database summed ({@link #addStatus}, {@link #addItems}); both must give equal totals.
 */
public final class StatusTotals {

    /** Seconds in one status summed over the items that held it, and how many did. */
    public record Sum(long seconds, long items) {
    }

    /**
     * One set of items: how many count ({@code items}), how many were left out (completed without
     * being started), how many have time without a tracker status, and the sums per status.
     */
    public record Summary(long items, long itemsLeftOut, long itemsWithoutStatuses, Map<StatusKey, Sum> statuses) {

        /** The summed flow time of the items (their statuses add up to it). */
        public long seconds() {
            return statuses.values().stream().mapToLong(Sum::seconds).sum();
        }
    }

    /** A summary overall and one per flow type (every type present, empty ones too). */
    public record Totals(Summary all, Map<FlowType, Summary> byType) {
    }

    private final Acc all = new Acc();
    private final Map<FlowType, Acc> byType = new EnumMap<>(FlowType.class);

    public StatusTotals() {
        for (FlowType t : FlowType.values()) {
            byType.put(t, new Acc());
        }
    }

    /** One item's contribution, by the rules. */
    public StatusTotals add(FlowType type, TimeInStatus.ItemTime time) {
        for (Acc acc : new Acc[] { all, byType.get(type) }) {
            if (!time.started()) {
                acc.leftOut++;
                continue;
            }
            acc.items++;
            if (time.withoutStatuses()) {
                acc.withoutStatuses++;
            }
            time.seconds().forEach((key, seconds) -> acc.add(key, seconds, 1));
        }
        return this;
    }

    /** Seconds of {@code items} items of one type in one status, as the database summed them. */
    public StatusTotals addStatus(FlowType type, StatusKey key, long seconds, long items) {
        all.add(key, seconds, items);
        byType.get(type).add(key, seconds, items);
        return this;
    }

    /** Item counts of one type, as the database counted them. */
    public StatusTotals addItems(FlowType type, long items, long leftOut, long withoutStatuses) {
        for (Acc acc : new Acc[] { all, byType.get(type) }) {
            acc.items += items;
            acc.leftOut += leftOut;
            acc.withoutStatuses += withoutStatuses;
        }
        return this;
    }

    public Totals totals() {
        Map<FlowType, Summary> types = new EnumMap<>(FlowType.class);
        byType.forEach((t, acc) -> types.put(t, acc.summary()));
        return new Totals(all.summary(), types);
    }

    private static final class Acc {
        long items;
        long leftOut;
        long withoutStatuses;
        final Map<StatusKey, long[]> sums = new TreeMap<>(StatusKey.ORDER);

        void add(StatusKey key, long seconds, long count) {
            long[] s = sums.computeIfAbsent(key, k -> new long[2]);
            s[0] += seconds;
            s[1] += count;
        }

        Summary summary() {
            Map<StatusKey, Sum> out = new TreeMap<>(StatusKey.ORDER);
            sums.forEach((k, s) -> {
                if (s[1] != 0) { // a status no item holds any more (sums that were taken away again)
                    out.put(k, new Sum(s[0], s[1]));
                }
            });
            return new Summary(items, leftOut, withoutStatuses, out);
        }
    }
}
