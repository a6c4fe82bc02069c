package io.flowlens.ingestion.job;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Who runs jobs and how a job left behind by a stopped process is recognised. */
@ConfigMapping(prefix = "flowlens.ingestion.jobs")
public interface JobsConfig {

    /**
     * This replica's name, stable across its restarts (default: the host name). Jobs record it:
     * at start-up a replica fails the jobs its previous process left unfinished. Replicas that
     * share a host need distinct names.
     */
    Optional<String> replica();

    /** How often a running job's heartbeat is written, and abandoned jobs are looked for. */
    @WithDefault("10s")
    Duration heartbeatInterval();

    /** A job whose heartbeat is older than this belongs to a process that stopped: it is failed. */
    @WithDefault("60s")
    Duration abandonedAfter();
}
