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
import java.util.HashMap;
import java.util.Map;

/**
 * The four packaged services, started once per test run as separate processes on their own
 * ports (API 28080–28083, management interface 29080–29083) and end-to-end databases, exactly as
 * the local run script starts them. A packaged jar runs in the prod profile: every secret is
 * passed, none has a default there.
 */
public final class Suite {

    public enum Service {
        INGESTION("ingestion-service", 28081, 29081, "flowlens_ingestion_e2e"),
        METRICS("metrics-service", 28082, 29082, "flowlens_metrics_e2e"),
        ASSESSMENT("assessment-service", 28083, 29083, "flowlens_assessment_e2e"),
        GATEWAY("gateway", 28080, 29080, "flowlens_gateway_e2e");

        final String module;
        final int port;
        final int managementPort;
        final String database;

        Service(String module, int port, int managementPort, String database) {
            this.module = module;
            this.port = port + Shared.PORT_OFFSET;
            this.managementPort = managementPort + Shared.PORT_OFFSET;
            this.database = database + Shared.DB_SUFFIX;
        }

        public String url() {
            return "http://127.0.0.1:" + port;
        }

        /** Its management interface: health, metrics (and a service's OpenAPI document). */
        public String managementUrl() {
            return "http://127.0.0.1:" + managementPort;
        }

        public String database() {
            return database;
        }

        /** Its place in a block of four ports: gateway 0, ingestion 1, metrics 2, assessment 3. */
        int ordinalOnPorts() {
            return switch (this) {
                case GATEWAY -> 0;
                case INGESTION -> 1;
                case METRICS -> 2;
                case ASSESSMENT -> 3;
            };
        }
    }

    /**
     * Lets two end-to-end runs share a machine (two worktrees, say): each adds this to every port
     * and this suffix to every database name. Zero and empty by default. A holder of its own, so
     * the enum's constants can read it without starting this class's initialisation.
     */
    static final class Shared {
        static final int PORT_OFFSET = Integer.parseInt(System.getenv().getOrDefault("FLOWLENS_E2E_PORT_OFFSET", "0"));
        static final String DB_SUFFIX = System.getenv().getOrDefault("FLOWLENS_E2E_DB_SUFFIX", "");

        private Shared() {
        }
    }

    public static final String IDENTITY_SECRET = "e2e-identity-secret-0123456789abcdef-0123456789";
    public static final String ADMIN_KEY = "flk_e2e_platform_admin_key_0123456789abcdef";
    /** Ingestion's AES key for tracker secrets (base64 of 32 bytes). */
    static final String SECRET_KEY = "ZTJlLWFlcy1rZXktb2YtdGhpcnR5LXR3by1ieXRlcyE=";
    static final String DB_PASSWORD = System.getenv().getOrDefault("FLOWLENS_DB_PASSWORD", "flowlens");
    /** Four JVMs start at once; a busy CI machine has been seen to need over 90 s. FLOWLENS_E2E_READY_TIMEOUT (seconds) changes it. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(
            Long.parseLong(System.getenv().getOrDefault("FLOWLENS_E2E_READY_TIMEOUT", "180")));

    private static final Map<Service, Process> PROCESSES = new EnumMap<>(Service.class);
    private static boolean started;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Suite() {
    }

    /** Starts every service once (cleaning the end-to-end databases), and stops them when the JVM exits. */
    public static synchronized void ensureStarted() {
        if (started) {
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(Suite::stopAll));
        try {
            for (Service service : Service.values()) {
                launch(service, true);
            }
            for (Service service : Service.values()) {
                awaitReady(service);
            }
        } catch (RuntimeException e) {
            // Stop what did start: the next test class would otherwise launch a second set on
            // ports the first still holds, and the first would outlive the test JVM.
            stopAll();
            throw e;
        }
        started = true;
    }

    public static synchronized void stop(Service service) {
        Process process = PROCESSES.remove(service);
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts a stopped service again on its existing data. */
    public static synchronized void restart(Service service) {
        stop(service);
        launch(service, false);
        awaitReady(service);
    }

    static void stopAll() {
        for (Service service : Service.values()) {
            stop(service);
        }
    }

    private static void launch(Service service, boolean cleanDatabase) {
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
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar",
                jar.toString());
        Map<String, String> env = builder.environment();
        env.putAll(environment(service, cleanDatabase));
        File log = logs.resolve(service.module + ".log").toFile();
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        try {
            PROCESSES.put(service, builder.start());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + service.module, e);
        }
    }

    static Map<String, String> environment(Service service, boolean cleanDatabase) {
        Map<String, String> env = new HashMap<>();
        env.put("FLOWLENS_PORT", String.valueOf(service.port));
        // Quarkus' own variable: honoured whatever a service's properties call its management port.
        env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(service.managementPort));
        env.put("FLOWLENS_DB_NAME", service.database);
        env.put("FLOWLENS_DB_PASSWORD", DB_PASSWORD);
        env.put("FLOWLENS_IDENTITY_SECRET", IDENTITY_SECRET);
        env.put("FLOWLENS_ADMIN_KEY", ADMIN_KEY);
        // Packaged services run in prod, where secrets have no default.
        env.put("FLOWLENS_SECRET_KEY", SECRET_KEY);
        env.put("FLOWLENS_GATEWAY_URL", Service.GATEWAY.url());
        env.put("FLOWLENS_INGESTION_URL", Service.INGESTION.url());
        env.put("FLOWLENS_METRICS_URL", Service.METRICS.url());
        env.put("FLOWLENS_ASSESSMENT_URL", Service.ASSESSMENT.url());
        env.put("FLOWLENS_INGESTION_MANAGEMENT_URL", Service.INGESTION.managementUrl());
        env.put("FLOWLENS_METRICS_MANAGEMENT_URL", Service.METRICS.managementUrl());
        env.put("FLOWLENS_ASSESSMENT_MANAGEMENT_URL", Service.ASSESSMENT.managementUrl());
        if (cleanDatabase) {
            env.put("QUARKUS_FLYWAY_CLEAN_AT_START", "true");
            env.put("QUARKUS_FLYWAY_CLEAN_DISABLED", "false");
        }
        return env;
    }

    public static void awaitReady(Service service) {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            Process process = PROCESSES.get(service);
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(service.module + " exited with " + process.exitValue()
                        + "; see " + System.getProperty("flowlens.e2e.logs") + "/" + service.module + ".log");
            }
            // Live on its management interface; a build whose management interface is off answers on its API port.
            if (live(service.managementUrl()) || live(service.url())) {
                return;
            }
            sleep(250);
        }
        throw new IllegalStateException(service.module + " not ready within " + READY_TIMEOUT);
    }

    private static boolean live(String base) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/health/live"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
