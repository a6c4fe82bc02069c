package io.flowlens.gateway.domain;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which browser origins may call the gateway, decided as Quarkus' CORS filter decides
 * ({@code quarkus.http.cors.origins}: exact origins, {@code *}, or {@code /regex/}; the gateway's
 * own origin always), so the gateway can refuse the others itself with a problem+json answer
 * (Quarkus' filter refuses with an empty 403). Quarkus' filter still adds the CORS headers to
 * what is allowed.
 */
public final class CorsOrigins {

    private final boolean any;
    private final Set<String> exact;
    private final List<Pattern> patterns;

    public CorsOrigins(List<String> configured) {
        this.any = configured.stream().anyMatch(o -> o.trim().equals("*"));
        this.exact = configured.stream().map(String::trim).filter(o -> !isPattern(o))
                .map(o -> o.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());
        this.patterns = configured.stream().map(String::trim).filter(CorsOrigins::isPattern)
                .map(o -> Pattern.compile(o.substring(1, o.length() - 1))).toList();
    }

    private static boolean isPattern(String origin) {
        return origin.length() > 2 && origin.startsWith("/") && origin.endsWith("/");
    }

    /** Whether a request from {@code origin}, sent to the gateway as {@code host} (Host header), is allowed. */
    public boolean allows(String origin, String host) {
        if (any || exact.contains(origin.toLowerCase(Locale.ROOT)) || sameOrigin(origin, host)) {
            return true;
        }
        for (Pattern pattern : patterns) {
            if (pattern.matcher(origin).matches()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The page was served by the gateway itself (Swagger UI): its origin names the host the
     * request is sent to. Schemes are not compared: behind a TLS-terminating proxy the gateway
     * sees http while the page is https.
     */
    static boolean sameOrigin(String origin, String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            if (uri.getHost() == null || uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
                return false;
            }
            int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            String requestHost = host;
            int requestPort = -1;
            int colon = host.lastIndexOf(':');
            if (colon > 0 && host.indexOf(']') < colon) {
                requestHost = host.substring(0, colon);
                try {
                    requestPort = Integer.parseInt(host.substring(colon + 1));
                } catch (NumberFormatException e) {
                    return false;
                }
            }
            return uri.getHost().equalsIgnoreCase(requestHost) && (requestPort < 0 ? port == 80 || port == 443
                    : requestPort == port);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
