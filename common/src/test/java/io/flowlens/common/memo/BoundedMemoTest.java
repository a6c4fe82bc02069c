package io.flowlens.common.memo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BoundedMemoTest {

    @Test
    void remembersUntilRemoved() {
        BoundedMemo<String, Integer> memo = new BoundedMemo<>(10);
        memo.put("a", 1);
        assertEquals(1, memo.get("a"));
        memo.remove("a");
        assertNull(memo.get("a"));
    }

    @Test
    void neverHoldsMoreThanItsBound() {
        BoundedMemo<Integer, Integer> memo = new BoundedMemo<>(3);
        for (int i = 0; i < 100; i++) {
            memo.put(i, i);
            assertEquals(i, memo.get(i), "the newest entry is always kept");
        }
        assertTrue(memo.size() <= 3, "size " + memo.size());
    }
}
