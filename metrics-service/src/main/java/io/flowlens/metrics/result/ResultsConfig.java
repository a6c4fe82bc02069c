package io.flowlens.metrics.result;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Tunables of business results ({@code flowlens.metrics.results.*}). */
@ConfigMapping(prefix = "flowlens.metrics.results")
public interface ResultsConfig {

    /** Most points one upload may hold; more is a 413 and nothing is imported (default 50,000). */
    @WithDefault("50000")
    int importMaxPoints();
}
