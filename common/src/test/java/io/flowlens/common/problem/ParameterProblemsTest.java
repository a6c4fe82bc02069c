package io.flowlens.common.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.junit.jupiter.api.Test;

class ParameterProblemsTest {

    private static MultivaluedMap<String, String> params(Map<String, String> values) {
        MultivaluedMap<String, String> map = new MultivaluedHashMap<>();
        values.forEach(map::add);
        return map;
    }

    private static String culprit(Throwable failure, Map<String, String> query, Map<String, String> path) {
        return ParameterProblems.culprit(failure.getMessage(), params(query), params(path));
    }

    private static Throwable integer(String value) {
        try {
            Integer.valueOf(value);
        } catch (NumberFormatException e) {
            return e;
        }
        throw new AssertionError(value + " is an integer");
    }

    @Test
    void theQueryParameterWhoseValueFailedIsNamed() {
        assertEquals("limit", culprit(integer("abc"), Map.of("limit", "abc", "cursor", "xyz"), Map.of()));
        assertEquals("limit", culprit(integer("1.5"), Map.of("limit", "1.5"), Map.of("id", "42")));
        assertEquals("limit", culprit(integer("99999999999999999999"),
                Map.of("limit", "99999999999999999999", "from", "2026-01-01"), Map.of()));
        assertEquals("limit", culprit(integer(""), Map.of("limit", ""), Map.of()));
    }

    @Test
    void aPathSegmentThatCannotBeConvertedStaysANotFound() {
        Throwable uuid = new IllegalArgumentException("Invalid UUID string: not-a-uuid");
        assertNull(culprit(uuid, Map.of("limit", "5"), Map.of("id", "not-a-uuid")));
    }
}
