package io.flowlens.gateway.domain;

import static io.flowlens.gateway.domain.OpenApiMergeTest.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The contract rules find each way an operation can break the convention, and pass a clean one. */
@SuppressWarnings("unchecked")
class OpenApiContractTest {

    static Map<String, Object> problemBody() {
        return map("description", "bad", "content", map("application/problem+json",
                map("schema", map("$ref", "#/components/schemas/Problem"))));
    }

    static Map<String, Object> cleanOperation() {
        return map("operationId", "listThings", "description", "Lists.\n\nRole: reader.",
                "x-flowlens-roles", List.of("reader"),
                "parameters", List.of(map("name", "limit", "in", "query", "description", "Page size",
                        "schema", map("type", "integer"))),
                "responses", map("200", map("description", "ok"), "400", problemBody(),
                        "401", map("$ref", "#/components/responses/Unauthorized")));
    }

    static Map<String, Object> doc(Map<String, Object> op) {
        return map("paths", map("/api/v1/things", map("get", op)),
                "components", map("schemas", map("Problem", map("type", "object")),
                        "responses", map("Unauthorized", problemBody())));
    }

    @Test
    void aCleanOperationPasses() {
        assertEquals(List.of(), OpenApiContract.violations(doc(cleanOperation())));
    }

    @Test
    void aGeneratedOrMissingOperationIdIsFound() {
        Map<String, Object> op = cleanOperation();
        op.put("operationId", "getThings");
        assertEquals(List.of("GET /api/v1/things: operationId getThings is generated from the path; choose one by hand"),
                OpenApiContract.violations(doc(op)));
        op.remove("operationId");
        assertEquals(1, OpenApiContract.violations(doc(op)).size());
    }

    @Test
    void missingOrUnknownRolesAndAMissingRoleLineAreFound() {
        Map<String, Object> op = cleanOperation();
        op.put("x-flowlens-roles", List.of("superuser"));
        op.put("description", "Lists.");
        List<String> found = OpenApiContract.violations(doc(op));
        assertEquals(2, found.size(), found.toString());
        assertTrue(found.get(0).contains("x-flowlens-roles"));
        assertTrue(found.get(1).contains("Role:"));
    }

    @Test
    void anUndescribedOrStringTypedCountingParameterIsFound() {
        Map<String, Object> op = cleanOperation();
        op.put("parameters", List.of(map("name", "limit", "in", "query", "schema", map("type", "string"))));
        assertEquals(List.of("GET /api/v1/things: parameter limit has no description",
                "GET /api/v1/things: parameter limit is typed string, not integer"), OpenApiContract.violations(doc(op)));
    }

    @Test
    void anErrorWithoutAProblemBodyIsFoundAlsoThroughAReference() {
        Map<String, Object> op = cleanOperation();
        ((Map<String, Object>) op.get("responses")).put("404", map("description", "none"));
        Map<String, Object> d = doc(op);
        ((Map<String, Object>) ((Map<String, Object>) d.get("components")).get("responses"))
                .put("Unauthorized", map("description", "no body"));
        assertEquals(List.of("GET /api/v1/things: 401 has no application/problem+json body of the Problem schema",
                "GET /api/v1/things: 404 has no application/problem+json body of the Problem schema"),
                OpenApiContract.violations(d).stream().sorted().toList());
    }

    @Test
    void aSecondProblemSchemaAndNumberedLeftoversAreFound() {
        Map<String, Object> d = doc(cleanOperation());
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) d.get("components")).get("schemas");
        schemas.put("IngestionProblem", map("type", "object"));
        schemas.put("Item1", map("type", "object"));
        schemas.put("Item", map("type", "object"));
        assertEquals(2, OpenApiContract.violations(d).size());
    }
}
