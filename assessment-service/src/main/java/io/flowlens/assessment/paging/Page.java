package io.flowlens.assessment.paging;

import java.util.List;

/** A page of a list (contracts.md): the items and the cursor of the next page, or null at the end. */
public record Page<T>(List<T> items, String nextCursor) {
}
