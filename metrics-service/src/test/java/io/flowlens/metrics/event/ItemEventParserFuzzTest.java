package io.flowlens.metrics.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flowlens.common.problem.ApiException;
import io.flowlens.metrics.event.ItemEventParser.Slot;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzes the item-event consumer's parser: random bytes, and valid events with one field
 * replaced by an arbitrary JSON value or the text mutated, never make it throw anything but a
 * 400 for a broken envelope; every event gets a verdict (read, or refused with named faults).
 * Bounded and seeded, so the test command stays short and a failure is reproducible.
 */
class ItemEventParserFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> EVENT_FIELDS = List.of("eventId", "tenantId", "type", "revision", "emittedAt", "item");
    private static final List<String> ITEM_FIELDS = List.of("itemId", "connectionId", "project", "key", "title",
            "flowType", "labels", "createdAt", "transitions");

    /** The parser's whole promise: a verdict per event, or a 400 for the envelope; never anything else. */
    static void judged(byte[] body) {
        List<Slot> slots;
        try {
            slots = ItemEventParser.parse(body);
        } catch (ApiException e) {
            assertEquals(400, e.status());
            return;
        }
        for (int i = 0; i < slots.size(); i++) {
            Slot s = slots.get(i);
            assertEquals(i, s.index());
            if (s.refused()) {
                assertTrue(!s.errors().isEmpty() && s.errors().size() <= ItemEventParser.MAX_ERRORS_PER_EVENT + 1);
                String prefix = "/events/" + i;
                s.errors().forEach(err -> assertTrue(err.pointer().startsWith(prefix), err.pointer()));
            } else {
                assertNotNull(s.event().itemId());
                assertNotNull(s.event().tenantId());
            }
        }
    }

    @Property(tries = 300, seed = "20261129")
    void randomBytesAreJudged(@ForAll("bytes") byte[] body) {
        judged(body);
    }

    @Property(tries = 300, seed = "20261129")
    void anEventWithOneFieldReplacedIsJudged(@ForAll("fieldPaths") String path, @ForAll("jsonValues") JsonNode value) {
        ObjectNode event = (ObjectNode) JSON.valueToTree(ItemEventContractTest.event());
        String[] parts = path.split("/");
        ObjectNode target = parts.length == 2 ? (ObjectNode) event.get("item") : event;
        target.set(parts[parts.length - 1], value);
        ObjectNode body = NODES.objectNode();
        body.putArray("events").add(event).add(JSON.valueToTree(ItemEventContractTest.event()));
        judged(body.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 300, seed = "20261129")
    void aMutatedValidBatchIsJudged(@ForAll("mutations") Map.Entry<Integer, String> mutation) throws Exception {
        byte[] valid = JSON.writeValueAsBytes(Map.of("events", List.of(ItemEventContractTest.event())));
        String text = new String(valid, StandardCharsets.UTF_8);
        int at = Math.floorMod(mutation.getKey(), text.length());
        String mutated = text.substring(0, at) + mutation.getValue() + text.substring(Math.min(text.length(), at + 1));
        judged(mutated.getBytes(StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<byte[]> jsonish = Arbitraries.strings().withChars("{}[]\":,0123456789.eE-+ truefalsnl\\u")
                .ofMaxLength(200).map(s -> ("{\"events\":[" + s).getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(raw, jsonish);
    }

    @Provide
    Arbitrary<String> fieldPaths() {
        return Arbitraries.oneOf(Arbitraries.of(EVENT_FIELDS), Arbitraries.of(ITEM_FIELDS).map(f -> "item/" + f));
    }

    @Provide
    Arbitrary<JsonNode> jsonValues() {
        Arbitrary<JsonNode> scalars = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40).map(NODES::textNode),
                Arbitraries.strings().withCharRange('\u0000', '\uffff').ofMaxLength(12).map(NODES::textNode),
                Arbitraries.of("item.deleted", "item.upserted", "feature", "done", "2025-12-01T09:00:00Z",
                        "+999999999-12-31T23:59:59Z", "-1000000000-01-01T00:00:00Z", "0000-00-00T00:00:00Z", "")
                        .map(NODES::textNode),
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.doubles().map(NODES::numberNode),
                Arbitraries.bigIntegers().between(new java.math.BigInteger("-1" + "0".repeat(30)),
                        new java.math.BigInteger("1" + "0".repeat(30))).map(NODES::numberNode),
                Arbitraries.of(NODES.nullNode(), NODES.booleanNode(true), NODES.objectNode(), NODES.arrayNode()));
        Arbitrary<JsonNode> transitions = Combinators.combine(scalars, scalars).as((at, state) -> {
            ObjectNode t = NODES.objectNode();
            t.set("at", at);
            t.set("state", state);
            return t;
        }).list().ofMaxSize(5).map(list -> {
            ArrayNode a = NODES.arrayNode();
            list.forEach(a::add);
            return a;
        });
        Arbitrary<JsonNode> arrays = scalars.list().ofMaxSize(300).map(list -> {
            ArrayNode a = NODES.arrayNode();
            list.forEach(a::add);
            return a;
        });
        return Arbitraries.oneOf(scalars, transitions, arrays);
    }

    @Provide
    Arbitrary<Map.Entry<Integer, String>> mutations() {
        return Combinators.combine(Arbitraries.integers().between(0, 2000),
                Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(3), Arbitraries.of("", "\"", "}", "]", ",", "\\u0000", "-1", "9".repeat(30))))
                .as(Map::entry);
    }
}
