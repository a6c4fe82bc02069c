package io.flowlens.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    static final long SECOND = 1_000_000_000L;

    @Test
    void opensAfterConsecutiveFailuresAndRefusesUntilTheOpenPeriodEnds() {
        CircuitBreaker breaker = new CircuitBreaker(3, 10 * SECOND);
        breaker.onFailure(0);
        breaker.onFailure(0);
        assertTrue(breaker.allow(0));
        breaker.onFailure(0);
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        assertFalse(breaker.allow(SECOND));
        assertEquals(9, breaker.retryAfterSeconds(SECOND));
    }

    @Test
    void aSuccessResetsTheFailureCount() {
        CircuitBreaker breaker = new CircuitBreaker(2, SECOND);
        breaker.onFailure(0);
        breaker.onSuccess();
        breaker.onFailure(0);
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
    }

    @Test
    void afterTheOpenPeriodOneTrialCallDecides() {
        CircuitBreaker breaker = new CircuitBreaker(1, SECOND);
        breaker.onFailure(0);
        assertTrue(breaker.allow(2 * SECOND), "the trial call");
        assertFalse(breaker.allow(2 * SECOND), "only one trial at a time");
        breaker.onFailure(2 * SECOND);
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        assertFalse(breaker.allow(2 * SECOND + 1));
        assertTrue(breaker.allow(4 * SECOND));
        breaker.onSuccess();
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        assertTrue(breaker.allow(4 * SECOND));
        assertTrue(breaker.allow(4 * SECOND));
    }
}
