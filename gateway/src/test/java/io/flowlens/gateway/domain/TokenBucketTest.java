package io.flowlens.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    static final long SECOND = 1_000_000_000L;

    @Test
    void aFullBucketAllowsABurstOfItsCapacityThenRefuses() {
        TokenBucket bucket = new TokenBucket(3, 1, 0);
        assertEquals(2, bucket.take(0).remaining());
        assertEquals(1, bucket.take(0).remaining());
        TokenBucket.Decision last = bucket.take(0);
        assertTrue(last.allowed());
        assertEquals(0, last.remaining());
        assertEquals(3, last.resetSeconds(), "3 tokens at 1/s to be full again");
        TokenBucket.Decision refused = bucket.take(0);
        assertFalse(refused.allowed());
        assertEquals(1, refused.retryAfterSeconds());
        assertEquals(3, refused.limit());
    }

    @Test
    void tokensComeBackAtTheRefillRateAndNeverBeyondCapacity() {
        TokenBucket bucket = new TokenBucket(2, 0.5, 0);
        bucket.take(0);
        bucket.take(0);
        assertFalse(bucket.take(SECOND).allowed(), "half a token after 1 s");
        assertEquals(1, bucket.take(SECOND / 2).retryAfterSeconds(), "time never runs backwards");
        assertTrue(bucket.take(2 * SECOND).allowed(), "one token after 2 s");
        assertEquals(1, bucket.take(1000 * SECOND).remaining(), "capped at capacity 2, one taken");
    }

    @Test
    void retryAfterSaysWhenTheNextTokenArrives() {
        TokenBucket bucket = new TokenBucket(1, 0.1, 0);
        bucket.take(0);
        TokenBucket.Decision refused = bucket.take(SECOND);
        assertFalse(refused.allowed());
        assertEquals(9, refused.retryAfterSeconds());
    }

    @Test
    void nonsenseLimitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(1, 0, 0));
    }
}
