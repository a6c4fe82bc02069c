package io.flowlens.gateway.limit;

import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.flowlens.gateway.auth.Principal;
import io.flowlens.gateway.config.GatewayConfig;
import io.flowlens.gateway.domain.TokenBucket;

/**
 * One token bucket per key (or token subject), sized by the tenant's override or the gateway's
 * default. Buckets live in this replica's memory: with N replicas behind a round-robin balancer
 * a key gets up to N times the configured rate (see README).
 */
@Singleton // no client proxy: it is called on every forwarded request
public class RateLimiter {

    @Inject
    GatewayConfig config;

    private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public TokenBucket.Decision take(Principal principal) {
        long capacity = principal.rateLimitCapacity() != null ? principal.rateLimitCapacity()
                : config.rateLimit().capacity();
        double refill = principal.rateLimitRefillPerSecond() != null ? principal.rateLimitRefillPerSecond()
                : config.rateLimit().refillPerSecond();
        long now = System.nanoTime();
        TokenBucket bucket = buckets.compute(principal.bucket(), (k, existing) ->
                existing != null && existing.capacity() == capacity && existing.refillPerSecond() == refill
                        ? existing : new TokenBucket(capacity, refill, now));
        return bucket.take(now);
    }
}
