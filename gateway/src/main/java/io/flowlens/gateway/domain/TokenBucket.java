package io.flowlens.gateway.domain;

/**
 * A token bucket: holds up to {@code capacity} tokens, refills continuously at
 * {@code refillPerSecond}; each request takes one. Time comes from the caller (nanoseconds,
 * monotonic), so the rules are testable without sleeping.
 */
public final class TokenBucket {

    private final long capacity;
    private final double refillPerSecond;
    private final double refillPerNano;
    private double tokens;
    private long last;

    /** The outcome of one request: allowed or not, and what to tell the caller in RateLimit-* headers. */
    public record Decision(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {
    }

    public TokenBucket(long capacity, double refillPerSecond, long nowNanos) {
        if (capacity < 1 || refillPerSecond <= 0) {
            throw new IllegalArgumentException("capacity must be >= 1 and refill > 0");
        }
        this.capacity = capacity;
        this.refillPerSecond = refillPerSecond;
        this.refillPerNano = refillPerSecond / 1e9;
        this.tokens = capacity;
        this.last = nowNanos;
    }

    public synchronized Decision take(long nowNanos) {
        if (nowNanos > last) {
            tokens = Math.min(capacity, tokens + (nowNanos - last) * refillPerNano);
            last = nowNanos;
        }
        boolean allowed = tokens >= 1;
        if (allowed) {
            tokens -= 1;
        }
        long remaining = (long) Math.floor(tokens);
        long reset = seconds((capacity - tokens) / refillPerNano);
        long retryAfter = allowed ? 0 : Math.max(1, seconds((1 - tokens) / refillPerNano));
        return new Decision(allowed, capacity, remaining, reset, retryAfter);
    }

    public long capacity() {
        return capacity;
    }

    public double refillPerSecond() {
        return refillPerSecond;
    }

    private static long seconds(double nanos) {
        return (long) Math.ceil(nanos / 1e9);
    }
}
