package io.flowlens.assessment.paging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import io.flowlens.common.problem.ApiException;

/** An opaque keyset cursor: the sort instant and id of the last item of a page. */
public record Cursor(Instant at, UUID id) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    /** Every instant this service stores lies well within these; PostgreSQL's range is wider but finite. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((at.toString() + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a caller sent back, or null for the first page; 400 naming {@code cursor} when forged. */
    public static Cursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        Cursor decoded;
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            decoded = new Cursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw ApiException.badParameter("cursor", "not a cursor this service issued");
        }
        // A forged instant PostgreSQL cannot hold (year -290000) would fail the query, not the caller.
        if (decoded.at().isBefore(EARLIEST) || decoded.at().isAfter(LATEST)) {
            throw ApiException.badParameter("cursor", "not a cursor this service issued");
        }
        return decoded;
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
