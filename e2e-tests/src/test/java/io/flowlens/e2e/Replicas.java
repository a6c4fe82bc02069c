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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.flowlens.e2e.Suite.Service;

/**
 * Two replicas of every service, as a Kubernetes Deployment of two pods would run them: each
 * pair shares its service's database ({@code flowlens_<service>_replicas}), and each replica has
 * its own ports. Replica {@code a}'s gateway routes to the {@code a} services and replica
 * {@code b}'s to the {@code b} ones, and each ingestion and assessment relay delivers to the
 * metrics replica of its letter: so both relays drain one shared outbox, and whatever one
 * replica writes the other must see through the database alone.
 *
 * <p>Ports: replica a 26080–26083 (management 26180–26183), replica b 27080–27083 (27180–27183),
 * both shifted by {@code FLOWLENS_E2E_PORT_OFFSET}.
 */
final class Replicas {

    enum Replica {
        A(26080), B(27080);

        final int base;

        Replica(int base) {
            this.base = base + Suite.Shared.PORT_OFFSET;
        }

        int port(Service service) {
            return base + service.ordinalOnPorts();
        }

        int managementPort(Service service) {
            return base + 100 + service.ordinalOnPorts();
        }

        String url(Service service) {
            return "http://127.0.0.1:" + port(service);
        }

        String managementUrl(Service service) {
            return "http://127.0.0.1:" + managementPort(service);
        }
    }

    private static final Map<String, Process> PROCESSES = new HashMap<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static boolean started;

    private Replicas() {
    }

    static String database(Service service) {
        return service.database().replace("_e2e", "_replicas");
    }

    /** Starts both replicas of every service once; replica a cleans the databases first. */
    static synchronized void ensureStarted() {
        if (started) {
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(Replicas::stopAll));
        try {
            launchAll();
        } catch (RuntimeException e) {
            stopAll(); // nothing left holding ports or outliving the test JVM
            throw e;
        }
        started = true;
    }

    private static void launchAll() {
        List<Service> order = List.of(Service.INGESTION, Service.METRICS, Service.ASSESSMENT, Service.GATEWAY);
        for (Service service : order) {
            launch(Replica.A, service, true);
        }
        for (Service service : order) {
            awaitReady(Replica.A, service);
        }
        // b starts on the databases a has migrated: the second pod of a rollout.
        for (Service service : order) {
            launch(Replica.B, service, false);
        }
        for (Service service : order) {
            awaitReady(Replica.B, service);
        }
    }

    /** Kills a replica at once (SIGKILL: no shutdown, no draining), as a node failure would. */
    static synchronized void kill(Replica replica, Service service) {
        Process process = PROCESSES.remove(key(replica, service));
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops a replica gracefully (SIGTERM), as a rollout or scale-in would. */
    static synchronized void stop(Replica replica, Service service) {
        Process process = PROCESSES.remove(key(replica, service));
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

    static synchronized void start(Replica replica, Service service) {
        launch(replica, service, false);
        awaitReady(replica, service);
    }

    static void stopAll() {
        for (Replica replica : Replica.values()) {
            for (Service service : Service.values()) {
                stop(replica, service);
            }
        }
    }

    private static String key(Replica replica, Service service) {
        return replica + "/" + service;
    }

    private static void launch(Replica replica, Service service, boolean cleanDatabase) {
        Path root = Path.of(System.getProperty("flowlens.root", ".."));
        Path jar = root.resolve(service.module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("not packaged: " + jar + " (run the build first)");
        }
        Path logs = Path.of(System.getProperty("flowlens.e2e.logs", "target/e2e-logs"));
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar",
                jar.toString());
        Map<String, String> env = builder.environment();
        env.putAll(Suite.environment(service, cleanDatabase));
        env.put("FLOWLENS_PORT", String.valueOf(replica.port(service)));
        env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(replica.managementPort(service)));
        env.put("FLOWLENS_DB_NAME", database(service));
        env.put("FLOWLENS_GATEWAY_URL", replica.url(Service.GATEWAY));
        env.put("FLOWLENS_INGESTION_URL", replica.url(Service.INGESTION));
        env.put("FLOWLENS_METRICS_URL", replica.url(Service.METRICS));
        env.put("FLOWLENS_ASSESSMENT_URL", replica.url(Service.ASSESSMENT));
        env.put("FLOWLENS_INGESTION_MANAGEMENT_URL", replica.managementUrl(Service.INGESTION));
        env.put("FLOWLENS_METRICS_MANAGEMENT_URL", replica.managementUrl(Service.METRICS));
        env.put("FLOWLENS_ASSESSMENT_MANAGEMENT_URL", replica.managementUrl(Service.ASSESSMENT));
        File log = logs.resolve("replica-" + replica.name().toLowerCase() + "-" + service.module + ".log").toFile();
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        try {
            PROCESSES.put(key(replica, service), builder.start());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + service.module + " " + replica, e);
        }
    }

    private static void awaitReady(Replica replica, Service service) {
        Instant deadline = Instant.now().plus(Suite.READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            Process process = PROCESSES.get(key(replica, service));
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(service.module + " " + replica + " exited with " + process.exitValue());
            }
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create(replica.managementUrl(service) + "/q/health/live")).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.ofString());
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
        throw new IllegalStateException(service.module + " " + replica + " not ready");
    }
}
