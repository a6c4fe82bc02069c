package io.flowlens.gateway.domain;

/**
 * A per-service circuit breaker. After {@code failureThreshold} consecutive failures
 * (connection refused, timeout) it opens: calls are refused at once for {@code openNanos},
 * so callers get a fast 503 instead of waiting on a dead service. Then one trial call is let
 * through (half-open): success closes it, failure opens it again.
 */
public final class CircuitBreaker {

    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int failureThreshold;
    private final long openNanos;
    private State state = State.CLOSED;
    private int failures;
    private long openedAt;
    private boolean trialInFlight;

    public CircuitBreaker(int failureThreshold, long openNanos) {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failure threshold must be >= 1");
        }
        this.failureThreshold = failureThreshold;
        this.openNanos = openNanos;
    }

    /** Whether a call may go out now; in half-open state only one trial call at a time. */
    public synchronized boolean allow(long nowNanos) {
        switch (state) {
            case CLOSED:
                return true;
            case OPEN:
                if (nowNanos - openedAt < openNanos) {
                    return false;
                }
                state = State.HALF_OPEN;
                trialInFlight = true;
                return true;
            default:
                if (trialInFlight) {
                    return false;
                }
                trialInFlight = true;
                return true;
        }
    }

    public synchronized void onSuccess() {
        state = State.CLOSED;
        failures = 0;
        trialInFlight = false;
    }

    public synchronized void onFailure(long nowNanos) {
        trialInFlight = false;
        failures++;
        if (state == State.HALF_OPEN || failures >= failureThreshold) {
            state = State.OPEN;
            openedAt = nowNanos;
        }
    }

    public synchronized State state() {
        return state;
    }

    /** Seconds until a trial call will be let through (for Retry-After), 0 when not open. */
    public synchronized long retryAfterSeconds(long nowNanos) {
        if (state != State.OPEN) {
            return 0;
        }
        return Math.max(1, (long) Math.ceil((openNanos - (nowNanos - openedAt)) / 1e9));
    }
}
