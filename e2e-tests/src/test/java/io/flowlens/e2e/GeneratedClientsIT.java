package io.flowlens.e2e;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The clients a partner generates from the merged OpenAPI document, in TypeScript
 * (openapi-typescript + openapi-fetch, strict tsc), Python (openapi-generator) and Java
 * (openapi-generator), each running the scenario of api-client/README.md against the suite with
 * a partner's API key, as a separate process. Each scenario prints what it saw, one
 * {@code step key=value ...} line per step; this test checks those lines against what the
 * suite holds, so a client that only exits 0 does not pass.
 */
class GeneratedClientsIT {

    static final String SECRET = "e2e-clients-webhook-secret";
    static final String REPOSITORY = "flowlens-e2e/clients";
    static final int FINISHED = 3;
    static final Duration SCENARIO_TIMEOUT = Duration.ofMinutes(6);

    static Gateway.Tenant tenant;
    static String valueStream;
    static Path openapi;

    @BeforeAll
    static void seed() throws IOException {
        Suite.ensureStarted();
        openapi = saveOpenApi();
        // A partner's key for the scenarios; the member seeds the flow data a partner would read.
        tenant = Gateway.newTenant("member", "partner", "reader");
        String connection = tenant.as("member").contentType(ContentType.JSON)
                .body(Map.of("kind", "github", "name", "e2e client issues", "secret", SECRET))
                .post("/api/v1/connections").then().statusCode(201).extract().path("id");
        valueStream = tenant.as("member").contentType(ContentType.JSON)
                .body(Map.of("name", "Clients", "timeZone", "Europe/Berlin",
                        "scopes", List.of(Map.of("connectionId", connection, "project", REPOSITORY))))
                .post("/api/v1/value-streams").then().statusCode(201).extract().path("id");
        GitHubDeliveries github = new GitHubDeliveries(connection, SECRET, REPOSITORY);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int n = 1; n <= FINISHED; n++) {
            github.opened(n, now.minus(Duration.ofDays(12))).then().statusCode(200);
            github.closed(n, now.minus(Duration.ofDays(12)), now.minus(Duration.ofDays(1 + 2L * n))).then().statusCode(200);
        }
        github.opened(FINISHED + 1, now.minus(Duration.ofDays(2))).then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(FINISHED,
                FlowThroughGatewayIT.velocity(tenant, valueStream)));
    }

    @Test
    void theTypeScriptClientRunsTheScenario() {
        checkScenario(run("typescript"));
    }

    @Test
    void thePythonClientRunsTheScenario() {
        checkScenario(run("python"));
    }

    @Test
    void theJavaClientRunsTheScenario() {
        checkScenario(run("java"));
    }

    /** What every client's scenario must have seen, checked against the suite itself. */
    private static void checkScenario(Map<String, Map<String, String>> saw) {
        String organisation = field(saw, "organisation", "id");
        tenant.as("reader").get("/api/v1/organisations/" + organisation).then().statusCode(200);

        String assessment = field(saw, "assessment", "id");
        assertEquals("false", field(saw, "assessment", "replayed"), "the first submission is not a replay");
        assertEquals(assessment, field(saw, "replay", "id"), "the replay answers the first assessment");
        assertEquals("true", field(saw, "replay", "replayed"), "the replay says so in Idempotent-Replayed");
        // The replay stored nothing: the organisation has exactly one assessment.
        tenant.as("reader").get("/api/v1/organisations/" + organisation + "/assessments")
                .then().statusCode(200).body("items.size()", equalTo(1)).body("items[0].id", equalTo(assessment));

        String benchmarkStatus = tenant.as("reader").get("/api/v1/assessments/" + assessment + "/benchmark")
                .then().statusCode(200).extract().path("status");
        assertEquals(benchmarkStatus, field(saw, "benchmark", "status"));

        assertEquals(String.valueOf(FINISHED), field(saw, "flow", "velocity"));
        assertTrue(Integer.parseInt(field(saw, "cfd", "days")) > 0, "the CFD has days");

        // The forecast drew on the seeded items, and the same seed gives the suite's own answer.
        assertEquals(String.valueOf(FINISHED), field(saw, "forecast", "completions"));
        String until = field(saw, "forecast", "until");
        String seed = field(saw, "forecast", "seed");
        Response forecast = tenant.as("reader").queryParams(Map.of("until", until, "seed", seed, "trials", "1000"))
                .get("/api/v1/value-streams/" + valueStream + "/forecast/how-many");
        forecast.then().statusCode(200);
        assertEquals(forecast.jsonPath().getString("results.find { it.confidencePercent == 85 }.items"),
                field(saw, "forecast", "p85"), "the same seed gives the same forecast");

        // The bad request answers one statement only: 422, a typed problem naming every other one.
        int statements = tenant.as("reader").get("/api/v1/questionnaires/ccm-2026.1").then().statusCode(200)
                .extract().jsonPath().getList("dimensions.statements.flatten()").size();
        assertEquals("422", field(saw, "problem", "status"));
        assertEquals("https://flowlens.io/problems/unprocessable", field(saw, "problem", "type"));
        assertEquals(String.valueOf(statements - 1), field(saw, "problem", "errors"));
        assertTrue(field(saw, "problem", "pointer").startsWith("/answers/"), "the problem points at an answer: " + saw);
    }

    private static String field(Map<String, Map<String, String>> saw, String step, String key) {
        Map<String, String> line = saw.get(step);
        assertNotNull(line, "the scenario printed no '" + step + "' line: " + saw);
        String value = line.get(key);
        assertNotNull(value, "the '" + step + "' line has no " + key + ": " + line);
        return value;
    }

    /**
     * Runs api-client/LANGUAGE/scenario.sh (generate the client from the merged document, build it,
     * run the scenario) and reads the step lines it printed.
     */
    private static Map<String, Map<String, String>> run(String language) {
        Path root = Path.of(System.getProperty("flowlens.root", "..")).toAbsolutePath().normalize();
        Path script = root.resolve("api-client").resolve(language).resolve("scenario.sh");
        Path log = Path.of(System.getProperty("flowlens.e2e.logs", "target/e2e-logs")).resolve("client-" + language + ".log");
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).directory(script.getParent().toFile());
        Map<String, String> env = builder.environment();
        env.put("FLOWLENS_OPENAPI", openapi.toAbsolutePath().toString());
        env.put("FLOWLENS_BASE_URL", Suite.Service.GATEWAY.url());
        env.put("FLOWLENS_API_KEY", tenant.key("partner"));
        env.put("FLOWLENS_VALUE_STREAM_ID", valueStream);
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        try {
            Files.createDirectories(log.getParent());
            Process process = builder.start();
            if (!process.waitFor(SCENARIO_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(language + " scenario did not finish within " + SCENARIO_TIMEOUT + "; see " + log);
            }
            String output = Files.readString(log);
            assertEquals(0, process.exitValue(), language + " scenario failed:\n" + tail(output));
            Map<String, Map<String, String>> steps = steps(output);
            assertFalse(steps.isEmpty(), language + " scenario printed no step:\n" + tail(output));
            return steps;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Lines "step: key=value key=value" (other output, such as build logs, is ignored). */
    static Map<String, Map<String, String>> steps(String output) {
        Map<String, Map<String, String>> steps = new HashMap<>();
        for (String line : output.split("\\R")) {
            int colon = line.indexOf(": ");
            if (!line.startsWith("scenario ") || colon < 0) {
                continue;
            }
            Map<String, String> fields = new HashMap<>();
            for (String pair : line.substring(colon + 2).trim().split("\\s+")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    fields.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
            steps.put(line.substring("scenario ".length(), colon), fields);
        }
        return steps;
    }

    private static String tail(String output) {
        return output.length() <= 6000 ? output : "…" + output.substring(output.length() - 6000);
    }

    private static Path saveOpenApi() throws IOException {
        Response doc = Gateway.anonymous().accept(ContentType.JSON).get("/q/openapi?format=json");
        doc.then().statusCode(200);
        Path dir = Path.of(System.getProperty("flowlens.e2e.openapi", "target/openapi"));
        Files.createDirectories(dir);
        Path file = dir.resolve("openapi.json");
        Files.writeString(file, doc.asString());
        return file;
    }
}
