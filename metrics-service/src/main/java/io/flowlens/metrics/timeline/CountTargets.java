package io.flowlens.metrics.timeline;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a batch adds its day deltas: every ready zone of the tenant, every zone being back-filled
 * for the items the back-fill has passed (item id up to its watermark, in byte order), and every
 * ready label-narrowed stream.
 */
public record CountTargets(List<String> zones, Map<String, String> watermarks, List<CountedStream> streams) {

    /** The zones an item's deltas go to. */
    List<String> zonesOf(String itemId) {
        if (watermarks.isEmpty()) {
            return zones;
        }
        List<String> out = new ArrayList<>(zones);
        watermarks.forEach((zone, watermark) -> {
            if (compareBytes(itemId, watermark) <= 0) {
                out.add(zone);
            }
        });
        return out;
    }

    /** The order of PostgreSQL's "C" collation: UTF-8 bytes, unsigned. */
    static int compareBytes(String a, String b) {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.compareUnsigned(x, y);
    }
}
