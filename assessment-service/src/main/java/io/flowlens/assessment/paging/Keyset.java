package io.flowlens.assessment.paging;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import io.quarkus.panache.common.Sort;

/**
 * One page of a newest-first list ordered by an instant and the id: the page size, the
 * condition that continues after the cursor, and the cursor of the next page.
 */
public record Keyset(int size, Cursor after) {

    public static Keyset of(Integer limit, String cursor) {
        return new Keyset(Cursor.limit(limit), Cursor.decode(cursor));
    }

    /** {@code base} (with positional parameters ?1..?n, n = {@code baseParams}) narrowed to after the cursor. */
    public String where(String base, int baseParams, String atField) {
        if (after == null) {
            return base;
        }
        int at = baseParams + 1;
        return base + " and (" + atField + " < ?" + at + " or (" + atField + " = ?" + at + " and id < ?" + (at + 1) + "))";
    }

    public Object[] params(Object... base) {
        if (after == null) {
            return base;
        }
        Object[] all = Arrays.copyOf(base, base.length + 2);
        all[base.length] = after.at();
        all[base.length + 1] = after.id();
        return all;
    }

    public static Sort newestFirst(String atField) {
        return Sort.descending(atField, "id");
    }

    /** The next page's cursor: null when this page was not full. */
    public <E> String next(List<E> rows, Function<E, Instant> at, Function<E, UUID> id) {
        if (rows.size() < size) {
            return null;
        }
        E last = rows.get(rows.size() - 1);
        return new Cursor(at.apply(last), id.apply(last)).encode();
    }
}
