package io.flowlens.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class OpenApiMergeTest {

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static Map<String, Object> base() {
        return map("openapi", "3.0.3", "info", map("title", "t", "version", "1"), "paths", map(),
                "components", map("schemas", map("Problem", map("type", "object")),
                        "responses", map("Unauthorized", map("description", "no"))));
    }

    static Map<String, Object> op(String id, String ref) {
        Map<String, Object> op = map("responses", map("200", map("description", "ok", "content",
                map("application/json", map("schema", map("$ref", ref))))));
        if (id != null) {
            op.put("operationId", id);
        }
        return op;
    }

    @SuppressWarnings("unchecked")
    static Object at(Object node, String... path) {
        for (String p : path) {
            node = ((Map<String, Object>) node).get(p);
        }
        return node;
    }

    @Test
    void collidingSchemasArePrefixedAndTheirRefsFollowIdenticalOnesAreShared() {
        Map<String, Object> a = map("openapi", "3.1.0", "paths", map("/api/v1/a", map("get", op("list", "#/components/schemas/Page"))),
                "components", map("schemas", map("Page", map("type", "object", "title", "A"),
                        "Shared", map("type", "string"))));
        Map<String, Object> b = map("paths", map("/api/v1/b", map("get", op("list", "#/components/schemas/Page")),
                "/api/v1/b2", map("get", op(null, "#/components/schemas/Shared"))),
                "components", map("schemas", map("Page", map("type", "object", "title", "B"),
                        "Shared", map("type", "string"))));
        Map<String, Object> merged = OpenApiMerge.merge(base(), List.of(new OpenApiMerge.Source("Alpha", a),
                new OpenApiMerge.Source("Beta", b)));
        assertEquals("3.1.0", merged.get("openapi"));
        assertEquals("#/components/schemas/Page",
                at(merged, "paths", "/api/v1/a", "get", "responses", "200", "content", "application/json", "schema", "$ref"));
        assertEquals("#/components/schemas/BetaPage",
                at(merged, "paths", "/api/v1/b", "get", "responses", "200", "content", "application/json", "schema", "$ref"));
        assertEquals("B", at(merged, "components", "schemas", "BetaPage", "title"));
        assertEquals("#/components/schemas/Shared",
                at(merged, "paths", "/api/v1/b2", "get", "responses", "200", "content", "application/json", "schema", "$ref"));
        assertEquals("betaList", at(merged, "paths", "/api/v1/b", "get", "operationId"));
        assertEquals("getB2", at(merged, "paths", "/api/v1/b2", "get", "operationId"));
    }

    @Test
    void internalPathsAndWhatOnlyTheyUsedAreDropped() {
        Map<String, Object> a = map("paths", map(
                "/internal/v1/x", map("post", op("x", "#/components/schemas/InternalOnly")),
                "/q/health", map("get", op("h", "#/components/schemas/InternalOnly")),
                "/api/v1/y", map("get", op("y", "#/components/schemas/Public"))),
                "components", map("schemas", map("InternalOnly", map("type", "object", "default", null),
                        "Public", map("type", "object", "example", null,
                                "properties", map("p", map("$ref", "#/components/schemas/Nested"))),
                        "Nested", map("type", "string"))));
        Map<String, Object> merged = OpenApiMerge.merge(base(), List.of(new OpenApiMerge.Source("A", a)));
        Map<?, ?> paths = (Map<?, ?>) merged.get("paths");
        assertEquals(List.of("/api/v1/y"), new ArrayList<>(paths.keySet()));
        Map<?, ?> schemas = (Map<?, ?>) at(merged, "components", "schemas");
        assertFalse(schemas.containsKey("InternalOnly"));
        assertTrue(schemas.containsKey("Public"));
        assertTrue(schemas.containsKey("Nested"), "kept through a transitive reference");
        assertFalse(schemas.containsKey("Problem"), "unreferenced, even the gateway's own");
        assertTrue(((Map<?, ?>) at(merged, "components", "responses")).containsKey("Unauthorized"),
                "the gateway's 401 response, added to every operation, stays");
    }

    @Test
    void invalidComponentNamesAreCleanedAndOperationsGetGatewayResponsesAndSecurity() {
        Map<String, Object> z = op("z", "#/components/schemas/Map<String,Object>");
        z.put("security", List.of(map("identity", List.of())));
        Map<String, Object> a = map("paths", map(
                "/api/v1/z", map("get", z),
                "/api/v1/webhooks/github/{id}", map("post", op("hook", "#/components/schemas/Map<String,Object>"))),
                "components", map("schemas", map("Map<String,Object>", map("type", "object"))));
        Map<String, Object> merged = OpenApiMerge.merge(base(), List.of(new OpenApiMerge.Source("A", a)));
        assertEquals("#/components/schemas/MapStringObject",
                at(merged, "paths", "/api/v1/z", "get", "responses", "200", "content", "application/json", "schema", "$ref"));
        assertNull(at(merged, "paths", "/api/v1/z", "get", "security"), "the global security applies");
        assertEquals(List.of(), at(merged, "paths", "/api/v1/webhooks/github/{id}", "post", "security"));
        assertEquals("#/components/responses/Unauthorized", at(merged, "paths", "/api/v1/z", "get", "responses", "401", "$ref"));
        assertEquals("#/components/responses/ServiceUnavailable", at(merged, "paths", "/api/v1/z", "get", "responses", "503", "$ref"));
        assertNull(at(merged, "paths", "/api/v1/webhooks/github/{id}", "post", "responses", "403"));
        assertEquals("GET /api/v1/z", at(merged, "paths", "/api/v1/z", "get", "summary"));
        assertEquals(List.of("A"), at(merged, "paths", "/api/v1/z", "get", "tags"));
    }

    @Test
    void everyServicesProblemIsTheSuitesOneProblemAndEveryErrorHasItsBody() {
        Map<String, Object> withoutBody = op("a", "#/components/schemas/Thing");
        ((Map<String, Object>) withoutBody.get("responses")).put("404", map("description", "gone"));
        ((Map<String, Object>) withoutBody.get("responses")).put("x-flowlens-roles", List.of("reader"));
        ((Map<String, Object>) withoutBody.get("responses")).put("401", map("description", "Not Authorized"));
        ((Map<String, Object>) withoutBody.get("responses")).put("400", map("description", "bad", "content",
                map("application/json", map("schema", map("$ref", "#/components/schemas/Problem")))));
        Map<String, Object> a = map("paths", map("/api/v1/a", map("get", withoutBody)),
                "components", map("schemas", map("Thing", map("type", "object"),
                        "Problem", map("type", "object", "title", "theirs",
                                "properties", map("errors", map("type", "array",
                                        "items", map("$ref", "#/components/schemas/FieldError")))),
                        "FieldError", map("type", "object", "title", "theirs"))));
        Map<String, Object> merged = OpenApiMerge.merge(base(), List.of(new OpenApiMerge.Source("Alpha", a)));
        Map<?, ?> schemas = (Map<?, ?>) at(merged, "components", "schemas");
        assertFalse(schemas.containsKey("AlphaProblem"));
        assertFalse(schemas.containsKey("FieldError"));
        assertNull(at(merged, "components", "schemas", "Problem", "title"), "the base's definition stays");
        assertEquals("#/components/schemas/Problem", at(merged, "paths", "/api/v1/a", "get", "responses", "404",
                "content", "application/problem+json", "schema", "$ref"));
        assertEquals("#/components/schemas/Problem", at(merged, "paths", "/api/v1/a", "get", "responses", "400",
                "content", "application/problem+json", "schema", "$ref"));
        assertNull(at(merged, "paths", "/api/v1/a", "get", "responses", "400", "content", "application/json"));
        assertNull(at(merged, "paths", "/api/v1/a", "get", "responses", "x-flowlens-roles"), "roles are the operation's");
        assertEquals("#/components/responses/Unauthorized",
                at(merged, "paths", "/api/v1/a", "get", "responses", "401", "$ref"), "the gateway's, not a bare stub");
        assertEquals("#/components/headers/X-Request-Id",
                at(merged, "paths", "/api/v1/a", "get", "responses", "200", "headers", "X-Request-Id", "$ref"));
        assertEquals("#/components/headers/RateLimit-Remaining",
                at(merged, "paths", "/api/v1/a", "get", "responses", "404", "headers", "RateLimit-Remaining", "$ref"));
    }

    @Test
    void aWebhookWhosePayloadSchemaIsMissingIsLeftOut() {
        Map<String, Object> base = base();
        base.put("webhooks", map("thing.done", map("post", map("requestBody", map("content", map("application/json",
                map("schema", map("$ref", "#/components/schemas/Thing")))))),
                "other.done", map("post", map("responses", map("200", map("description", "ok"))))));
        Map<String, Object> merged = OpenApiMerge.merge(base, List.of());
        assertEquals(List.of("other.done"), new ArrayList<>(((Map<?, ?>) merged.get("webhooks")).keySet()));
        Map<String, Object> a = map("paths", map(), "components", map("schemas", map("Thing", map("type", "object"))));
        merged = OpenApiMerge.merge(base, List.of(new OpenApiMerge.Source("A", a)));
        assertTrue(((Map<?, ?>) merged.get("webhooks")).containsKey("thing.done"));
        assertTrue(((Map<?, ?>) at(merged, "components", "schemas")).containsKey("Thing"), "kept: a webhook uses it");
    }

    @Test
    void aNullableReferenceAllowsItsNull() {
        Map<String, Object> nullable = map("type", "object", "description", "null when none",
                "anyOf", List.of(map("$ref", "#/components/schemas/Thing"), map("type", "null")));
        Map<String, Object> a = map("paths", map("/api/v1/a", map("get", op("a", "#/components/schemas/Holder"))),
                "components", map("schemas", map("Thing", map("type", "object"),
                        "Holder", map("type", "object", "properties", map("thing", nullable)))));
        Map<String, Object> merged = OpenApiMerge.merge(base(), List.of(new OpenApiMerge.Source("A", a)));
        Map<?, ?> thing = (Map<?, ?>) at(merged, "components", "schemas", "Holder", "properties", "thing");
        assertFalse(thing.containsKey("type"));
        assertEquals("null when none", thing.get("description"));
        assertEquals("object", at(merged, "components", "schemas", "Thing", "type"), "a plain object keeps its type");
    }

    @Test
    void sanitizedNamesKeepOnlyValidCharacters() {
        assertEquals("MapStringObject", OpenApiMerge.sanitize("Map<String,Object>"));
        assertEquals("a.b-c_d", OpenApiMerge.sanitize("a.b-c_d"));
        assertEquals("Unnamed", OpenApiMerge.sanitize("<>"));
    }
}
