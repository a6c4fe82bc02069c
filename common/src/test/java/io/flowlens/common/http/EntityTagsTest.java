package io.flowlens.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** If-None-Match as RFC 9110 compares it (weakly, any of a list, or *), and a tag per answer. */
class EntityTagsTest {

    static final String TAG = "W/\"abc\"";

    @Test
    void anyTagOfTheListMatchesWeaklyAndStarMatchesAll() {
        assertTrue(EntityTags.matches(List.of("W/\"abc\""), TAG));
        assertTrue(EntityTags.matches(List.of("\"abc\""), TAG));
        assertTrue(EntityTags.matches(List.of("\"x\", W/\"abc\""), TAG));
        assertTrue(EntityTags.matches(List.of("\"x\"", "W/\"abc\""), TAG));
        assertTrue(EntityTags.matches(List.of("*"), TAG));
        assertFalse(EntityTags.matches(List.of("W/\"abd\""), TAG));
        assertFalse(EntityTags.matches(List.of(""), TAG));
        assertFalse(EntityTags.matches(null, TAG));
    }

    @Test
    void theTagFollowsTheBytesOfTheAnswer() {
        String a = EntityTags.digest("{\"done\":310}".getBytes(StandardCharsets.UTF_8));
        assertEquals(a, EntityTags.digest("{\"done\":310}".getBytes(StandardCharsets.UTF_8)));
        assertNotEquals(a, EntityTags.digest("{\"done\":311}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(22, a.length(), "128 bits, base64url without padding");
    }
}
