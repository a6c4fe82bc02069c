package io.flowlens.gateway.openapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.flowlens.common.problem.ProblemSchema;
import io.flowlens.gateway.config.GatewayConfig;

/**
 * The gateway's part of the merged document: info, server, security schemes (API key as bearer
 * or X-API-Key header, OIDC when configured) applied globally, and the problem+json error
 * responses every operation may get from the gateway itself.
 */
final class OpenApiBase {

    private OpenApiBase() {
    }

    static Map<String, Object> build(GatewayConfig config) {
        Map<String, Object> doc = new LinkedHashMap<>();
        // 3.1: the services' SmallRye documents are 3.1, and 3.1 has the `webhooks` section for what we send partners.
        doc.put("openapi", "3.1.0");
        doc.put("info", map(
                "title", "Flowlens API",
                "version", "1.0.0",
                "description", "Value-stream (Flow Framework) metrics and customer-centricity assessments, one API.\n\n"
                        + "Authenticate with an API key: `Authorization: Bearer <key>` or `X-API-Key: <key>` "
                        + "(or an OIDC access token as bearer, when enabled). Tracker webhooks need no key: their "
                        + "signature is their authentication. Errors are RFC 9457 `application/problem+json`. "
                        + "Every response carries `X-Request-Id`; rate limits are reported in `RateLimit-*` headers.\n\n"
                        + "Documentation in the repository's `docs/` folder: `api-guide.md` (keys and roles, "
                        + "pagination, errors, idempotency, rate limits, webhooks, versioning), `flow-metrics.md` "
                        + "(what every flow figure means and how it is computed) and `assessment-model.md` "
                        + "(questionnaires, scoring, levels, benchmarks, recommendations).",
                "contact", map("name", "Flowlens", "url", "https://flowlens.io"),
                "license", map("name", "Apache 2.0", "url", "https://www.apache.org/licenses/LICENSE-2.0")));
        doc.put("servers", List.of(map("url", config.openapi().serverUrl(), "description", "Flowlens gateway")));

        Map<String, Object> schemes = new LinkedHashMap<>();
        schemes.put("bearer", map("type", "http", "scheme", "bearer",
                "description", "An API key (flk_...) or, when enabled, an OIDC access token"));
        schemes.put("apiKeyHeader", map("type", "apiKey", "in", "header", "name", "X-API-Key",
                "description", "An API key (flk_...)"));
        List<Object> security = new ArrayList<>(List.of(map("bearer", List.of()), map("apiKeyHeader", List.of())));
        if (config.oidc().enabled() && config.oidc().issuer().isPresent()) {
            schemes.put("oidc", map("type", "openIdConnect", "openIdConnectUrl",
                    config.oidc().issuer().get().replaceAll("/$", "") + "/.well-known/openid-configuration"));
            security.add(map("oidc", List.of()));
        }
        doc.put("security", security);
        doc.put("tags", new ArrayList<>());
        doc.put("paths", new LinkedHashMap<>());

        // The suite's one Problem, exactly as every service's document has it (common's ProblemSchema),
        // so the merge keeps one instead of renaming the services' to IngestionProblem.
        Map<String, Object> problem = ProblemSchema.problem();
        Map<String, Object> fieldError = ProblemSchema.fieldError();

        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put("BadRequest", problemResponse("The request is malformed or invalid; `errors` names each field",
                "validation", "Request is not valid", 400, "/name: must not be blank", null));
        responses.put("Unauthorized", problemResponse("No valid API key or token", "unauthorized", "Unauthorized", 401,
                "this call needs an API key (Authorization: Bearer <key> or X-API-Key: <key>) or a bearer token", null));
        responses.put("Forbidden", problemResponse("The caller's role does not allow this call", "forbidden",
                "Forbidden", 403, "role 'reader' may not POST on ingestion-service resources (readers only read)", null));
        responses.put("NotFound", problemResponse("No such resource for this tenant", "not-found", "Not found", 404,
                "tenant 3f0c2a7e does not exist", null));
        responses.put("Conflict", problemResponse("The resource's state does not allow this", "conflict", "Conflict",
                409, "API key 6d1f9a3e is revoked; create a new one", null));
        responses.put("TooManyRequests", problemResponse("This key's rate limit is exhausted", "rate-limited",
                "Too many requests", 429, "this key may send 200 requests at once, refilled continuously; retry in 1 s",
                map("Retry-After", header("Seconds until a request will be accepted"),
                        "RateLimit-Limit", header("Bucket size of this key"),
                        "RateLimit-Remaining", header("Requests left now"),
                        "RateLimit-Reset", header("Seconds until the bucket is full again"))));
        responses.put("ServiceUnavailable", problemResponse("The service owning this path is down", "service-unavailable",
                "Service unavailable", 503, "metrics-service is not reachable (connection refused)",
                map("Retry-After", header("Seconds until the gateway tries the service again"))));
        // What every answer carries (X-Request-Id) and what every keyed answer carries (RateLimit-*).
        for (var entry : responses.entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> headers = (Map<String, Object>) ((Map<String, Object>) entry.getValue())
                    .computeIfAbsent("headers", k -> new LinkedHashMap<>());
            Map<String, Object> refs = new LinkedHashMap<>();
            refs.put("X-Request-Id", ref("X-Request-Id"));
            if (!entry.getKey().equals("Unauthorized") && !entry.getKey().equals("ServiceUnavailable")) {
                for (String name : List.of("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset")) {
                    refs.put(name, ref(name));
                }
            }
            headers.keySet().forEach(name -> refs.put(name, ref(name)));
            headers.clear();
            headers.putAll(refs);
        }
        Map<String, Object> headerDefs = new LinkedHashMap<>();
        headerDefs.put("X-Request-Id", map("description", "This request's id: the caller's own `X-Request-Id` when it"
                + " sent a valid one, else a new one. Logged by every service; quote it when reporting a problem.",
                "schema", map("type", "string", "maxLength", 128, "example", "0f6c2b1a9d3e4f5a8b7c6d5e4f3a2b1c")));
        headerDefs.put("RateLimit-Limit", header("Requests this key may send at once (its token bucket's size)"));
        headerDefs.put("RateLimit-Remaining", header("Requests this key may still send now"));
        headerDefs.put("RateLimit-Reset", header("Seconds until this key's bucket is full again"));
        headerDefs.put("Retry-After", header("Seconds to wait before sending the request again"));
        doc.put("components", map(
                "schemas", map(ProblemSchema.NAME, problem, ProblemSchema.FIELD_ERROR_NAME, fieldError),
                "responses", responses,
                "headers", headerDefs,
                "securitySchemes", schemes));
        doc.put("webhooks", PartnerWebhooks.webhooks());
        return doc;
    }

    private static Map<String, Object> ref(String header) {
        return map("$ref", "#/components/headers/" + header);
    }

    private static Map<String, Object> problemResponse(String description, String type, String title, int status,
            String detail, Map<String, Object> headers) {
        Map<String, Object> example = map("type", "https://flowlens.io/problems/" + type, "title", title,
                "status", status, "detail", detail);
        Map<String, Object> response = map("description", description, "content", map("application/problem+json",
                map("schema", map("$ref", "#/components/schemas/Problem"), "example", example)));
        if (headers != null) {
            response.put("headers", headers);
        }
        return response;
    }

    private static Map<String, Object> header(String description) {
        return map("description", description, "schema", map("type", "integer", "minimum", 0, "example", 1));
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            map.put((String) kv[i], kv[i + 1]);
        }
        return map;
    }
}
