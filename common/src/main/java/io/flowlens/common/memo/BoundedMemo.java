package io.flowlens.common.memo;

import java.util.concurrent.ConcurrentHashMap;

/**
 * What a hot path remembers between requests (a verified token, a key's digest, a caller's
 * token), bounded by emptying it when full. No eviction order is kept: the values can always be
 * computed again, so a flood of distinct keys costs recomputation, never memory, and a lookup
 * stays one concurrent-map read.
 */
public final class BoundedMemo<K, V> {

    private final int max;
    private final ConcurrentHashMap<K, V> entries = new ConcurrentHashMap<>();

    public BoundedMemo(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1");
        }
        this.max = max;
    }

    public V get(K key) {
        return entries.get(key);
    }

    public void put(K key, V value) {
        if (entries.size() >= max) {
            entries.clear();
        }
        entries.put(key, value);
    }

    public void remove(K key) {
        entries.remove(key);
    }

    public int size() {
        return entries.size();
    }
}
