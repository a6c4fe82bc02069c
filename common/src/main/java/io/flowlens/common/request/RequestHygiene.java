package io.flowlens.common.request;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.flowlens.common.problem.ApiException;

/**
 * What every request must be before a resource sees it: no control character (NUL, CR, LF...)
 * in a path or query parameter, which PostgreSQL refuses and logs would print, and a declared
 * Content-Type on an operation that reads JSON, so a body is never read as something it was not
 * said to be. Runs after matching, so the offending parameter is named as the API names it.
 */
public class RequestHygiene {

    private final Map<Method, Boolean> jsonOnly = new ConcurrentHashMap<>();

    @ServerRequestFilter
    public void refuseControlCharacters(UriInfo uri) {
        check(uri.getPathParameters());
        check(uri.getQueryParameters());
    }

    @ServerRequestFilter
    public void requireContentType(ContainerRequestContext request, ResourceInfo resource) {
        if (request.getHeaderString(HttpHeaders.CONTENT_TYPE) != null || resource.getResourceMethod() == null) {
            return;
        }
        if (jsonOnly.computeIfAbsent(resource.getResourceMethod(), RequestHygiene::consumesOnlyDeclaredTypes)) {
            throw new WebApplicationException(415);
        }
    }

    private static void check(Map<String, List<String>> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            if (hasControlCharacter(parameter.getKey())) {
                throw ApiException.badParameter(ControlCharacters.escape(parameter.getKey()),
                        "a parameter name must not contain control characters");
            }
            for (String value : parameter.getValue()) {
                if (hasControlCharacter(value)) {
                    throw ApiException.badParameter(parameter.getKey(),
                            "must not contain control characters (such as %00 or %0A)");
                }
            }
        }
    }

    static boolean hasControlCharacter(String s) {
        return s != null && ControlCharacters.present(s);
    }

    /** An operation declaring what it reads, none of which is "anything" (webhooks read any body). */
    static boolean consumesOnlyDeclaredTypes(Method method) {
        Consumes consumes = method.getAnnotation(Consumes.class);
        if (consumes == null || consumes.value().length == 0) {
            return false;
        }
        return Arrays.stream(consumes.value())
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::trim)
                .noneMatch(type -> MediaType.valueOf(type).isWildcardType()
                        || MediaType.APPLICATION_OCTET_STREAM_TYPE.isCompatible(MediaType.valueOf(type)));
    }
}
