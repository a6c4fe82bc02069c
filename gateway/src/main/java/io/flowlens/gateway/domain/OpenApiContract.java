package io.flowlens.gateway.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.flowlens.common.identity.Roles;

/**
 * The rules of Flowlens's API convention that matter most to client developers, checked on a
 * merged document as plain maps (the linters in CI check the rest, and these again):
 * <ul>
 * <li>every operation has a hand-chosen camelCase verbNoun operationId, not one generated from its path;</li>
 * <li>every operation names its roles ({@code x-flowlens-roles}, known roles) and says them on a
 * "Role:" line of its description;</li>
 * <li>every parameter is described and typed, counting parameters as integers;</li>
 * <li>every error status has an {@code application/problem+json} body of the one {@code Problem} schema;</li>
 * <li>one problem schema in the document, and no generator leftovers such as {@code Item1}.</li>
 * </ul>
 * Answers each violation as "METHOD path: what is wrong"; an empty list is a clean document.
 */
public final class OpenApiContract {

    static final Pattern OPERATION_ID = Pattern.compile("^[a-z]+[A-Z][A-Za-z0-9]*$");
    /** Parameters that count or seed: generated clients must send them as integers. */
    static final Set<String> INTEGER_PARAMETERS = Set.of("limit", "items", "trials", "seed", "historyDays");
    static final Pattern NUMBERED_LEFTOVER = Pattern.compile("^[A-Z][A-Za-z]*[A-Za-z][0-9]+$");

    private OpenApiContract() {
    }

    @SuppressWarnings("unchecked")
    public static List<String> violations(Map<String, Object> doc) {
        List<String> found = new ArrayList<>();
        Map<String, Object> paths = (Map<String, Object>) doc.getOrDefault("paths", Map.of());
        for (var path : paths.entrySet()) {
            if (!(path.getValue() instanceof Map<?, ?> item)) {
                continue;
            }
            for (String method : OpenApiMerge.METHODS) {
                if (item.get(method) instanceof Map<?, ?> op) {
                    operation(doc, method, path.getKey(), (Map<String, Object>) op, found);
                }
            }
        }
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) doc.getOrDefault("components",
                Map.of())).getOrDefault("schemas", Map.of());
        for (String name : schemas.keySet()) {
            if (name.endsWith("Problem") && !name.equals("Problem")) {
                found.add("components/schemas/" + name + ": a second problem schema; errors use Problem");
            }
            if (NUMBERED_LEFTOVER.matcher(name).matches()) {
                found.add("components/schemas/" + name + ": a numbered name left by a merge or generator;"
                        + " give distinct schemas distinct names");
            }
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    private static void operation(Map<String, Object> doc, String method, String path, Map<String, Object> op,
            List<String> found) {
        String where = method.toUpperCase(java.util.Locale.ROOT) + " " + path + ": ";
        Object id = op.get("operationId");
        if (!(id instanceof String s) || !OPERATION_ID.matcher(s).matches()) {
            found.add(where + "operationId " + id + " is not a camelCase verbNoun");
        } else if (s.equals(OpenApiMerge.generatedId(method, path))) {
            found.add(where + "operationId " + s + " is generated from the path; choose one by hand");
        }
        if (!(op.get("x-flowlens-roles") instanceof List<?> roles) || roles.isEmpty()
                || !roles.stream().allMatch(r -> r instanceof String role && Roles.isKnown(role))) {
            found.add(where + "x-flowlens-roles is missing or names an unknown role: " + op.get("x-flowlens-roles"));
        }
        if (!(op.get("description") instanceof String d) || !d.contains("Role: ")) {
            found.add(where + "the description has no \"Role:\" line");
        }
        for (Object p : (List<Object>) op.getOrDefault("parameters", List.of())) {
            Map<String, Object> parameter = (Map<String, Object>) resolve(doc, p);
            String name = String.valueOf(parameter.get("name"));
            if (!(parameter.get("description") instanceof String d) || d.isBlank()) {
                found.add(where + "parameter " + name + " has no description");
            }
            Object type = parameter.get("schema") instanceof Map<?, ?> schema ? schema.get("type") : null;
            if (type == null) {
                found.add(where + "parameter " + name + " has no type");
            } else if (INTEGER_PARAMETERS.contains(name) && !"integer".equals(type)) {
                found.add(where + "parameter " + name + " is typed " + type + ", not integer");
            }
        }
        Map<String, Object> responses = (Map<String, Object>) op.getOrDefault("responses", Map.of());
        for (var response : responses.entrySet()) {
            if (!OpenApiMerge.isError(response.getKey())) {
                continue;
            }
            Object schema = at(resolve(doc, response.getValue()), "content", OpenApiMerge.PROBLEM_MEDIA_TYPE, "schema");
            if (!(schema instanceof Map<?, ?> s) || !OpenApiMerge.PROBLEM_REF.equals(s.get("$ref"))) {
                found.add(where + response.getKey() + " has no application/problem+json body of the Problem schema");
            }
        }
    }

    /** A {@code $ref} to components, followed once; anything else as it is. */
    @SuppressWarnings("unchecked")
    static Object resolve(Map<String, Object> doc, Object node) {
        if (node instanceof Map<?, ?> map && map.get("$ref") instanceof String ref
                && ref.startsWith(OpenApiMerge.REF_PREFIX)) {
            String[] parts = ref.substring(OpenApiMerge.REF_PREFIX.length()).split("/", 2);
            Object target = at(doc, "components", parts[0], parts.length > 1 ? parts[1] : "");
            return target == null ? Map.of() : target;
        }
        return node == null ? Map.of() : node;
    }

    private static Object at(Object node, String... keys) {
        for (String key : keys) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(key);
        }
        return node;
    }
}
