package io.flowlens.assessment.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Outcomes of attempts that were made but could not be written down (the database could not be
 * reached just then), each kept until a deadline: recorded on a later run if the database is back
 * in time; past it the delivery's lease has run out, so the delivery is attempted again instead
 * (at least once, never lost: receivers drop a repeat by its {@code webhook-id}).
 */
final class HeldOutcomes<T> {

    /** One outcome and the instant after which it is no longer recorded. */
    record Held<T>(T item, Instant until) {
    }

    /** What {@link #take} hands back: those to record now, and how many were dropped as too late. */
    record Taken<T>(List<Held<T>> due, int expired) {
    }

    private final List<Held<T>> held = new ArrayList<>();
    private final int max;

    /** @param max how many are kept at most; more are given up (their deliveries go out again) */
    HeldOutcomes(int max) {
        this.max = max;
    }

    /** False when full or already past its deadline: the outcome is not kept. */
    synchronized boolean hold(Held<T> outcome, Instant now) {
        if (held.size() >= max || !now.isBefore(outcome.until())) {
            return false;
        }
        held.add(outcome);
        return true;
    }

    /** Takes out every outcome, those within their deadline to record, those past it dropped. */
    synchronized Taken<T> take(Instant now) {
        List<Held<T>> due = new ArrayList<>();
        int expired = 0;
        for (Held<T> h : held) {
            if (now.isBefore(h.until())) {
                due.add(h);
            } else {
                expired++;
            }
        }
        held.clear();
        return new Taken<>(due, expired);
    }

    synchronized int size() {
        return held.size();
    }
}
