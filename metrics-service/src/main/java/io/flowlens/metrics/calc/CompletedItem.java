package io.flowlens.metrics.calc;

import java.time.Instant;

/**
 * The facts of one completed item that the window figures need. {@code flowSeconds} and
 * {@code activeSeconds} are null for an item completed without ever being started.
 */
public record CompletedItem(FlowType type, Instant completion, Long flowSeconds, Long activeSeconds) {

    public static CompletedItem of(FlowType type, Timeline timeline) {
        return new CompletedItem(type, timeline.completion(),
                timeline.flowTime() == null ? null : timeline.flowTime().toSeconds(),
                timeline.activeTime() == null ? null : timeline.activeTime().toSeconds());
    }
}
