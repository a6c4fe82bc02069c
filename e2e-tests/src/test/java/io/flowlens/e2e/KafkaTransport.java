package io.flowlens.e2e;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.flowlens.e2e.Suite.Service;

/**
 * The four services with Kafka as the transport of item events and scored assessments
 * (deploy/README.md, "Kafka"): ingestion's outbox relay publishes to the item-events topic,
 * assessment's feed relay to the assessment-events topic, and metrics consumes both, against a
 * real single-node broker that {@code deploy/kafka/kafka.sh} starts from the Apache Kafka jars
 * (no Docker). Databases {@code flowlens_<service>_kafka}; ports 25080–25083 (management
 * 25180–25183) and the broker 29092, all shifted by {@code FLOWLENS_E2E_PORT_OFFSET}. A broker
 * this class started is stopped when the test JVM ends.
 */
final class KafkaTransport {

    static final int BASE = 25080 + Suite.Shared.PORT_OFFSET;
    static final int KAFKA_PORT = 29092 + Suite.Shared.PORT_OFFSET;
    static final String BOOTSTRAP = "127.0.0.1:" + KAFKA_PORT;
    static final String TOPIC = "flowlens.item-events";
    static final String REFUSED_TOPIC = "flowlens.item-events.refused";
    static final String ASSESSMENT_TOPIC = "flowlens.assessment-events";
    static final String ASSESSMENT_REFUSED_TOPIC = "flowlens.assessment-events.refused";
    /** Records larger than this are parked by ingestion's relay (small here, so a test can make one). */
    static final int MAX_RECORD_BYTES = 16_384;

    private static final Map<Service, Process> PROCESSES = new EnumMap<>(Service.class);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static boolean started;
    private static boolean brokerStartedHere;

    private KafkaTransport() {
    }

    static String url(Service service) {
        return "http://127.0.0.1:" + (BASE + service.ordinalOnPorts());
    }

    static String managementUrl(Service service) {
        return "http://127.0.0.1:" + (BASE + 100 + service.ordinalOnPorts());
    }

    static String database(Service service) {
        return service.database().replace("_e2e", "_kafka");
    }

    static synchronized void ensureStarted() {
        if (started) {
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(KafkaTransport::stopAll));
        try {
            brokerStartedHere = !kafka("status");
            if (!kafka("start")) {
                throw new IllegalStateException("deploy/kafka/kafka.sh start failed (see target/e2e-logs/kafka-script.log)");
            }
            for (Service service : List.of(Service.INGESTION, Service.METRICS, Service.ASSESSMENT, Service.GATEWAY)) {
                launch(service, true);
            }
            for (Service service : Service.values()) {
                awaitLive(service);
            }
        } catch (RuntimeException e) {
            stopAll();
            throw e;
        }
        started = true;
    }

    /** Runs deploy/kafka/kafka.sh with this suite's broker port; true when it exits 0. */
    static boolean kafka(String command) {
        Path root = Path.of(System.getProperty("flowlens.root", ".."));
        ProcessBuilder builder = new ProcessBuilder("bash", root.resolve("deploy/kafka/kafka.sh").toString(), command);
        builder.environment().put("FLOWLENS_KAFKA_PORT", String.valueOf(KAFKA_PORT));
        builder.environment().put("FLOWLENS_KAFKA_DIR", root.resolve(".flowlens/kafka").toString());
        File log = logs().resolve("kafka-script.log").toFile();
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        try {
            Process p = builder.start();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Kills a service at once (SIGKILL: no shutdown, no offsets committed on the way out). */
    static synchronized void kill(Service service) {
        Process process = PROCESSES.remove(service);
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static synchronized void start(Service service) {
        launch(service, false);
        awaitLive(service);
    }

    static synchronized void stopAll() {
        for (Service service : Service.values()) {
            Process process = PROCESSES.remove(service);
            if (process != null) {
                process.destroy();
                try {
                    if (!process.waitFor(20, TimeUnit.SECONDS)) {
                        process.destroyForcibly().waitFor();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (brokerStartedHere) {
            brokerStartedHere = false;
            kafka("stop");
        }
    }

    private static Path logs() {
        Path logs = Path.of(System.getProperty("flowlens.e2e.logs", "target/e2e-logs"));
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return logs;
    }

    private static void launch(Service service, boolean cleanDatabase) {
        Path root = Path.of(System.getProperty("flowlens.root", ".."));
        Path jar = root.resolve(service.module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("not packaged: " + jar + " (run the build first)");
        }
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar",
                jar.toString());
        Map<String, String> env = builder.environment();
        env.putAll(Suite.environment(service, cleanDatabase));
        env.put("FLOWLENS_PORT", String.valueOf(BASE + service.ordinalOnPorts()));
        env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(BASE + 100 + service.ordinalOnPorts()));
        env.put("FLOWLENS_DB_NAME", database(service));
        env.put("FLOWLENS_GATEWAY_URL", url(Service.GATEWAY));
        env.put("FLOWLENS_INGESTION_URL", url(Service.INGESTION));
        env.put("FLOWLENS_METRICS_URL", url(Service.METRICS));
        env.put("FLOWLENS_ASSESSMENT_URL", url(Service.ASSESSMENT));
        env.put("FLOWLENS_INGESTION_MANAGEMENT_URL", managementUrl(Service.INGESTION));
        env.put("FLOWLENS_METRICS_MANAGEMENT_URL", managementUrl(Service.METRICS));
        env.put("FLOWLENS_ASSESSMENT_MANAGEMENT_URL", managementUrl(Service.ASSESSMENT));
        // The transport under test: ingestion publishes, metrics consumes; HTTP between them unused.
        env.put("FLOWLENS_KAFKA_BOOTSTRAP_SERVERS", BOOTSTRAP);
        env.put("FLOWLENS_OUTBOX_TRANSPORT", "kafka");
        env.put("FLOWLENS_KAFKA_ITEM_EVENTS", "true");
        // and assessment's feed publishes scored assessments, which metrics consumes too.
        env.put("FLOWLENS_FEED_TRANSPORT", "kafka");
        env.put("FLOWLENS_KAFKA_ASSESSMENT_EVENTS", "true");
        env.put("FLOWLENS_INGESTION_OUTBOX_KAFKA_MAX_RECORD_BYTES", String.valueOf(MAX_RECORD_BYTES));
        File log = logs().resolve("kafka-" + service.module + ".log").toFile();
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        try {
            PROCESSES.put(service, builder.start());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + service.module, e);
        }
    }

    private static void awaitLive(Service service) {
        Instant deadline = Instant.now().plus(Suite.READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            Process process = PROCESSES.get(service);
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(service.module + " exited with " + process.exitValue());
            }
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create(managementUrl(service) + "/q/health/live")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Suite.sleep(250);
        }
        throw new IllegalStateException(service.module + " not live");
    }
}
