package io.flowlens.ingestion.raw;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long the raw layer (webhook bodies, import files) is kept, and where imports are spooled. */
@ConfigMapping(prefix = "flowlens.ingestion.raw")
public interface RawLayerConfig {

    /**
     * How long raw webhook bodies and import files are kept after they were received. Empty (the
     * default): until their connection or tenant is erased, so a replay can always rebuild
     * everything. With a retention, a replay rebuilds what is still kept and leaves the facts of
     * purged records as they are.
     */
    Optional<Duration> retention();

    /** How often purged raw data is looked for (only with a retention). */
    @WithDefault("1h")
    Duration purgeInterval();

    /**
     * Directory for import bodies while they are validated and written (default: the system's
     * temporary directory); each replica spools into its own sub-directory, named after the
     * replica, and empties it at start-up.
     */
    Optional<String> spoolDirectory();

    /** Bytes of compressed file per stored chunk (1 MiB). */
    @WithDefault("1048576")
    int chunkBytes();
}
