package io.flowlens.common.openapi;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import io.flowlens.common.problem.Problem;
import io.flowlens.common.problem.ProblemSchema;

/**
 * What a service's OpenAPI document (parsed into maps and lists) must hold for generated clients
 * to work from it, as findings, one line each: every public operation has a hand-chosen verbNoun
 * operationId (a known verb, and not just the method and path run together), a description naming its role and {@code x-flowlens-roles}; every parameter a
 * description and a schema (the numeric ones integers); every success a schema; every error
 * problem+json with the suite's one {@code Problem}, which is exactly {@link ProblemSchema}'s.
 * Each service's contract test runs it on its own document.
 */
public final class ContractCheck {

    static final Pattern OPERATION_ID = Pattern.compile("(get|list|create|replace|update|delete|submit|publish|register"
            + "|disable|export|import|forecast|correct|erase|rank|link|unlink)[A-Z][A-Za-z0-9]*");
    /** Query parameters that are whole numbers wherever they appear. */
    static final Set<String> INTEGERS = Set.of("limit", "items", "trials", "seed", "historyDays");
    static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");

    private ContractCheck() {
    }

    @SuppressWarnings("unchecked")
    public static List<String> findings(Map<String, Object> doc) {
        List<String> findings = new ArrayList<>();
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) doc.getOrDefault("components", Map.of()))
                .getOrDefault("schemas", Map.of());
        if (!Objects.equals(schemas.get(ProblemSchema.NAME), ProblemSchema.problem())) {
            findings.add("components.schemas.Problem differs from ProblemSchema.problem(): " + schemas.get(ProblemSchema.NAME));
        }
        if (!Objects.equals(schemas.get(ProblemSchema.FIELD_ERROR_NAME), ProblemSchema.fieldError())) {
            findings.add("components.schemas.ProblemFieldError differs from ProblemSchema.fieldError(): "
                    + schemas.get(ProblemSchema.FIELD_ERROR_NAME));
        }
        schemas.keySet().stream().filter(name -> name.endsWith("Problem") && !name.equals(ProblemSchema.NAME))
                .forEach(name -> findings.add("a second problem schema: " + name));
        Set<String> ids = new HashSet<>();
        Map<String, Object> paths = (Map<String, Object>) doc.getOrDefault("paths", Map.of());
        paths.forEach((path, item) -> {
            if (!path.startsWith("/api/")) {
                return;
            }
            for (String method : METHODS) {
                if (((Map<String, Object>) item).get(method) instanceof Map<?, ?> op) {
                    operation(method + " " + path, (Map<String, Object>) op, ids, findings);
                    if (generatedId(method, path).equals(((Map<?, ?>) op).get("operationId"))) {
                        findings.add(method + " " + path + ": operationId " + generatedId(method, path)
                                + " is only the method and path run together; choose a name by hand");
                    }
                }
            }
        });
        return findings;
    }

    /**
     * The id the gateway gives an operation its service left unnamed, and the one the suite's
     * Spectral rule refuses ({@code get /api/v1/portfolio/correlation} is {@code getPortfolioCorrelation}):
     * it starts with a known verb, so the verb list alone lets it through.
     */
    static String generatedId(String method, String path) {
        StringBuilder id = new StringBuilder(method.toLowerCase(java.util.Locale.ROOT));
        String rest = path.startsWith("/api/v1") ? path.substring("/api/v1".length()) : path;
        for (String part : rest.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return id.toString();
    }

    @SuppressWarnings("unchecked")
    private static void operation(String where, Map<String, Object> op, Set<String> ids, List<String> findings) {
        String id = (String) op.get("operationId");
        if (id == null || !OPERATION_ID.matcher(id).matches()) {
            findings.add(where + ": operationId " + id + " is not a hand-chosen verbNoun");
        } else if (!ids.add(id)) {
            findings.add(where + ": operationId " + id + " is used twice");
        }
        if (!(op.get("description") instanceof String d) || !d.contains("Role: ")) {
            findings.add(where + ": description does not name the role");
        }
        if (!(op.get(ServiceContract.ROLES_EXTENSION) instanceof List<?> roles) || roles.isEmpty()) {
            findings.add(where + ": no " + ServiceContract.ROLES_EXTENSION);
        }
        for (Object p : (List<Object>) op.getOrDefault("parameters", List.of())) {
            Map<String, Object> parameter = (Map<String, Object>) p;
            String name = parameter.get("in") + " " + parameter.get("name");
            if (!(parameter.get("description") instanceof String d) || d.isBlank()) {
                findings.add(where + ": parameter " + name + " has no description");
            }
            if (!(parameter.get("schema") instanceof Map<?, ?> schema)) {
                findings.add(where + ": parameter " + name + " has no schema");
            } else if (INTEGERS.contains(parameter.get("name")) && !"integer".equals(schema.get("type"))) {
                findings.add(where + ": parameter " + name + " is not typed integer");
            }
        }
        if (op.get("requestBody") instanceof Map<?, ?> body) {
            ((Map<String, Object>) body.get("content")).forEach((type, media) -> {
                Map<String, Object> m = (Map<String, Object>) media;
                if (m.get("schema") == null) {
                    findings.add(where + ": request body " + type + " has no schema");
                }
                if (m.get("examples") == null && m.get("example") == null) {
                    findings.add(where + ": request body " + type + " has no example");
                }
            });
        }
        ((Map<String, Object>) op.getOrDefault("responses", Map.of())).forEach((status, r) -> {
            if (status.startsWith("x-")) {
                findings.add(where + ": responses carry the extension " + status);
                return;
            }
            Map<String, Object> response = (Map<String, Object>) r;
            Map<String, Object> content = (Map<String, Object>) response.get("content");
            if (status.startsWith("4") || status.startsWith("5")) {
                Object media = content == null ? null : content.get(Problem.MEDIA_TYPE);
                if (!(media instanceof Map<?, ?> m) || !(m.get("schema") instanceof Map<?, ?> s)
                        || !ProblemSchema.REF.equals(s.get("$ref"))) {
                    findings.add(where + ": " + status + " is not problem+json with " + ProblemSchema.REF);
                }
            } else if (status.startsWith("2") && !status.equals("204")) {
                if (content == null || content.isEmpty()) {
                    findings.add(where + ": " + status + " has no content");
                } else {
                    content.forEach((type, media) -> {
                        if (((Map<String, Object>) media).get("schema") == null) {
                            findings.add(where + ": " + status + " " + type + " has no schema");
                        }
                    });
                }
            }
        });
    }
}
