package io.flowlens.common.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flowlens.common.json.StrictJson;

/** A body the strict mapper refuses becomes a problem naming the field, in JSON's words, never Java's. */
class JsonProblemsTest {

    enum Kind { FEATURE, DEFECT }

    record Scope(String project, List<String> labels) {
    }

    record Stream(String name, int weight, Long budget, Boolean active, double share, Kind kind, UUID owner,
            List<Scope> scopes, Map<String, Integer> answers) {
    }

    private final ObjectMapper mapper = StrictJson.configure(new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));

    private Problem refused(String json) {
        try {
            mapper.readValue(json, Stream.class);
        } catch (JsonProcessingException e) {
            Problem problem = JsonProblems.of(e, "/api/v1/streams");
            String text = problem.toString();
            for (String javaName : List.of("java.", "JsonToken", "START_OBJECT", "Stream", "Scope", "Kind`",
                    "io.flowlens", "com.fasterxml", "`", "Source:")) {
                assertFalse(text.contains(javaName), () -> "names Java (" + javaName + "): " + text);
            }
            assertEquals(400, problem.status());
            return problem;
        }
        return fail("accepted: " + json);
    }

    private static Problem.FieldError only(Problem problem) {
        assertEquals(1, problem.errors().size(), problem::toString);
        return problem.errors().get(0);
    }

    @Test
    void aDuplicateKeyIsNamedWhereItIs() {
        assertEquals(new Problem.FieldError("/name", "duplicate key"), only(refused("{\"name\":\"a\",\"name\":\"b\"}")));
        assertEquals(new Problem.FieldError("/scopes/1/project", "duplicate key"), only(refused(
                "{\"name\":\"a\",\"scopes\":[{\"project\":\"p\"},{\"project\":\"p\",\"project\":\"q\"}]}")));
    }

    @Test
    void contentAfterTheDocumentIsRefused() {
        Problem braces = refused("{\"name\":\"a\"}}}");
        assertEquals(Problem.TYPE_BASE + "malformed-json", braces.type());
        assertEquals("the body is not valid JSON: Unexpected close marker '}': no open Object to close (line 1, column 13)",
                braces.detail());
        Problem second = refused("{\"name\":\"a\"} {\"name\":\"b\"}");
        assertEquals("there is more after the JSON value; send exactly one JSON document", second.detail());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"name\":12345}|/name|must be a string",
            "{\"name\":true}|/name|must be a string",
            "{\"name\":{}}|/name|must be a string",
            "{\"weight\":\"3\"}|/weight|must be an integer",
            "{\"weight\":1.5}|/weight|must be an integer",
            "{\"budget\":\"3\"}|/budget|must be an integer",
            "{\"budget\":99999999999999999999}|/budget|out of range",
            "{\"active\":\"true\"}|/active|must be true or false",
            "{\"active\":1}|/active|must be true or false",
            "{\"share\":\"0.5\"}|/share|must be a number",
            "{\"scopes\":{}}|/scopes|must be an array",
            "{\"scopes\":[{\"project\":7}]}|/scopes/0/project|must be a string",
            "{\"scopes\":[{\"labels\":[1]}]}|/scopes/0/labels/0|must be a string",
            "{\"answers\":{\"q1\":\"4\"}}|/answers/q1|must be an integer",
            "{\"answers\":{\"q1\":4.5}}|/answers/q1|must be an integer",
            "{\"scopes\":[\"x\"]}|/scopes/0|must be an object",
    })
    void noScalarIsCoerced(String json, String pointer, String expected) {
        Problem.FieldError error = only(refused(json));
        assertEquals(pointer, error.pointer());
        assertTrue(error.detail().contains(expected.replace("must be ", "")), error::toString);
    }

    @Test
    void aNulCharacterInAnyStringIsNamed() {
        assertEquals(new Problem.FieldError("/name", "must not contain a NUL character (\\u0000)"),
                only(refused("{\"name\":\"a\\u0000b\"}")));
        assertEquals("/scopes/0/labels/1", only(refused("{\"scopes\":[{\"labels\":[\"x\",\"\\u0000\"]}]}")).pointer());
        assertEquals("/answers", only(refused("{\"answers\":{\"q\\u0000\":1}}")).pointer().substring(0, 8));
    }

    @Test
    void badValuesNameTheExpectedJsonNotTheJavaType() {
        assertEquals(new Problem.FieldError("/kind", "value 'EPIC' is not one of FEATURE, DEFECT"),
                only(refused("{\"kind\":\"EPIC\"}")));
        assertEquals("/owner", only(refused("{\"owner\":\"abc\"}")).pointer());
        assertEquals(new Problem.FieldError("/colour", "unknown field"), only(refused("{\"colour\":\"red\"}")));
    }

    @Test
    void unreadableJsonSaysWhereWithoutJava() {
        Problem problem = refused("{\"name\": }");
        assertEquals(Problem.TYPE_BASE + "malformed-json", problem.type());
        assertNull(problem.errors());
        refused("{\"name\": \"a\"");
        refused("");
        refused("[]");
    }

    @Test
    void theStrictMapperStillReadsAGoodBody() throws Exception {
        Stream stream = mapper.readValue("{\"name\":\"n\",\"weight\":3,\"budget\":4,\"active\":true,\"share\":1,"
                + "\"kind\":\"DEFECT\",\"scopes\":[{\"project\":\"p\",\"labels\":[\"a\"]}],\"answers\":{\"q\":2}}",
                Stream.class);
        assertEquals(3, stream.weight());
        assertEquals(1.0, stream.share());
        assertThrows(JsonProcessingException.class, () -> mapper.readValue("{\"weight\":3} x", Stream.class));
    }
}
