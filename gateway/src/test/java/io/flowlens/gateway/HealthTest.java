package io.flowlens.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.flowlens.gateway.support.Gateway;
import io.flowlens.gateway.support.StandInServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * Health and metrics live on the management interface, never on the public port; readiness lists
 * the database and every service, and stays UP while one is down. The stand-ins are started for
 * every test class from here.
 */
@QuarkusTest
@QuarkusTestResource(StandInServices.class)
class HealthTest {

    static RequestSpecification management() {
        return given().port(ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class));
    }

    @Test
    void readinessIsUpAndChecksTheDatabase() {
        management().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"));
    }

    @Test
    void readinessReportsAServiceDownButStaysUp() {
        management().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.name", hasItem("ingestion-service"))
                .body("checks.name", hasItem("metrics-service"))
                .body("checks.name", hasItem("assessment-service"));
        Gateway.control("stop/assessment");
        try {
            // One service down must not take every gateway replica out of the load balancer.
            management().when().get("/q/health/ready")
                    .then().statusCode(200)
                    .body("status", equalTo("UP"))
                    .body("checks.find { it.name == 'assessment-service' }.data.service", equalTo("DOWN"))
                    .body("checks.find { it.name == 'metrics-service' }.data.service", equalTo("UP"));
            management().when().get("/q/health/live").then().statusCode(200);
        } finally {
            Gateway.control("start/assessment");
        }
    }

    @Test
    void prometheusMetricsAreOnTheManagementPortWithOneUriPerServicePrefix() {
        given().get("/api/v1/items/123").then().statusCode(401);
        given().get("/api/v1/items/456").then().statusCode(401);
        management().when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("uri=\"/api/v1/items/*\""))
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("/api/v1/items/123")));
    }

    @Test
    void managementEndpointsAreNotOnThePublicPort() {
        for (String path : new String[] {"/q/metrics", "/q/health", "/q/health/ready", "/q/health/live"}) {
            given().get(path).then().statusCode(404);
        }
    }
}
