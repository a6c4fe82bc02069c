package io.flowlens.gateway.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Merges the services' OpenAPI documents (as plain maps and lists, however they were parsed)
 * into one public document:
 * <ul>
 * <li>only public paths ({@code /api/...}) are kept; {@code /internal} and {@code /q} paths are dropped;</li>
 * <li>component names are made valid ({@code [A-Za-z0-9._-]}) and a name two services define
 * differently is prefixed with the service's label, with every {@code $ref} rewritten;</li>
 * <li>operation ids are unique across services (missing ones are generated), every operation
 * has a summary and a tag, and carries the gateway's error responses (401, 403, 429, 503);</li>
 * <li>services' own security is replaced by the gateway's (global), except tracker webhooks,
 * which need no key;</li>
 * <li>one {@code Problem} schema for the suite: every service's {@code Problem} (common's record)
 * becomes the gateway's, and every error status carries an {@code application/problem+json}
 * body of it;</li>
 * <li>the headers the gateway adds to every answer ({@code X-Request-Id}, and {@code RateLimit-*}
 * on keyed calls) are declared on every response.</li>
 * </ul>
 * The base document supplies info, servers, security schemes and the shared error components.
 */
public final class OpenApiMerge {

    /** One service's document and the label used for its tag group and name prefixes. */
    public record Source(String label, Map<String, Object> document) {
    }

    static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    static final List<String> SECTIONS = List.of("schemas", "responses", "parameters", "examples", "requestBodies",
            "headers", "links", "callbacks");
    static final String REF_PREFIX = "#/components/";
    /** Error responses the gateway itself may answer on any operation (components/responses names). */
    public static final Map<String, String> GATEWAY_RESPONSES = Map.of(
            "401", "Unauthorized", "403", "Forbidden", "429", "TooManyRequests", "503", "ServiceUnavailable");
    /**
     * Schemas every service brings from common under these names, mapped to the base document's:
     * the suite has one problem schema, whatever each service's generator made of the record.
     */
    static final Map<String, String> SUITE_SCHEMAS = Map.of("Problem", "Problem", "FieldError", "ProblemFieldError",
            "ProblemFieldError", "ProblemFieldError");
    public static final String PROBLEM_MEDIA_TYPE = "application/problem+json";
    public static final String PROBLEM_REF = REF_PREFIX + "schemas/Problem";
    /** Headers (components/headers names) on every response, and on every response of a keyed call. */
    static final List<String> EVERY_RESPONSE_HEADERS = List.of("X-Request-Id");
    static final List<String> KEYED_RESPONSE_HEADERS = List.of("RateLimit-Limit", "RateLimit-Remaining",
            "RateLimit-Reset");

