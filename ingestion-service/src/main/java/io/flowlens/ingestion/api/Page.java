package io.flowlens.ingestion.api;

import java.util.List;

/** One page of a list (docs/contracts.md): the items and the cursor of the next page, or null. */
public record Page<T>(List<T> items, String nextCursor) {
}
