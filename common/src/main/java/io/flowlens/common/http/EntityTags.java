package io.flowlens.common.http;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code ETag}, {@code If-None-Match} and {@code Cache-Control} for {@link Revalidated} reads.
 * <p>
 * The tag is a SHA-256 of the answer's JSON (the one the client would get), so it changes exactly
 * when the answer does, whatever changed it; the CSV of the same answer has its own tag (suffix
 * {@code -csv}). It is a weak validator ({@code W/"..."}): the services gzip large answers, and a
 * strong tag would have to differ per content coding; weak comparison is all {@code If-None-Match}
 * uses. {@code private} because an answer is one tenant's; {@code no-cache} because ingestion may
 * change it any second, so a cache must ask again, and the 304 makes asking cheap. The JSON written
 * for the tag is the one sent, so the answer is serialised once.
 */
@Provider
@Revalidated
public class EntityTags implements ContainerResponseFilter {

    public static final String CACHE_CONTROL = "private, no-cache";

    @Inject
    ObjectMapper mapper;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) throws IOException {
        String method = request.getMethod();
        if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
            return;
        }
        response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
        response.getHeaders().add(HttpHeaders.VARY, HttpHeaders.ACCEPT);
        if (response.getStatus() != 200 || !response.hasEntity()) {
            return;
        }
        MediaType type = response.getMediaType();
        boolean json = type == null || type.isCompatible(MediaType.APPLICATION_JSON_TYPE);
        byte[] body = mapper.writeValueAsBytes(response.getEntity());
        String tag = "W/\"" + digest(body) + (json ? "" : "-" + type.getSubtype()) + "\"";
        response.getHeaders().putSingle(HttpHeaders.ETAG, tag);
        if (matches(request.getHeaders().get(HttpHeaders.IF_NONE_MATCH), tag)) {
            response.setStatus(304);
            response.setEntity(null);
            response.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
            return;
        }
        if (json) {
            response.setEntity(body, response.getEntityAnnotations(), MediaType.APPLICATION_JSON_TYPE);
        }
    }

    /** Whether an If-None-Match header (any number of them, each a list) names the tag, weakly compared, or is *. */
    static boolean matches(List<String> ifNoneMatch, String tag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String opaque = opaque(tag);
        for (String header : ifNoneMatch) {
            for (String candidate : header.split(",")) {
                String c = candidate.trim();
                if (c.equals("*") || (!c.isEmpty() && opaque(c).equals(opaque))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    static String digest(byte[] body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
            // 128 bits are plenty to tell two answers apart, and keep the header short.
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(hash, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
