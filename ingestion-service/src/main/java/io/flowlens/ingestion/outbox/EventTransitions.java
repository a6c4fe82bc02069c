package io.flowlens.ingestion.outbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.flowlens.common.contract.ItemEventContract;
import io.flowlens.ingestion.domain.Timeline;

/**
 * The transitions an item event carries: one per change of tracker status (contract version 3),
 * each with the flow state it means and the status itself, so metrics can tell where the time
 * went within a flow state. They describe exactly the flow-state timeline of
 * {@link Timeline#states()}: in order of instant; of several changes at one instant only the
 * one that decides (the earlier ones were never held); a repeat of the same status and state is
 * no new transition. The creation point carries no status (trackers do not always say what an
 * item was created in). An unmapped status travels with the state ingestion gives it.
 */
public final class EventTransitions {

    private EventTransitions() {
    }

    public static List<ItemEvent.Transition> of(Instant createdAt, Timeline timeline) {
        List<Timeline.Entry> entries = timeline.entries();
        List<ItemEvent.Transition> out = new ArrayList<>(entries.size() + 1);
        if (createdAt != null && (entries.isEmpty() || !entries.get(0).at().isBefore(createdAt))) {
            out.add(new ItemEvent.Transition(createdAt, "new", null));
        }
        for (Timeline.Entry e : entries) {
            ItemEvent.Transition last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.at().equals(e.at())) {
                out.remove(out.size() - 1); // the later change at one instant decides
                last = out.isEmpty() ? null : out.get(out.size() - 1);
            }
            String status = storable(e.status());
            String state = e.state().word();
            if (last != null && last.state().equals(state) && Objects.equals(last.status(), status)) {
                continue;
            }
            out.add(new ItemEvent.Transition(e.at(), state, status));
        }
        return out;
    }

    /**
     * A status within the event's limits, or none: ingestion refuses longer ones on arrival, but
     * a status stored before the limit existed must not make metrics refuse the whole event.
     */
    private static String storable(String status) {
        return ItemEventContract.textViolation(status, ItemEventContract.MAX_STATUS) == null ? status : null;
    }
}
