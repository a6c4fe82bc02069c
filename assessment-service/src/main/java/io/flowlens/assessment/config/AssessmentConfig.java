package io.flowlens.assessment.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The assessment service's own settings (prefix {@code flowlens.assessment}). */
@ConfigMapping(prefix = "flowlens.assessment")
public interface AssessmentConfig {

    Benchmark benchmark();

    Idempotency idempotency();

    Webhooks webhooks();

    Reliability reliability();

    Feed feed();

    /**
     * The database password, required: the datasource's own property is optional, so without
     * {@code FLOWLENS_DB_PASSWORD} a packaged service would start with an empty password (and work
     * wherever PostgreSQL trusts the host). Required here, the configuration check refuses to
     * start before anything connects, naming the variable. Never read by code.
     */
    @WithName("required.database-password")
    String requiredDatabasePassword();

    interface Benchmark {
        /** Fewest organisations other than the one benchmarked for a cohort to be shown. */
        @WithDefault("10")
        int minimumOthers();

        /** How often the in-memory cohort index is rebuilt from the database, healing missed changes. */
        @WithDefault("10m")
        Duration fullReload();
    }

    interface Idempotency {
        /** A claim without a result older than this is taken over (its request died). */
        @WithDefault("60s")
        Duration inFlightTimeout();

        /** How long a key is remembered; a retry later than this creates again. */
        @WithDefault("24h")
        Duration retention();
    }

    interface Webhooks {
        /** Delay before each attempt, Standard Webhooks style: about 27 hours in all by default. */
        @WithDefault("PT0S,PT5S,PT5M,PT30M,PT2H,PT5H,PT10H,PT10H")
        List<Duration> retrySchedule();

        /** How often the dispatcher looks for due deliveries. */
        @WithDefault("5s")
        Duration pollInterval();

        /** How long one attempt may take before it counts as failed. */
        @WithDefault("10s")
        Duration timeout();

        /** Most deliveries one dispatcher run attempts. */
        @WithDefault("50")
        int batchSize();

        /**
         * Hosts (names or addresses) and CIDR ranges a callback may reach although they are not
         * public: loopback, private, link-local and the like are refused otherwise. For local
         * development only; empty by default.
         */
        Optional<List<String>> allowedHosts();

        /** Whether callback URLs must be https (plain http only for local development). */
        @WithDefault("true")
        boolean requireHttps();
    }

    /** The feed of scored assessments to metrics-service (docs/contracts.md, "Scored assessments"). */
    interface Feed {
        /** metrics-service's base URL ({@code FLOWLENS_METRICS_URL}). */
        @WithDefault("http://127.0.0.1:8082")
        String metricsUrl();

        /** How often the relay looks for due events besides the nudge after each commit. */
        @WithDefault("1s")
        Duration pollInterval();

        /** Most events in one POST (the contract allows 500). */
        @WithDefault("200")
        int batchSize();

        /** First retry delay after metrics-service could not be reached; doubles per attempt. */
        @WithDefault("1s")
        Duration initialBackoff();

        /** Longest retry delay. */
        @WithDefault("5m")
        Duration maxBackoff();

        /** How long one POST (or one batch's Kafka acknowledgements) may take. */
        @WithDefault("10s")
        Duration requestTimeout();

        /**
         * How the events travel to metrics-service ({@code FLOWLENS_FEED_TRANSPORT}): {@code http}
         * (the default, POSTs to {@code metricsUrl}) or {@code kafka} (records on {@code kafka.topic},
         * which metrics consumes; deploy/README.md, "Kafka").
         */
        @WithDefault("http")
        Transport transport();

        /** The Kafka transport (used when {@code transport=kafka}). */
        FeedKafka kafka();
    }

    enum Transport { HTTP, KAFKA }

    interface FeedKafka {
        /** Brokers to bootstrap from ({@code FLOWLENS_KAFKA_BOOTSTRAP_SERVERS}). */
        @WithDefault("127.0.0.1:9092")
        String bootstrapServers();

        /** Topic of scored-assessment events, partitioned by tenant (the record key). */
        @WithDefault("flowlens.assessment-events")
        String topic();

        /**
         * Largest record the producer sends, in bytes (within a topic's default
         * {@code max.message.bytes}; an event is a few KiB). A larger event is parked with this
         * reason instead of blocking the feed.
         */
        @WithDefault("1000000")
        int maxRecordBytes();

        /** Compression of record batches ({@code none}, {@code gzip}, {@code lz4}, {@code zstd}, {@code snappy}). */
        @WithDefault("lz4")
        String compression();
    }

    interface Reliability {
        /** Scored organisations a version needs before its Cronbach's alpha is reported. */
        @WithDefault("100")
        int minimumOrganisations();
    }
}
