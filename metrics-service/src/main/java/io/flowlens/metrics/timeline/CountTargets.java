package io.flowlens.metrics.timeline;

import java.util.List;

/** Where a batch adds its day deltas: every ready zone of the tenant and every ready label-narrowed stream. */
public record CountTargets(List<String> zones, List<CountedStream> streams) {
}
