package io.flowlens.metrics.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flowlens.common.problem.ApiException;
import io.flowlens.metrics.event.ItemEventParser.Slot;

/**
 * Fuzzes the item-event consumer's parser: random bytes, and valid events with one field
 * replaced by an arbitrary JSON value or the text mutated, never make it throw anything but a
 * 400 for a broken envelope; every event gets a verdict (read, or refused with named faults).
 * Bounded and seeded, so the test command stays short and a failure is reproducible: it names
 * the seed of its try, and calling that try with the seed from a regular test keeps the finding.
 */
class ItemEventParserFuzzTest {

    private static final int TRIES = 300;
    private static final long BASE_SEED = 20261129L;
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

    /** One try of a fuzz test, everything it draws coming from {@code seed}. */
    @FunctionalInterface
    interface SeededTry {
        void run(long seed) throws Exception;
    }

    /** Runs {@link #TRIES} tries, their seeds drawn from {@link #BASE_SEED}; a failure names the seed it came from. */
    static void forEachSeed(SeededTry oneTry) throws Exception {
        SplittableRandom seeds = new SplittableRandom(BASE_SEED);
        for (int i = 0; i < TRIES; i++) {
            long seed = seeds.nextLong();
            try {
                oneTry.run(seed);
            } catch (Exception | AssertionError e) {
                throw new AssertionError("try " + i + " failed, seed " + seed + "L: " + e.getMessage(), e);
            }
        }
    }

    @Test
    void randomBytesAreJudged() throws Exception {
        forEachSeed(ItemEventParserFuzzTest::judgeRandomBytes);
    }

    static void judgeRandomBytes(long seed) throws Exception {
        judged(bytes(new SplittableRandom(seed)));
    }

    @Test
    void anEventWithOneFieldReplacedIsJudged() throws Exception {
        forEachSeed(ItemEventParserFuzzTest::judgeEventWithOneFieldReplaced);
    }