    private OpenApiMerge() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> merge(Map<String, Object> base, List<Source> sources) {
        Map<String, Object> merged = (Map<String, Object>) deepCopy(base);
        Map<String, Object> paths = child(merged, "paths");
        Map<String, Object> components = child(merged, "components");
        Set<String> operationIds = new HashSet<>();
        collectOperationIds(paths, operationIds);
        List<Object> tags = (List<Object>) merged.computeIfAbsent("tags", k -> new ArrayList<>());
        List<Object> tagGroups = (List<Object>) merged.computeIfAbsent("x-tagGroups", k -> new ArrayList<>());
        Set<String> knownTags = new HashSet<>();
        tags.forEach(t -> knownTags.add(String.valueOf(((Map<String, Object>) t).get("name"))));

        for (Source source : sources) {
            if (source.document().get("openapi") instanceof String version
                    && version.compareTo(String.valueOf(merged.get("openapi"))) > 0) {
                // One document, one version: the newest any source uses (3.1 schemas are not valid 3.0).
                merged.put("openapi", version);
            }
            Map<String, Object> doc = (Map<String, Object>) deepCopy(source.document());
            nullableReferences(doc);
            Map<String, String> renames = renameComponents(doc, components, source.label());
            rewriteRefs(doc, renames);
            addComponents(doc, components, renames);

            Set<String> groupTags = new java.util.LinkedHashSet<>();
            Map<String, Object> docPaths = (Map<String, Object>) doc.getOrDefault("paths", Map.of());
            for (var entry : docPaths.entrySet()) {
                String path = entry.getKey();
                if (!isPublic(path)) {
                    continue;
                }
                Map<String, Object> item = (Map<String, Object>) entry.getValue();
                for (String method : METHODS) {
                    Object op = item.get(method);
                    if (op instanceof Map<?, ?> operation) {
                        prepareOperation((Map<String, Object>) operation, method, path, source.label(), operationIds,
                                groupTags);
                    }
                }
                item.remove("servers");
                Map<String, Object> existing = (Map<String, Object>) paths.get(path);
                if (existing == null) {
                    paths.put(path, item);
                } else {
                    item.forEach(existing::putIfAbsent);
                }
            }
            for (Object t : (List<Object>) doc.getOrDefault("tags", List.of())) {
                Map<String, Object> tag = (Map<String, Object>) t;
                String name = String.valueOf(tag.get("name"));
                if (groupTags.contains(name) && knownTags.add(name)) {
                    tags.add(tag);
                }
            }
            for (String name : groupTags) {
                if (knownTags.add(name)) {
                    Map<String, Object> tag = new LinkedHashMap<>();
                    tag.put("name", name);
                    tag.put("description", source.label() + " operations");
                    tags.add(tag);
                }
            }
            if (!groupTags.isEmpty()) {
                Map<String, Object> group = new LinkedHashMap<>();
                group.put("name", source.label());
                group.put("tags", new ArrayList<>(groupTags));
                tagGroups.add(group);
            }
        }
        dropDanglingWebhooks(merged);
        pruneUnused(merged, Set.of());
        return merged;
    }

    /**
     * The base's webhooks describe payloads a service defines (a scored assessment): while that
     * service's document is missing, a webhook whose payload schema is not there is left out
     * rather than published with a reference to nothing.
     */
    @SuppressWarnings("unchecked")
    static void dropDanglingWebhooks(Map<String, Object> merged) {
        if (!(merged.get("webhooks") instanceof Map<?, ?> webhooks)) {
            return;
        }
        Map<String, Object> components = child(merged, "components");
        webhooks.values().removeIf(hook -> refs(hook).stream().anyMatch(ref -> {
            String key = ref.substring(REF_PREFIX.length());
            int slash = key.indexOf('/');
            return slash < 0 || !((Map<String, Object>) components.getOrDefault(key.substring(0, slash), Map.of()))
                    .containsKey(key.substring(slash + 1));
        }));
        if (webhooks.isEmpty()) {
            merged.remove("webhooks");
        }
    }

    /** Every {@code #/components/...} reference in a tree. */
    static List<String> refs(Object node) {
        List<String> found = new ArrayList<>();
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if ("$ref".equals(k) && v instanceof String s && s.startsWith(REF_PREFIX)) {
                    found.add(s);
                } else {
                    found.addAll(refs(v));
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(v -> found.addAll(refs(v)));
        }
        return found;
    }

    /**
     * Drops the components nothing public refers to (e.g. those only the dropped /internal paths
     * used, or a gateway error response every service already declares), following references
     * transitively from paths; {@code keep} names ({@code section/name}) stay regardless.
     */
    @SuppressWarnings("unchecked")
    static void pruneUnused(Map<String, Object> merged, Set<String> keep) {
        Map<String, Object> components = child(merged, "components");
        Set<String> used = new HashSet<>();
        java.util.ArrayDeque<Object> work = new java.util.ArrayDeque<>();
        merged.forEach((key, value) -> {
            if (!key.equals("components") && value != null) {
                work.push(value);
            }
        });
        while (!work.isEmpty()) {
            Object node = work.pop();
            if (node instanceof Map<?, ?> map) {
                map.values().stream().filter(Objects::nonNull).forEach(work::push);
            } else if (node instanceof List<?> list) {
                list.stream().filter(Objects::nonNull).forEach(work::push);
            } else if (node instanceof String ref && ref.startsWith(REF_PREFIX)) {
                String key = ref.substring(REF_PREFIX.length());
                int slash = key.indexOf('/');
                if (slash > 0 && used.add(key)) {
                    Object target = ((Map<String, Object>) components.getOrDefault(key.substring(0, slash), Map.of()))
                            .get(key.substring(slash + 1));
                    if (target != null) {
                        work.push(target);
                    }
                }
            }
        }
        for (String section : SECTIONS) {
            Object defs = components.get(section);
            if (defs instanceof Map<?, ?> map) {
                map.keySet().removeIf(name -> !used.contains(section + "/" + name) && !keep.contains(section + "/" + name));
                if (map.isEmpty()) {
                    components.remove(section);
                }
            }
        }
    }

