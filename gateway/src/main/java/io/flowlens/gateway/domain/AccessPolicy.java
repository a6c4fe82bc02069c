package io.flowlens.gateway.domain;

import java.util.Set;

/**
 * The gateway's coarse role rules, by method and route; each service enforces its own finer
 * rules as well. Readers only read; members write to ingestion and metrics (connections,
 * mappings, imports, value streams); partners write to assessment (organisations,
 * assessments); admins do everything within their tenant; the platform key operates the
 * platform and is passed on for the services to decide.
 */
public final class AccessPolicy {

    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private AccessPolicy() {
    }

    public enum Decision { ALLOW, FORBID }

    public static boolean isRead(String method) {
        return READ_METHODS.contains(method);
    }

    public static Decision decide(String role, String method, Upstream upstream) {
        if (role == null) {
            return Decision.FORBID;
        }
        if (upstream == Upstream.GATEWAY) {
            // Tenants and keys: the gateway's own resources check roles themselves.
            return Decision.ALLOW;
        }
        return switch (role) {
            case "admin", "platform" -> Decision.ALLOW;
            case "reader" -> isRead(method) ? Decision.ALLOW : Decision.FORBID;
            case "member" -> isRead(method) || upstream == Upstream.INGESTION || upstream == Upstream.METRICS
                    ? Decision.ALLOW : Decision.FORBID;
            case "partner" -> isRead(method) || upstream == Upstream.ASSESSMENT ? Decision.ALLOW : Decision.FORBID;
            default -> Decision.FORBID;
        };
    }

    /** Why a role may not make a call, for the 403 problem's detail. */
    public static String refusal(String role, String method, Upstream upstream) {
        return "role '" + role + "' may not " + method + " on " + upstream.serviceName() + " resources"
                + switch (role) {
                    case "reader" -> " (readers only read)";
                    case "member" -> " (members manage connections, mappings, imports and value streams)";
                    case "partner" -> " (partners manage organisations and assessments)";
                    default -> "";
                };
    }
}
