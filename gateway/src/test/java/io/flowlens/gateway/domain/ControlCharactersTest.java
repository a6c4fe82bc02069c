package io.flowlens.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ControlCharactersTest {

    @Test
    void findsEncodedAndRawControlsAndSaysWhere() {
        assertEquals(new ControlCharacters.Found("path", "%00"), ControlCharacters.find("/api/v1/questionnaires/%00"));
        assertEquals(new ControlCharacters.Found("path", "%0a"), ControlCharacters.find("/a%0ab?x=1"));
        assertEquals(new ControlCharacters.Found("path", "%7F"), ControlCharacters.find("/a/%7F"));
        assertEquals(new ControlCharacters.Found("path", "U+0009"), ControlCharacters.find("/a\tb"));
        assertEquals(new ControlCharacters.Found("version", "%00"), ControlCharacters.find("/q?version=%00"));
        assertEquals(new ControlCharacters.Found("b", "%1F"), ControlCharacters.find("/q?a=1&b=x%1F&c=2"));
        assertEquals(new ControlCharacters.Found("q", "%C2%85"), ControlCharacters.find("/q?q=a%C2%85"));
        assertEquals(new ControlCharacters.Found("a%0db", "%0d"), ControlCharacters.find("/q?a%0db=1"));
        assertEquals(new ControlCharacters.Found("query", "%00"), ControlCharacters.find("/q?=%00"));
    }

    @Test
    void leavesEverythingElse() {
        assertNull(ControlCharacters.find("/api/v1/items?q=a%20b%2F%C3%A9&limit=5"));
        assertNull(ControlCharacters.find("/a%2"));
        assertNull(ControlCharacters.find("/a%zz"));
        assertNull(ControlCharacters.find("/a%C2%A0"));
        assertNull(ControlCharacters.find("/é"));
        assertNull(ControlCharacters.find(null));
    }
}
