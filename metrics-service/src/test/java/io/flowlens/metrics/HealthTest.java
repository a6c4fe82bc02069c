package io.flowlens.metrics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HealthTest {

    private static int managementPort() {
        return ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
    }

    @Test
    void readinessIsUpAndChecksTheDatabase() throws InterruptedException {
        // Ready once the start-up warm-up is over (a few seconds at most).
        long deadline = System.currentTimeMillis() + 30_000;
        while (given().port(managementPort()).when().get("/q/health/ready").statusCode() != 200
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        given().port(managementPort()).when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"))
                .body("checks.name", hasItem("warm-up"))
                // Both Kafka consumers say they are off: events arrive over HTTP unless switched on.
                .body("checks.find { it.name == 'item events from Kafka' }.data.state", startsWith("off"))
                .body("checks.find { it.name == 'assessment events from Kafka' }.data.state", startsWith("off"));
    }

    @Test
    void prometheusMetricsAreExposed() {
        given().port(managementPort()).when().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void operationsEndpointsAreOnlyOnTheManagementPort() {
        for (String path : new String[] { "/q/health", "/q/metrics", "/q/openapi" }) {
            given().when().get(path).then().statusCode(404).header("X-Content-Type-Options", "nosniff");
        }
        given().port(managementPort()).queryParam("format", "json").when().get("/q/openapi").then().statusCode(200);
    }
}
