package io.flowlens.ingestion.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import io.flowlens.common.problem.ApiException;

/** Opaque cursors over id-ordered lists, and the shared limit rules (default 50, max 500). */
public final class Cursors {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    private Cursors() {
    }

    public static String encode(UUID lastId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastId.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The id after which the page starts; null for the first page; 400 for a cursor we did not issue. */
    public static UUID decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter("cursor", "is not a cursor this service issued");
        }
    }

    public static int limit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badParameter("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }
}
