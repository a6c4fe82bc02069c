package io.flowlens.metrics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Tunables of the metrics service ({@code flowlens.metrics.*}). */
@ConfigMapping(prefix = "flowlens.metrics")
public interface MetricsConfig {

    /**
     * The database password, required: the datasource's own property is optional, so without
     * {@code FLOWLENS_DB_PASSWORD} a packaged service would start with an empty password (and work
     * wherever PostgreSQL trusts the host). Required here, the configuration check refuses to
     * start before anything connects, naming the variable. Never read by code.
     */
    @WithName("required.database-password")
    String requiredDatabasePassword();


    /** Forecast settings. */
    Forecast forecast();

    /** Window settings. */
    Windows window();

    /** Aging settings. */
    Aging aging();

    /** Back-fill settings. */
    Backfill backfill();

    /** Start-up settings. */
    WarmUp warmUp();

    interface WarmUp {
        /**
         * Whether the service runs value stream creation once at start, in a transaction that is
         * rolled back, so the first caller's creation is not the one that opens connections and
         * loads and compiles the code (default true).
         */
        @WithDefault("true")
        boolean enabled();
    }

    /**
     * The Kafka transport of item and assessment events (deploy/README.md, "Kafka"); its channels'
     * settings are {@code mp.messaging.*} in application.properties.
     */
    Kafka kafka();

    interface Kafka {
        /**
         * Longest pause between attempts at a batch while the database fails: the batch is
         * retried until it commits, never set aside, and its offsets wait meanwhile.
         */
        @WithDefault("30s")
        java.time.Duration maxBackoff();
    }

    interface Backfill {
        /** Items per transaction of a zone's back-fill: a tenant's item batches wait for one chunk at most (default 5,000). */
        @WithDefault("5000")
        int chunkItems();
    }

    interface Forecast {
        /** Days of daily throughput history a forecast draws from (default 90). */
        @WithDefault("90")
        int historyDays();

        /** Simulated futures per forecast (default 10,000). */
        @WithDefault("10000")
        int trials();

        /** Upper bound a caller may ask for with {@code trials=} (default 100,000). */
        @WithDefault("100000")
        int maxTrials();
    }

    interface Windows {
        /** Window length when {@code from} is omitted, in days (default 90). */
        @WithDefault("90")
        int defaultDays();

        /** Longest window accepted, in years (default 5). */
        @WithDefault("5")
        int maxYears();
    }

    interface Aging {
        /** Completions of how many recent days give the percentiles beside the ages (default 90). */
        @WithDefault("90")
        int recentDays();
    }
}