    static void judgeEventWithOneFieldReplaced(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        ObjectNode event = (ObjectNode) JSON.valueToTree(ItemEventContractTest.event());
        ObjectNode target = event;
        String field;
        if (random.nextBoolean()) {
            field = pick(EVENT_FIELDS, random);
        } else {
            target = (ObjectNode) event.get("item");
            field = pick(ITEM_FIELDS, random);
        }
        target.set(field, jsonValue(random));
        ObjectNode body = NODES.objectNode();
        body.putArray("events").add(event).add(JSON.valueToTree(ItemEventContractTest.event()));
        judged(body.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aMutatedValidBatchIsJudged() throws Exception {
        forEachSeed(ItemEventParserFuzzTest::judgeMutatedValidBatch);
    }

    static void judgeMutatedValidBatch(long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] valid = JSON.writeValueAsBytes(Map.of("events", List.of(ItemEventContractTest.event())));
        String text = new String(valid, StandardCharsets.UTF_8);
        // one character replaced by up to three others (often breaking the syntax or a value)
        int at = Math.floorMod(random.nextInt(2001), text.length());
        String replacement = random.nextBoolean() ? string(random, 3, true)
                : pick(List.of("", "\"", "}", "]", ",", "\\u0000", "-1", "9".repeat(30)), random);
        String mutated = text.substring(0, at) + replacement + text.substring(Math.min(text.length(), at + 1));
        judged(mutated.getBytes(StandardCharsets.UTF_8));
    }

    // Generators: plain seeded java.util.SplittableRandom, with the edge values drawn on purpose.

    private static final String JSONISH = "{}[]\":,0123456789.eE-+ truefalsnl\\u";

    /** Raw bytes, the start of a batch followed by JSON-ish noise, or a valid batch no longer UTF-8. */
    static byte[] bytes(SplittableRandom random) throws Exception {
        switch (random.nextInt(3)) {
            case 0 -> {
                byte[] raw = new byte[length(random, 300)];
                for (int i = 0; i < raw.length; i++) {
                    raw[i] = (byte) random.nextInt(256);
                }
                return raw;
            }
            case 1 -> {
                StringBuilder s = new StringBuilder("{\"events\":[");
                for (int n = length(random, 200); n > 0; n--) {
                    s.append(JSONISH.charAt(random.nextInt(JSONISH.length())));
                }
                return s.toString().getBytes(StandardCharsets.UTF_8);
            }
            default -> {
                byte[] batch = JSON.writeValueAsBytes(Map.of("events", List.of(ItemEventContractTest.event())));
                for (int n = 1 + random.nextInt(3); n > 0; n--) {
                    batch[random.nextInt(batch.length)] = (byte) (0x80 + random.nextInt(0x80)); // not UTF-8 any more
                }
                return batch;
            }
        }
    }

    /** A scalar, a list of transitions of arbitrary values, or an array of up to 300 scalars. */
    static JsonNode jsonValue(SplittableRandom random) {
        switch (random.nextInt(3)) {
            case 0 -> {
                return scalar(random);
            }
            case 1 -> {
                ArrayNode transitions = NODES.arrayNode();
                for (int n = length(random, 5); n > 0; n--) {
                    ObjectNode t = transitions.addObject();
                    t.set("at", scalar(random));
                    t.set("state", scalar(random));
                }
                return transitions;
            }
            default -> {
                ArrayNode a = NODES.arrayNode();
                for (int n = length(random, 300); n > 0; n--) {
                    a.add(scalar(random));
                }
                return a;
            }
        }
    }

    private static final List<String> TEXTS = List.of("item.deleted", "item.upserted", "feature", "done",
            "2025-12-01T09:00:00Z", "+999999999-12-31T23:59:59Z", "-1000000000-01-01T00:00:00Z",
            "0000-00-00T00:00:00Z", "");
    private static final long[] LONGS = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE + 1L};
    private static final double[] DOUBLES = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE};
    private static final BigInteger BIG = BigInteger.TEN.pow(30);

    static JsonNode scalar(SplittableRandom random) {
        return switch (random.nextInt(7)) {
            case 0 -> NODES.textNode(string(random, 40, false));
            case 1 -> NODES.textNode(string(random, 12, true));
            case 2 -> NODES.textNode(pick(TEXTS, random));
            case 3 -> NODES.numberNode(random.nextInt(4) == 0 ? LONGS[random.nextInt(LONGS.length)] : random.nextLong());
            case 4 -> NODES.numberNode(random.nextInt(4) == 0 ? DOUBLES[random.nextInt(DOUBLES.length)]
                    : (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-20, 300)));
            case 5 -> NODES.numberNode(switch (random.nextInt(4)) {
                case 0 -> BIG;
                case 1 -> BIG.negate();
                default -> new BigInteger(100, new java.util.Random(random.nextLong())).subtract(BigInteger.TWO.pow(99));
            });
            default -> List.of(NODES.nullNode(), NODES.booleanNode(true), NODES.objectNode(), NODES.arrayNode())
                    .get(random.nextInt(4));
        };
    }

    /**
     * Up to {@code max} characters: printable ASCII with some control and non-ASCII characters, or
     * (with {@code anyChar}) any UTF-16 unit including lone surrogates.
     */
    static String string(SplittableRandom random, int max, boolean anyChar) {
        StringBuilder s = new StringBuilder();
        for (int n = length(random, max); n > 0; n--) {
            int c;
            if (anyChar || random.nextInt(5) == 0) {
                c = random.nextInt(0x10000);
            } else {
                c = random.nextInt(0x20, 0x7f);
            }
            s.append((char) c);
        }
        return s.toString();
    }

    /** A length up to {@code max}, empty and full drawn more often than chance would. */
    private static int length(SplittableRandom random, int max) {
        return switch (random.nextInt(10)) {
            case 0 -> 0;
            case 1 -> max;
            default -> random.nextInt(max + 1);
        };
    }

    private static <T> T pick(List<T> values, SplittableRandom random) {
        return values.get(random.nextInt(values.size()));
    }
}
