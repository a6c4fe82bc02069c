package io.flowlens.ingestion.tracker;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** A webhook delivery as received: its headers (names lower-cased) and its exact body bytes. */
public record Delivery(Map<String, String> headers, byte[] body) {

    public Delivery {
        Map<String, String> lower = new TreeMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        headers = Map.copyOf(lower);
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
