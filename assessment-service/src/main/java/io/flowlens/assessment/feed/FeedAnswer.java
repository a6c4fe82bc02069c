package io.flowlens.assessment.feed;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What metrics-service made of one POST of scored-assessment events, as the relay acts on it:
 * <ul>
 * <li>{@link Kind#DELIVERED}: 2xx; every event applied or ignored except those in {@code refused}
 * (by index in the batch, each with its faults).</li>
 * <li>{@link Kind#BATCH_REFUSED}: 400, 413 or 422 for the batch as a whole (a malformed envelope,
 * a body too large): the relay
 * splits the batch until the event at fault is alone, and parks it.</li>
 * <li>{@link Kind#UNAVAILABLE}: anything else (5xx, unreachable, timeout, 401/403 of a wrong
 * identity secret, 404 of a wrong URL): not the events' fault, retried with backoff.</li>
 * </ul>
 */
record FeedAnswer(Kind kind, Map<Integer, ArrayNode> refused, String failure) {

    enum Kind { DELIVERED, BATCH_REFUSED, UNAVAILABLE }

    private static final ObjectMapper JSON = new ObjectMapper();

    static FeedAnswer unavailable(String failure) {
        return new FeedAnswer(Kind.UNAVAILABLE, Map.of(), failure);
    }

    /** Reads metrics' answer to a batch of {@code size} events. */
    static FeedAnswer of(int status, String body, int size) {
        String text = body == null ? "" : body;
        if (status / 100 == 2) {
            return new FeedAnswer(Kind.DELIVERED, refused(text, size), null);
        }
        String failure = "metrics-service answered " + status + ": " + text.substring(0, Math.min(300, text.length()));
        if (status == 400 || status == 413 || status == 422) {
            return new FeedAnswer(Kind.BATCH_REFUSED, Map.of(), failure);
        }
        return unavailable(failure);
    }

    /** The refused events by index, their pointers made relative to the event ("/item/title"). */
    private static Map<Integer, ArrayNode> refused(String body, int size) {
        Map<Integer, ArrayNode> out = new HashMap<>();
        JsonNode list;
        try {
            list = JSON.readTree(body).path("refused");
        } catch (java.io.IOException | RuntimeException e) {
            return out; // no list: 2xx alone means applied
        }
        for (JsonNode r : list) {
            JsonNode index = r.path("index");
            if (!index.canConvertToInt() || index.asInt() < 0 || index.asInt() >= size) {
                continue;
            }
            int i = index.asInt();
            String prefix = "/events/" + i;
            ArrayNode errors = out.computeIfAbsent(i, k -> JsonNodeFactory.instance.arrayNode());
            for (JsonNode e : r.path("errors")) {
                String pointer = e.path("pointer").asText("");
                errors.add(error(pointer.startsWith(prefix) ? pointer.substring(prefix.length()) : pointer,
                        e.path("detail").asText("")));
            }
            if (errors.isEmpty()) {
                errors.add(error("", "refused by metrics-service"));
            }
        }
        return out;
    }

    static ObjectNode error(String pointer, String detail) {
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        e.put("pointer", pointer);
        e.put("detail", detail.length() > 1000 ? detail.substring(0, 1000) : detail);
        return e;
    }

    /** The reason stored for an event refused alone as a whole batch. */
    static ArrayNode refusedAlone(String failure) {
        return JsonNodeFactory.instance.arrayNode().add(error("", failure));
    }
}
