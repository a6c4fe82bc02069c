package io.flowlens.ingestion.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** How the ingestion service is set up; every value but the secret key has a default fit for local development. */
@ConfigMapping(prefix = "flowlens.ingestion")
public interface IngestionConfig {

    /**
     * The database password, required: the datasource's own property is optional, so without
     * {@code FLOWLENS_DB_PASSWORD} a packaged service would start with an empty password (and work
     * wherever PostgreSQL trusts the host). Required here, the configuration check refuses to
     * start before anything connects, naming the variable. Never read by code.
     */
    @WithName("required.database-password")
    String requiredDatabasePassword();


    /**
     * Key material for encrypting connection secrets at rest (AES-256-GCM over its SHA-256).
     * {@code FLOWLENS_SECRET_KEY}; no default outside the dev and test profiles, so a deployment
     * without it refuses to start.
     */
    String secretKey();

    /** Public base URL trackers call (the gateway), used to show each connection's webhook URL. */
    @WithDefault("http://127.0.0.1:8080")
    String gatewayUrl();

    /** Largest webhook body accepted, in bytes (5 MB); larger is a 413. */
    @WithDefault("5242880")
    long webhookMaxBytes();

    /**
     * How long a webhook's connection (tenant, kind, secret) is reused without reading it again.
     * A secret changed through another replica is honoured after at most this long.
     */
    @WithDefault("2s")
    Duration connectionCacheTtl();

    /** Webhook deliveries written per transaction at most (concurrent deliveries share one commit). */
    @WithDefault("200")
    int webhookBatchSize();

    /**
     * Threads writing webhook deliveries, each one transaction at a time. One by default: it makes
     * the biggest batches and never waits for another writer's locks (a redelivery, or the same
     * issue in two batches); more only help where the database has cores to spare.
     */
    @WithDefault("1")
    int webhookWriters();

    /** Deliveries waiting to be written at most; beyond it a delivery is answered 503 (trackers retry). */
    @WithDefault("10000")
    int webhookQueueCapacity();

    /** Largest import accepted, in bytes (4 GB); imports stream to a temporary file, not memory. */
    @WithDefault("4294967296")
    long importMaxBytes();

    /** Items written per batch when an import or remapping writes. */
    @WithDefault("1000")
    int writeBatchSize();

    /**
     * How often statuses seen with a new category whose items were not derived again (the process
     * stopped after the commit) are looked for ({@code mapping.CategoryRederivation}).
     */
    @WithDefault("30s")
    Duration seenCategoriesSweep();

    Outbox outbox();

    /** The relay of canonical item events to metrics-service. */
    interface Outbox {

        /** metrics-service base URL ({@code FLOWLENS_METRICS_URL}). */
        @WithDefault("http://127.0.0.1:8082")
        String metricsUrl();

        /** How often the relay looks for due events besides the nudges after commits (the scheduler reads it). */
        @WithDefault("1s")
        Duration pollInterval();

        /** Events per POST (the contract allows at most 1,000). */
        @WithDefault("1000")
        int batchSize();

        /** First retry delay after a failed delivery; doubles per attempt. */
        @WithDefault("500ms")
        Duration initialBackoff();

        /** Longest delay between retries while metrics-service is down. */
        @WithDefault("30s")
        Duration maxBackoff();

        /** Time allowed for one POST to metrics-service (with Kafka: for the broker's acknowledgements of a batch). */
        @WithDefault("10s")
        Duration requestTimeout();

        /**
         * How events reach metrics-service: {@code http} (the default, one machine: POSTs to
         * {@link #metricsUrl()}) or {@code kafka} (at scale: records on {@link Kafka#topic()}, keyed by
         * tenant, which metrics consumes). {@code FLOWLENS_OUTBOX_TRANSPORT}.
         */
        @WithDefault("http")
        Transport transport();

        Kafka kafka();
    }

    enum Transport { HTTP, KAFKA }

    /** The Kafka transport of the outbox (used when {@code transport=kafka}). */
    interface Kafka {

        /** Brokers to bootstrap from ({@code FLOWLENS_KAFKA_BOOTSTRAP_SERVERS}). */
        @WithDefault("127.0.0.1:9092")
        String bootstrapServers();

        /** Topic of canonical item events, partitioned by tenant (the record key). */
        @WithDefault("flowlens.item-events")
        String topic();

        /**
         * Largest record the producer sends, in bytes (10 MiB; the topic's {@code max.message.bytes}
         * must allow it). A larger event is parked with this reason instead of blocking the outbox.
         */
        @WithDefault("10485760")
        int maxRecordBytes();

        /** Compression of record batches ({@code none}, {@code gzip}, {@code lz4}, {@code zstd}, {@code snappy}). */
        @WithDefault("lz4")
        String compression();
    }
}
