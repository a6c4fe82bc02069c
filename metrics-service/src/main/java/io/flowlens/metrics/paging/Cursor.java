package io.flowlens.metrics.paging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import io.flowlens.common.problem.ApiException;

/**
 * An opaque position in a list ordered by (instant, id): base64url of "epochMicros|id".
 * A cursor that does not decode is the caller's mistake: 400 naming {@code cursor}.
 */
public record Cursor(Instant at, String id) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public String encode() {
        long micros = at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** Null for a null or empty cursor (the first page). */
    public static Cursor decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            long micros = Long.parseLong(raw.substring(0, bar));
            return new Cursor(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                    Math.floorMod(micros, 1_000_000L) * 1_000L), raw.substring(bar + 1));
        } catch (RuntimeException e) {
            throw ApiException.badParameter("cursor", "not a cursor this list issued");
        }
    }

    /** The page size: default 50, 1..500. */
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
