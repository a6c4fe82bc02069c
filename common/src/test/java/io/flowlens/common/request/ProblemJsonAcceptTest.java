package io.flowlens.common.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ProblemJsonAcceptTest {

    @Test
    void aClientThatAcceptsOnlyProblemsAlsoGetsJson() {
        assertEquals("application/problem+json, application/json", ProblemJsonAccept.widened("application/problem+json"));
        assertEquals("text/csv, Application/Problem+JSON;q=0.5, application/json",
                ProblemJsonAccept.widened("text/csv, Application/Problem+JSON;q=0.5"));
    }

    @Test
    void whatAlreadyMatchesJsonIsLeftAlone() {
        assertNull(ProblemJsonAccept.widened("application/json"));
        assertNull(ProblemJsonAccept.widened("application/problem+json, application/json"));
        assertNull(ProblemJsonAccept.widened("application/problem+json, */*;q=0.1"));
        assertNull(ProblemJsonAccept.widened("application/problem+json, application/*"));
        // A client that refuses JSON keeps refusing it.
        assertNull(ProblemJsonAccept.widened("application/problem+json, application/json;q=0"));
    }

    @Test
    void whatNamesNoProblemsIsLeftAlone() {
        assertNull(ProblemJsonAccept.widened("text/csv"));
        assertNull(ProblemJsonAccept.widened("text/html, application/xml"));
    }
}
