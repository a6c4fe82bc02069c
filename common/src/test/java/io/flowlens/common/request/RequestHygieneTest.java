package io.flowlens.common.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;

import org.junit.jupiter.api.Test;

class RequestHygieneTest {

    static class Resource {
        @Consumes(MediaType.APPLICATION_JSON)
        public void create(Object body) {
        }

        @Consumes({ "application/x-ndjson", MediaType.APPLICATION_JSON })
        public void upload(Object body) {
        }

        @Consumes(MediaType.WILDCARD)
        public void webhook(byte[] body) {
        }

        public void submit() {
        }
    }

    private static boolean declared(String method) throws Exception {
        for (var m : Resource.class.getMethods()) {
            if (m.getName().equals(method)) {
                return RequestHygiene.consumesOnlyDeclaredTypes(m);
            }
        }
        throw new AssertionError(method);
    }

    @Test
    void aBodyWithoutContentTypeIsRefusedOnlyWhereTheOperationDeclaresWhatItReads() throws Exception {
        assertTrue(declared("create"));
        assertTrue(declared("upload"));
        assertFalse(declared("webhook"));
        assertFalse(declared("submit"));
    }

    @Test
    void controlCharactersAreFoundAndShownEscaped() {
        assertTrue(RequestHygiene.hasControlCharacter("a\u0000"));
        assertTrue(RequestHygiene.hasControlCharacter("a\nb"));
        assertTrue(RequestHygiene.hasControlCharacter("\u007f"));
        assertFalse(RequestHygiene.hasControlCharacter("ordinary é ü 日本"));
        assertEquals("GET /x\\n12:00 INFO forged\\u0000", ControlCharacters.escape("GET /x\n12:00 INFO forged\u0000"));
        assertEquals("tab\tstays", ControlCharacters.escape("tab\tstays"));
    }

    @Test
    void aRequestIdIsVisibleAscii() {
        assertTrue(RequestIds.printable("3f2c-11aa:req.7"));
        assertFalse(RequestIds.printable("abc\u001b[31m"));
        assertFalse(RequestIds.printable("with space"));
    }
}
