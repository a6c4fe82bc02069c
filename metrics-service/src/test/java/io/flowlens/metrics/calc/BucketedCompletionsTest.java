package io.flowlens.metrics.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Completions counted per flow-time bucket, with the exact flow times of only the buckets that
 * hold min, max and the percentile ranks, give exactly the rule on the items themselves.
 */
class BucketedCompletionsTest {

    @Test
    void bucketsAreMonotoneAndNarrow() {
        int previous = FlowTimeBuckets.of(Long.MIN_VALUE);
        assertEquals(0, previous);
        for (long s = -5; s < 200_000; s++) {
            int b = FlowTimeBuckets.of(s);
            assertTrue(b >= previous, "bucket of " + s);
            previous = b;
        }
        for (int bit = 4; bit < 62; bit++) {
            long s = 1L << bit;
            assertEquals(FlowTimeBuckets.of(s - 1) + 1, FlowTimeBuckets.of(s), "a doubling starts a bucket: " + s);
            // 8 buckets per doubling: a bucket is an eighth of its doubling wide.
            assertEquals(FlowTimeBuckets.of(s), FlowTimeBuckets.of(s + (s >> 3) - 1));
            assertEquals(FlowTimeBuckets.of(s) + 1, FlowTimeBuckets.of(s + (s >> 3)));
        }
        assertEquals(FlowTimeBuckets.NEVER_STARTED, FlowTimeBuckets.of((Long) null));
    }

    @Test
    void figuresEqualTheRuleOnRandomItems() {
        for (long seed = 1; seed <= 300; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            List<CompletedItem> items = new ArrayList<>();
            int n = r.nextInt(0, seed % 10 == 0 ? 5_000 : 60);
            long spread = r.nextBoolean() ? 40 : 90L * 86_400;
            for (int k = 0; k < n; k++) {
                boolean started = r.nextInt(8) != 0;
                long flow = r.nextInt(20) == 0 ? 0 : r.nextLong(0, spread);
                items.add(new CompletedItem(FlowType.values()[r.nextInt(FlowType.values().length)], Instant.EPOCH,
                        started ? flow : null, started ? r.nextLong(0, flow + 1) : null));
            }
            BucketedCompletions bucketed = new BucketedCompletions();
            // Counts arrive in pieces (spans, edges), the same bucket more than once.
            for (CompletedItem c : items) {
                bucketed.add(c);
            }
            List<Integer> asked = new ArrayList<>();
            CompletionStats stats = bucketed.stats(bucket -> {
                asked.add(bucket);
                return items.stream().filter(c -> FlowTimeBuckets.of(c.flowSeconds()) == bucket)
                        .mapToLong(CompletedItem::flowSeconds).toArray();
            });
            assertEquals(CompletionStats.of(items), stats, "seed " + seed);
            assertTrue(asked.size() <= 5, "min, max and three ranks at most: " + asked);
        }
    }

    @Test
    void valuesThatDoNotMatchTheCountsAreRefused() {
        BucketedCompletions bucketed = new BucketedCompletions();
        bucketed.add(new CompletedItem(FlowType.FEATURE, Instant.EPOCH, 100L, 50L));
        bucketed.add(new CompletedItem(FlowType.FEATURE, Instant.EPOCH, 100L, 50L));
        assertThrows(IllegalStateException.class, () -> bucketed.stats(bucket -> new long[] { 100L }));
    }

    @Test
    void onlyNeverStartedItemsHaveVelocityAndNoFlowTime() {
        BucketedCompletions bucketed = new BucketedCompletions();
        bucketed.add(new CompletedItem(FlowType.DEFECT, Instant.EPOCH, null, null));
        CompletionStats stats = bucketed.stats(bucket -> {
            throw new AssertionError("no bucket is read");
        });
        assertEquals(new CompletionStats(1, 1, DurationStats.EMPTY, 0, 0), stats);
    }
}
