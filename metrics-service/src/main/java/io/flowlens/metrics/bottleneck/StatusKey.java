package io.flowlens.metrics.bottleneck;

import java.util.Comparator;

import io.flowlens.metrics.calc.FlowState;

/**
 * A tracker status with the flow state it meant: the unit time in status is counted in. The same
 * status name can mean two states (an unmapped status counts as {@code new} before work starts and
 * {@code waiting} after; two connections may map one name differently), so both make the key.
 * {@code status} is null where the item's events did not say (events of an older producer): the
 * time is then counted under its flow state alone.
 */
public record StatusKey(String status, FlowState state) {

    /** Status name (unknown last), then flow state: the order ties are broken in. */
    public static final Comparator<StatusKey> ORDER = Comparator
            .comparing(StatusKey::status, Comparator.nullsLast(Comparator.<String>naturalOrder()))
            .thenComparing(StatusKey::state);
}
