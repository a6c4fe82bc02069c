package io.flowlens.gateway.domain;

import java.util.Map;

/**
 * Which service owns a public path, by its first segment after {@code /api/v1/}
 * (docs/contracts.md). {@code /internal/...} and unknown prefixes have no route.
 */
public final class RouteTable {

    public static final String API_PREFIX = "/api/v1/";

    /** A routed request: its upstream, the owning prefix (for per-route settings) and whether it is a tracker webhook. */
    public record Route(Upstream upstream, String prefix, boolean webhook) {
    }

    private static final Map<String, Upstream> PREFIXES = Map.ofEntries(
            Map.entry("tenants", Upstream.GATEWAY),
            Map.entry("connections", Upstream.INGESTION),
            Map.entry("webhooks", Upstream.INGESTION),
            Map.entry("items", Upstream.INGESTION),
            Map.entry("imports", Upstream.INGESTION),
            Map.entry("jobs", Upstream.INGESTION),
            Map.entry("value-streams", Upstream.METRICS),
            Map.entry("portfolio", Upstream.METRICS),
            Map.entry("result-categories", Upstream.METRICS),
            Map.entry("questionnaires", Upstream.ASSESSMENT),
            Map.entry("organisations", Upstream.ASSESSMENT),
            Map.entry("assessments", Upstream.ASSESSMENT),
            Map.entry("partner-webhooks", Upstream.ASSESSMENT),
            Map.entry("reliability", Upstream.ASSESSMENT));

    /** One route per prefix, made once: a call is routed by one map lookup, without allocating. */
    private static final Map<String, Route> ROUTES = PREFIXES.entrySet().stream().collect(
            java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey,
                    e -> new Route(e.getValue(), e.getKey(), e.getKey().equals("webhooks"))));

    private RouteTable() {
    }

    /** The route of a path, or null when no service owns it (called per request: no Optional). */
    public static Route find(String path) {
        if (path == null || !path.startsWith(API_PREFIX) || path.contains("/../") || path.endsWith("/..")) {
            return null;
        }
        int start = API_PREFIX.length();
        int end = path.indexOf('/', start);
        return ROUTES.get(end < 0 ? path.substring(start) : path.substring(start, end));
    }

    /**
     * Whether a path is a connection's import ({@code /api/v1/connections/{id}/imports}): the one
     * route whose bodies (a tracker's whole history) may be gigabytes, streamed to ingestion.
     */
    public static boolean isImport(String path) {
        String start = API_PREFIX + "connections/";
        if (path == null || !path.startsWith(start)) {
            return false;
        }
        int end = path.endsWith("/") ? path.length() - 1 : path.length();
        int slash = path.indexOf('/', start.length());
        return slash > start.length() && path.regionMatches(slash, "/imports", 0, 8) && slash + 8 == end;
    }

    /** The prefixes a service owns, for documentation and tests. */
    public static java.util.List<String> prefixesOf(Upstream upstream) {
        return PREFIXES.entrySet().stream().filter(e -> e.getValue() == upstream).map(Map.Entry::getKey).sorted()
                .toList();
    }
}
