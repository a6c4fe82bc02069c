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

    /** How ingestion's item events arrive besides {@code POST /internal/v1/item-events}. */
    ItemEvents itemEvents();

    /** How assessment-service's scored assessments arrive besides {@code POST /internal/v1/assessment-events}. */
    AssessmentEvents assessmentEvents();

    interface AssessmentEvents {
        /** The Kafka transport (deploy/README.md, "Kafka"). */
        AssessmentKafka kafka();
    }

    interface AssessmentKafka {
        /** Consume the assessment-events topic ({@code FLOWLENS_KAFKA_ASSESSMENT_EVENTS}; off by default: HTTP). */
        @WithDefault("false")
        boolean enabled();

        /** Brokers to bootstrap from ({@code FLOWLENS_KAFKA_BOOTSTRAP_SERVERS}). */
        @WithDefault("127.0.0.1:9092")
        String bootstrapServers();

        /** The topic assessment-service publishes to, partitioned by tenant. */
        @WithDefault("flowlens.assessment-events")
        String topic();

        /** Where events metrics refuses as invalid are set aside, with the reasons in a header. */
        @WithDefault("flowlens.assessment-events.refused")
        String refusedTopic();

        /**
         * The consumer group: every replica of metrics joins it. A group of its own, apart from the
         * item events' one, so a rebalance of either never pauses the other.
         */
        @WithDefault("flowlens-metrics-assessment-events")
        String group();

        /** Records applied per transaction at most (never more than the HTTP contract's 500). */
        @WithDefault("500")
        int maxPollRecords();

        /** Longest pause between retries while the database or the broker fails. */
        @WithDefault("30s")
        java.time.Duration maxBackoff();

        /**
         * How long the group waits for a replica that stopped answering (killed, partitioned)
         * before its partitions go to the others: the broker's 45 s default would hold the events
         * of those partitions' tenants that long after a crash. A replica that stops cleanly
         * leaves at once.
         */
        @WithDefault("10s")
        java.time.Duration sessionTimeout();
    }

    interface ItemEvents {
        /** The Kafka transport (deploy/README.md, "Kafka"). */
        Kafka kafka();
    }

    interface Kafka {
        /** Consume the item-events topic ({@code FLOWLENS_KAFKA_ITEM_EVENTS}; off by default: HTTP). */
        @WithDefault("false")
        boolean enabled();

        /** Brokers to bootstrap from ({@code FLOWLENS_KAFKA_BOOTSTRAP_SERVERS}). */
        @WithDefault("127.0.0.1:9092")
        String bootstrapServers();

        /** The topic ingestion publishes to, partitioned by tenant. */
        @WithDefault("flowlens.item-events")
        String topic();

        /** Where events metrics refuses as invalid are set aside, with the reasons in a header. */
        @WithDefault("flowlens.item-events.refused")
        String refusedTopic();

        /** The consumer group: every replica of metrics joins it, and the partitions are shared out. */
        @WithDefault("flowlens-metrics")
        String group();

        /** Records applied per transaction at most (never more than the HTTP contract's 1,000). */
        @WithDefault("500")
        int maxPollRecords();

        /** Longest pause between retries while the database or the broker fails. */
        @WithDefault("30s")
        java.time.Duration maxBackoff();

        /**
         * How long the group waits for a replica that stopped answering (killed, partitioned)
         * before its partitions go to the others: the broker's 45 s default would hold the events
         * of those partitions' tenants that long after a crash. A replica that stops cleanly
         * leaves at once.
         */
        @WithDefault("10s")
        java.time.Duration sessionTimeout();
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