    /**
     * A nullable reference is {@code anyOf: [{$ref}, {type: null}]}; SmallRye also writes the
     * referenced class's {@code type: object} beside it, which forbids the null the anyOf allows
     * (a null in a valid answer would fail validation). That sibling type is dropped.
     */
    @SuppressWarnings("unchecked")
    static void nullableReferences(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> schema = (Map<String, Object>) map;
            if (schema.get("anyOf") instanceof List<?> anyOf && schema.get("type") instanceof String
                    && anyOf.stream().anyMatch(s -> s instanceof Map<?, ?> m && "null".equals(m.get("type")))
                    && anyOf.stream().anyMatch(s -> s instanceof Map<?, ?> m && m.containsKey("$ref"))) {
                schema.remove("type");
            }
            schema.values().forEach(OpenApiMerge::nullableReferences);
        } else if (node instanceof List<?> list) {
            list.forEach(OpenApiMerge::nullableReferences);
        }
    }

    /** Paths a client may call through the gateway. */
    public static boolean isPublic(String path) {
        return path.startsWith("/api/") && !path.startsWith("/internal");
    }

    /** A valid component name: letters, digits, dot, dash and underscore only. */
    public static String sanitize(String name) {
        String clean = name.replaceAll("[^A-Za-z0-9._-]+", "");
        return clean.isEmpty() ? "Unnamed" : clean;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> renameComponents(Map<String, Object> doc, Map<String, Object> components,
            String label) {
        Map<String, String> renames = new HashMap<>();
        Map<String, Object> docComponents = (Map<String, Object>) doc.getOrDefault("components", Map.of());
        // First the names as they would be without collisions, so definitions compare equal across services.
        Map<String, Object> baseSchemas = (Map<String, Object>) components.getOrDefault("schemas", Map.of());
        for (String section : SECTIONS) {
            Map<String, Object> defs = (Map<String, Object>) docComponents.getOrDefault(section, Map.of());
            for (String name : defs.keySet()) {
                renames.put(section + "/" + name, suiteSchema(section, name, baseSchemas) != null
                        ? suiteSchema(section, name, baseSchemas) : sanitize(name));
            }
        }
        for (String section : SECTIONS) {
            Map<String, Object> defs = (Map<String, Object>) docComponents.getOrDefault(section, Map.of());
            Map<String, Object> existing = (Map<String, Object>) components.getOrDefault(section, Map.of());
            Set<String> taken = new HashSet<>(existing.keySet());
            for (var entry : defs.entrySet()) {
                if (suiteSchema(section, entry.getKey(), baseSchemas) != null) {
                    continue; // already renamed to the base's, whose definition stays
                }
                String candidate = sanitize(entry.getKey());
                Object rewritten = deepCopy(entry.getValue());
                rewriteRefs(rewritten, renames);
                if (taken.contains(candidate) && !Objects.equals(existing.get(candidate), rewritten)) {
                    // Another service may already have brought the same definition under a prefixed name.
                    String same = existing.entrySet().stream().filter(e -> Objects.equals(e.getValue(), rewritten))
                            .map(Map.Entry::getKey).findFirst().orElse(null);
                    if (same != null) {
                        renames.put(section + "/" + entry.getKey(), same);
                        continue;
                    }
                    String prefixed = sanitize(label) + candidate;
                    int n = 2;
                    while (taken.contains(prefixed) && !Objects.equals(existing.get(prefixed), rewritten)) {
                        prefixed = sanitize(label) + candidate + n++;
                    }
                    candidate = prefixed;
                }
                taken.add(candidate);
                renames.put(section + "/" + entry.getKey(), candidate);
            }
        }
        return renames;
    }

    /** The base document's name for a service's copy of a suite-wide schema, or null. */
    private static String suiteSchema(String section, String name, Map<String, Object> baseSchemas) {
        String target = section.equals("schemas") ? SUITE_SCHEMAS.get(name) : null;
        return target != null && baseSchemas.containsKey(target) ? target : null;
    }

    @SuppressWarnings("unchecked")
    private static void addComponents(Map<String, Object> doc, Map<String, Object> components,
            Map<String, String> renames) {
        Map<String, Object> docComponents = (Map<String, Object>) doc.getOrDefault("components", Map.of());
        for (String section : SECTIONS) {
            Map<String, Object> defs = (Map<String, Object>) docComponents.getOrDefault(section, Map.of());
            if (defs.isEmpty()) {
                continue;
            }
            Map<String, Object> target = child(components, section);
            // putIfAbsent: a suite-wide schema renamed to the base's keeps the base's definition.
            defs.forEach((name, def) -> target.putIfAbsent(renames.getOrDefault(section + "/" + name, name), def));
        }
    }

    @SuppressWarnings("unchecked")
    private static void prepareOperation(Map<String, Object> op, String method, String path, String label,
            Set<String> operationIds, Set<String> groupTags) {
        boolean webhook = path.startsWith("/api/v1/webhooks");
        if (webhook) {
            op.put("security", new ArrayList<>());
        } else {
            op.remove("security");
        }
        List<Object> tags = (List<Object>) op.get("tags");
        if (tags == null || tags.isEmpty()) {
            tags = new ArrayList<>(List.of(label));
            op.put("tags", tags);
        }
        tags.forEach(t -> groupTags.add(String.valueOf(t)));

        String id = op.get("operationId") instanceof String s && !s.isBlank() ? s : generatedId(method, path);
        String unique = id;
        if (operationIds.contains(unique)) {
            unique = Character.toLowerCase(label.charAt(0)) + sanitize(label).substring(1) + capitalise(id);
        }
        int n = 2;
        String candidate = unique;
        while (!operationIds.add(candidate)) {
            candidate = unique + n++;
        }
        op.put("operationId", candidate);
        if (!(op.get("summary") instanceof String summary) || summary.isBlank()) {
            op.put("summary", method.toUpperCase(Locale.ROOT) + " " + path);
        }
        Object params = op.get("parameters");
        if (params instanceof List<?> list) {
            // The identity header is the gateway's business, never the client's.
            list.removeIf(p -> p instanceof Map<?, ?> m && "header".equals(m.get("in"))
                    && "X-Flowlens-Identity".equalsIgnoreCase(String.valueOf(m.get("name"))));
            if (list.isEmpty()) {
                op.remove("parameters");
            }
        }
        Map<String, Object> responses = (Map<String, Object>) op.computeIfAbsent("responses",
                k -> new LinkedHashMap<>());
        // SmallRye copies a method's @Extension onto its responses object too: roles belong to the operation.
        responses.keySet().removeIf(key -> key.startsWith("x-flowlens-"));
        GATEWAY_RESPONSES.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            if (webhook && e.getKey().equals("403")) {
                // No key, no role to refuse: a bare generated 403 on a tracker's webhook goes.
                if (responses.get("403") instanceof Map<?, ?> own && !own.containsKey("content")) {
                    responses.remove("403");
                }
                return;
            }
            // A service's own answer for the status stays when it says something (a body); the bare
            // "Not Authorized" / "Not Allowed" SmallRye adds for @RolesAllowed gives way to the gateway's.
            if (!(responses.get(e.getKey()) instanceof Map<?, ?> own) || !own.containsKey("content")) {
                responses.put(e.getKey(), Map.of("$ref", REF_PREFIX + "responses/" + e.getValue()));
            }
        });
        for (var e : responses.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> r && !r.containsKey("$ref")) {
                Map<String, Object> response = (Map<String, Object>) r;
                if (isError(e.getKey())) {
                    problemBody(response);
                }
                Map<String, Object> headers = (Map<String, Object>) response.computeIfAbsent("headers",
                        k -> new LinkedHashMap<>());
                List<String> names = new ArrayList<>(EVERY_RESPONSE_HEADERS);
                // A key's rate limit is reported from authentication on: not on a 401, not on a tracker's webhook.
                if (!webhook && !e.getKey().equals("401")) {
                    names.addAll(KEYED_RESPONSE_HEADERS);
                }
                if (e.getKey().equals("429") || e.getKey().equals("503")) {
                    names.add("Retry-After");
                }
                names.forEach(name -> headers.putIfAbsent(name, Map.of("$ref", REF_PREFIX + "headers/" + name)));
            }
        }
    }

    static boolean isError(String status) {
        return status.startsWith("4") || status.startsWith("5") || status.equals("default");
    }

    /**
     * Every error is problem+json at runtime: an error response without that body gets it, and
     * one a service declared as {@code application/json} of the problem schema is moved to it.
     */
    @SuppressWarnings("unchecked")
    static void problemBody(Map<String, Object> response) {
        Map<String, Object> content = (Map<String, Object>) response.computeIfAbsent("content",
                k -> new LinkedHashMap<>());
        if (!content.containsKey(PROBLEM_MEDIA_TYPE)) {
            Object json = content.get("application/json");
            if (json instanceof Map<?, ?> m && m.get("schema") instanceof Map<?, ?> schema
                    && PROBLEM_REF.equals(schema.get("$ref"))) {
                content.remove("application/json");
                content.put(PROBLEM_MEDIA_TYPE, json);
            } else {
                content.put(PROBLEM_MEDIA_TYPE, new LinkedHashMap<>(Map.of("schema", Map.of("$ref", PROBLEM_REF))));
            }
        }
        Map<String, Object> media = (Map<String, Object>) content.get(PROBLEM_MEDIA_TYPE);
        if (!(media.get("schema") instanceof Map<?, ?> schema) || schema.isEmpty()) {
            media.put("schema", Map.of("$ref", PROBLEM_REF));
        }
    }

    /** {@code get /api/v1/value-streams/{id}/metrics} becomes {@code getValueStreamsIdMetrics}. */
    static String generatedId(String method, String path) {
        StringBuilder sb = new StringBuilder(method.toLowerCase(Locale.ROOT));
        String rest = path.startsWith(RouteTable.API_PREFIX) ? path.substring(RouteTable.API_PREFIX.length()) : path;
        for (String part : rest.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                sb.append(capitalise(part));
            }
        }
        return sb.toString();
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    @SuppressWarnings("unchecked")
    private static void collectOperationIds(Map<String, Object> paths, Set<String> ids) {
        for (Object item : paths.values()) {
            if (item instanceof Map<?, ?> m) {
                for (String method : METHODS) {
                    if (m.get(method) instanceof Map<?, ?> op && op.get("operationId") instanceof String id) {
                        ids.add(id);
                    }
                }
            }
        }
    }

    /** Rewrites every {@code #/components/<section>/<name>} reference whose name was changed. */
    @SuppressWarnings("unchecked")
    static void rewriteRefs(Object node, Map<String, String> renames) {
        if (node instanceof Map<?, ?> map) {
            for (var entry : ((Map<String, Object>) map).entrySet()) {
                if (entry.getValue() instanceof String s && s.startsWith(REF_PREFIX)) {
                    entry.setValue(rewrite(s, renames));
                } else {
                    rewriteRefs(entry.getValue(), renames);
                }
            }
        } else if (node instanceof List<?> list) {
            for (Object item : list) {
                rewriteRefs(item, renames);
            }
        }
    }

    private static String rewrite(String ref, Map<String, String> renames) {
        String rest = ref.substring(REF_PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return ref;
        }
        String section = rest.substring(0, slash);
        String name = rest.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        String renamed = renames.get(section + "/" + name);
        return renamed == null ? ref : REF_PREFIX + section + "/" + renamed;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.computeIfAbsent(key, k -> new LinkedHashMap<>());
    }

    /** A mutable deep copy of a tree of maps and lists. */
    @SuppressWarnings("unchecked")
    public static Object deepCopy(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((k, v) -> copy.put(k, deepCopy(v)));
            return copy;
        }
        if (node instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(deepCopy(v)));
            return copy;
        }
        return node;
    }
}
