package io.flowlens.metrics.paging;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a cursor-paginated list (docs/contracts.md, "Lists"). */
public record Page<T>(List<T> items,
        @Schema(description = "Opaque cursor of the next page; null on the last page") String nextCursor) {
}
